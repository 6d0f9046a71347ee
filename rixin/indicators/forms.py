from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from rixin.forms import ActionErrorsMixin

from .models import Indicator


class IndicatorForm(ActionErrorsMixin, forms.ModelForm):
    """A county's own indicator."""

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "unit",
            "frequency",
            "publishes_value",
            "decimal_places",
            "higher_is_better",
            "parent",
            "display_order",
        ]
        help_texts = {"code": _("小写字母、数字、下划线,如 tourism_revenue。")}

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Indicator.objects.filter(
            Q(county__isnull=True) | Q(county_id=county_code)
        )

    def changes(self) -> dict:
        return dict(self.cleaned_data)

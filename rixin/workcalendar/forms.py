from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.forms import ActionErrorsMixin

from .models import SpecialDay


class DayForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = SpecialDay
        fields = ["date", "kind", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.changed_data}


class ConfirmYearForm(ActionErrorsMixin, forms.Form):
    notice = forms.CharField(
        label=_("通知文号"),
        max_length=200,
        required=False,
        help_text=_("如:国务院办公厅关于2027年部分节假日安排的通知"),
    )

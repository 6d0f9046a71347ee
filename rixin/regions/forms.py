from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.forms import ActionErrorsMixin

from .models import Division, DivisionChangeKind


class DivisionChangeForm(ActionErrorsMixin, forms.Form):
    division = forms.ModelChoiceField(label=_("行政区划"), queryset=Division.objects.none())
    kind = forms.ChoiceField(label=_("变更类型"), choices=DivisionChangeKind.choices)
    effective_date = forms.DateField(
        label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    new_name = forms.CharField(
        label=_("新名称"),
        max_length=50,
        required=False,
        help_text=_("更名时必填;新设承继区划时为其名称。"),
    )
    new_code = forms.CharField(
        label=_("新代码(承继区划)"),
        max_length=6,
        required=False,
        help_text=_("撤县设区(市)或合并时必填:已有区划的代码,或新设区划的代码。"),
    )
    document = forms.CharField(label=_("批准文件"), max_length=200, required=False)
    reason = forms.CharField(
        label=_("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, prefix_code: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        divisions = Division.objects.filter(valid_until__isnull=True)
        if prefix_code is not None:
            divisions = divisions.filter(code__startswith=prefix_code)
        self.fields["division"].queryset = divisions
        self.fields["division"].label_from_instance = lambda d: f"{d.code} {d.name}"

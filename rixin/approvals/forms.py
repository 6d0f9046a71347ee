from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Department
from rixin.forms import ActionErrorsMixin, VersionedModelForm

from .choices import ItemKind, ProjectType
from .models import CatalogueItem, Stage

DATE = forms.DateInput(attrs={"type": "date"})


def _today():
    return timezone.localdate()


class OpenCaseForm(ActionErrorsMixin, forms.Form):
    project_code = forms.CharField(label=_("项目代码(24位)"), max_length=30)
    project_type = forms.ChoiceField(label=_("项目类型"), choices=ProjectType.choices)
    opened_on = forms.DateField(label=_("立案日期"), widget=DATE, initial=_today)


class StepForm(ActionErrorsMixin, forms.Form):
    """The fields every item step may use; each step reads the ones it needs."""

    on = forms.DateField(label=_("日期"), widget=DATE, initial=_today)
    kind = forms.ChoiceField(label=_("办理方式"), choices=ItemKind.choices, required=False)
    missing_materials = forms.CharField(label=_("容缺材料"), required=False)
    supply_by = forms.DateField(label=_("补齐期限"), widget=DATE, required=False)
    document_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class SignOffForm(ActionErrorsMixin, forms.Form):
    on = forms.DateField(label=_("签署日期"), widget=DATE, initial=_today)
    passed = forms.TypedChoiceField(
        label=_("验收结论"),
        choices=[("1", _("合格")), ("0", _("不合格"))],
        coerce=lambda v: v == "1",
    )
    opinion = forms.CharField(label=_("验收意见"), max_length=300, required=False)


class ConveneForm(ActionErrorsMixin, forms.Form):
    on = forms.DateField(label=_("组织验收日期"), widget=DATE, initial=_today)


class UploadForm(ActionErrorsMixin, forms.Form):
    file = forms.FileField(label=_("补充材料(PDF、JPEG 或 PNG)"))


class StageForm(VersionedModelForm):
    class Meta:
        model = Stage
        fields = ["name", "lead_department", "time_limit_days", "may_overlap"]

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_department"].queryset = Department.objects.filter(county_id=county_code)


class CatalogueItemForm(VersionedModelForm):
    class Meta:
        model = CatalogueItem
        fields = [
            "stage",
            "code",
            "name",
            "department",
            "time_limit_days",
            "kind",
            "materials",
            "joint_acceptance",
            "is_active",
        ]
        widgets = {"materials": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, county_code: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = Stage.objects.filter(county_id=county_code)
        self.fields["department"].queryset = Department.objects.filter(county_id=county_code)

from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Department, Enterprise
from rixin.forms import VersionedModelForm, show_hidden_errors
from rixin.parks.models import Park

from . import access
from .choices import ProjectStatus
from .models import AnnualPlan, Industry, Milestone, Project, ProjectSettings
from .validators import normalize_code

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(VersionedModelForm):
    class Meta:
        model = Project
        fields = [
            "name",
            "code",
            "category",
            "industry",
            "park",
            "owner",
            "department",
            "leader_title",
            "level",
            "is_key_one",
            "total_investment",
            "planned_start",
            "planned_completion",
            "address",
            "latitude",
            "longitude",
            "construction_content",
            "scale",
        ]
        widgets = {
            "planned_start": DATE,
            "planned_completion": DATE,
            "construction_content": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        county = user.county_code
        if self.instance.pk is None:
            self.instance.county_id = county  # the model's checks compare counties
        self.fields["industry"].queryset = Industry.objects.filter(county_id=county)
        self.fields["park"].queryset = Park.objects.filter(county_id=county)
        self.fields["owner"].queryset = Enterprise.objects.filter(county_id=county)
        departments = Department.objects.filter(county_id=county)
        if not access.writes_every_project(user):
            departments = departments.filter(pk=user.department_id)
            self.fields["department"].initial = user.department_id
        self.fields["department"].queryset = departments

    def clean_code(self):
        return normalize_code(self.cleaned_data.get("code"))

    def clean(self):
        from rixin.maps.geo import check_location

        cleaned = super().clean()
        self.location_warnings = []
        if "latitude" in self.errors or "longitude" in self.errors:
            return cleaned  # the field's own message says what is wrong
        site = check_location(
            self.instance.county_id, cleaned.get("latitude"), cleaned.get("longitude")
        )
        for name, message in site.errors.items():
            self.add_error(name, message)
        if site.ok:
            cleaned["latitude"], cleaned["longitude"] = site.latitude, site.longitude
            self.location_warnings = site.warnings
        return cleaned

    def validate_unique(self):
        # The code's uniqueness is checked by the database constraint with the action's message.
        pass


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("新状态"), choices=ProjectStatus.choices)
    reason = forms.CharField(label=_("原因"), required=False, max_length=300)


class AnnualPlanForm(VersionedModelForm):
    class Meta:
        model = AnnualPlan
        fields = [
            "planned_investment",
            "plans_start",
            "plans_completion",
            "physical_targets",
        ]
        widgets = {"physical_targets": forms.Textarea(attrs={"rows": 3})}


class MonthlyReportForm(forms.Form):
    investment = forms.DecimalField(
        label=_("本月完成投资(万元)"), min_value=0, max_digits=14, decimal_places=2
    )
    physical_progress = forms.DecimalField(
        label=_("形象进度(%)"), min_value=0, max_value=100, decimal_places=1, required=False
    )
    progress_text = forms.CharField(
        label=_("形象进度说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    problem = forms.CharField(
        label=_("问题与诉求(可选)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    problem_department = forms.ModelChoiceField(
        label=_("问题办理部门"), queryset=Department.objects.none(), required=False
    )
    # The version of the month's report the form was opened on (0: none yet), so a second
    # writer's change is refused with the conflict message instead of overwritten.
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=0,
        error_messages={"required": _("缺少版本号:请刷新页面,查看最新内容后重新填报。")},
    )

    def __init__(self, *args, county: str, existing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["problem_department"].queryset = Department.objects.filter(county_id=county)
        if not self.is_bound:
            self.initial["version"] = existing.version if existing else 0

    def clean(self):
        data = super().clean()
        if data.get("problem") and not data.get("problem_department"):
            self.add_error("problem_department", _("请选择问题的办理部门。"))
        show_hidden_errors(self)
        return data


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("通过")), ("return", _("退回"))])
    reason = forms.CharField(label=_("退回原因"), required=False, max_length=300)


class PhotoForm(forms.Form):
    image = forms.FileField(label=_("现场照片(JPEG 或 PNG,不超过 10 MB)"))
    caption = forms.CharField(label=_("说明"), required=False, max_length=120)


class ResolveForm(forms.Form):
    measures = forms.CharField(label=_("解决措施"), widget=forms.Textarea(attrs={"rows": 2}))


class MilestoneForm(VersionedModelForm):
    class Meta:
        model = Milestone
        fields = ["name", "type", "due_date", "status", "met_on"]
        widgets = {"due_date": DATE, "met_on": DATE}


class IndustryForm(forms.ModelForm):
    class Meta:
        model = Industry
        fields = ["name", "order"]

    def validate_unique(self):
        pass


class SettingsForm(forms.ModelForm):
    class Meta:
        model = ProjectSettings
        fields = ["report_due_day", "ahead_margin", "behind_margin"]

    def validate_unique(self):
        pass

from django import forms
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import Department, Enterprise
from rixin.forms import ActionErrorsMixin, VersionedModelForm

from .choices import (
    APPEAL_CHANNELS,
    COMPLAINT_CHANNELS,
    AppealKind,
    Channel,
    Resolution,
    Satisfaction,
    Status,
)
from .models import Appeal, AppealPolicy, Category
from .validation import TEXT_LIMITS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the action."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"})
        )
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


def _categories(county_code, kind=None):
    queryset = Category.objects.filter(county_id=county_code, is_active=True)
    return queryset.filter(kind=kind) if kind else queryset


class SubmitForm(ActionErrorsMixin, forms.Form):
    """An enterprise user's appeal."""

    category = forms.ModelChoiceField(label=_("类别"), queryset=Category.objects.none())
    title = forms.CharField(label=_("标题"), max_length=TEXT_LIMITS["title"])
    content = forms.CharField(
        label=_("内容"), widget=forms.Textarea(attrs={"rows": 6}), max_length=TEXT_LIMITS["content"]
    )
    address = forms.CharField(label=_("地点"), max_length=TEXT_LIMITS["address"], required=False)
    latitude = forms.DecimalField(
        label=_("纬度"),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=6,
        help_text=_("选填,WGS 84,如 37.889"),
    )
    longitude = forms.DecimalField(
        label=_("经度"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=6,
        help_text=_("选填,WGS 84,如 113.176"),
    )
    attachments = MultipleFileField(label=_("附件(JPEG、PNG 或 PDF)"))

    def __init__(self, *args, county_code=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(county_code, AppealKind.APPEAL)


class RegisterForm(SubmitForm):
    """The desk registers an appeal or a complaint it collected."""

    kind = forms.ChoiceField(label=_("类型"), choices=AppealKind.choices)
    channel = forms.ChoiceField(label=_("渠道"), choices=Channel.choices)
    enterprise = forms.ModelChoiceField(
        label=_("企业"), queryset=Enterprise.objects.none(), required=False
    )
    complainant_name = forms.CharField(
        label=_("投诉人姓名(可匿名)"), max_length=TEXT_LIMITS["complainant_name"], required=False
    )
    complainant_phone = forms.CharField(
        label=_("投诉人电话"), max_length=TEXT_LIMITS["complainant_phone"], required=False
    )
    complained_department = forms.ModelChoiceField(
        label=_("被投诉部门"), queryset=Department.objects.none(), required=False
    )
    field_order = [
        "kind",
        "channel",
        "category",
        "enterprise",
        "complainant_name",
        "complainant_phone",
        "complained_department",
        "title",
        "content",
        "address",
        "latitude",
        "longitude",
        "attachments",
    ]

    def __init__(self, *args, county_code=None, **kwargs):
        super().__init__(*args, county_code=county_code, **kwargs)
        self.fields["category"].queryset = _categories(county_code)
        self.fields["enterprise"].queryset = Enterprise.objects.filter(county_id=county_code)
        self.fields["complained_department"].queryset = Department.objects.filter(
            county_id=county_code
        )
        self.channel_help = {"appeal": APPEAL_CHANNELS, "complaint": COMPLAINT_CHANNELS}


class DispatchForm(forms.Form):
    lead = forms.ModelChoiceField(label=_("主办部门"), queryset=Department.objects.none())
    co = forms.ModelMultipleChoiceField(
        label=_("协办部门"), queryset=Department.objects.none(), required=False
    )
    note = forms.CharField(label=_("派单说明"), required=False, max_length=TEXT_LIMITS["note"])
    deadline_days = forms.IntegerField(label=_("办理时限(工作日)"), required=False)

    def __init__(self, *args, appeal: Appeal, **kwargs):
        super().__init__(*args, **kwargs)
        # The bounds are the county's policy; the action checks them and names them.
        self.policy = AppealPolicy.for_county(appeal.county_id)
        self.initial.setdefault("deadline_days", self.policy.default_deadline_days)
        # Any department may be posted; the action refuses another county's with its message.
        self.fields["lead"].queryset = Department.objects.all()
        self.fields["co"].queryset = Department.objects.all()
        self.choices = Department.objects.filter(county_id=appeal.county_id)
        self.initial.setdefault("lead", appeal.category.default_department_id)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMITS["note"],
        required=False,
    )
    internal = forms.BooleanField(label=_("仅内部可见"), required=False)


class ReopenForm(NoteForm):
    """重办: the supervisor's note and the new deadline's working days."""

    deadline_days = forms.IntegerField(label=_("办理时限(工作日)"), required=False)


class ExtensionForm(NoteForm):
    """延期: how many more working days, and why."""

    deadline_days = forms.IntegerField(label=_("延长(工作日)"), required=False)


class AnswerForm(forms.Form):
    solution = forms.CharField(
        label=_("解决方案"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_LIMITS["answer_solution"],
        required=False,
    )
    post = forms.CharField(
        label=_("责任岗位"), max_length=TEXT_LIMITS["answer_post"], required=False
    )
    done_on = forms.DateField(
        label=_("完成日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class MarkForm(forms.Form):
    satisfaction = forms.ChoiceField(
        label=_("满意度"), choices=Satisfaction.choices[:3], widget=forms.RadioSelect
    )
    resolution = forms.ChoiceField(
        label=_("解决情况"), choices=Resolution.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("评价意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_LIMITS["mark_comment"],
        required=False,
    )


class CallbackForm(MarkForm):
    """回访: the mark the enterprise gave by phone, who called and when."""

    called_by = forms.CharField(label=_("回访人"), max_length=TEXT_LIMITS["answer_post"])
    called_at = forms.DateTimeField(
        label=_("回访时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )


class MergeForm(forms.Form):
    master = forms.ModelChoiceField(label=_("并入主诉求"), queryset=Appeal.objects.all())


class PublishForm(forms.Form):
    is_public = forms.BooleanField(label=_("在 Open311 接口公开"), required=False)


class AppealFilterForm(forms.Form):
    q = forms.CharField(label=_("标题或编号"), required=False)
    status = forms.ChoiceField(
        label=_("状态"), choices=[("", _("全部状态")), *Status.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("类型"), choices=[("", _("全部类型")), *AppealKind.choices], required=False
    )


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=_("起"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("止"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    county = forms.CharField(label=_("县"), required=False)


class IssuePaperForm(forms.Form):
    month = forms.DateField(
        label=_("月份"),
        widget=forms.DateInput(attrs={"type": "month"}),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )
    meeting_on = forms.DateField(
        label=_("答卷会日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CategoryForm(VersionedModelForm):
    class Meta:
        model = Category
        fields = [
            "code",
            "name",
            "kind",
            "description",
            "default_department",
            "deadline_days",
            "is_active",
            "open311",
        ]

    def __init__(self, *args, county_code=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_department"].queryset = Department.objects.filter(
            county_id=county_code
        )

    def validate_unique(self):
        pass


class PolicyForm(ActionErrorsMixin, forms.ModelForm):
    class Meta:
        model = AppealPolicy
        fields = [
            "default_deadline_days",
            "max_deadline_days",
            "unmarked_close_days",
            "reminder_days",
            "weight_response",
            "weight_on_time",
            "weight_resolution",
            "weight_satisfaction",
            "weight_no_reopen",
        ]

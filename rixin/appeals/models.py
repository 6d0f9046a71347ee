"""Enterprise appeals and complaints, their dispatches and transitions, and the monthly paper."""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from . import access
from .choices import (
    OVERDUE_STATUSES,
    WITH_DEPARTMENT,
    AppealKind,
    AssignmentRole,
    Channel,
    ExtensionDecision,
    MarkSource,
    PaperStatus,
    Resolution,
    Satisfaction,
    Status,
    Step,
)
from .validation import TEXT_LIMITS
from .workdays import working_days_between


class AppealPolicy(CountyOwned):
    """A county's settings for the appeal loop: the working days a dispatcher may give,
    closing unmarked answers and scorecard weights."""

    default_deadline_days = models.PositiveSmallIntegerField(
        _("默认办理时限(工作日)"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    max_deadline_days = models.PositiveSmallIntegerField(
        _("办理时限上限(工作日)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    unmarked_close_days = models.PositiveSmallIntegerField(
        _("答复后未评价自动办结(工作日)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("到期前提醒(工作日)"), default=2, validators=[MaxValueValidator(10)]
    )
    weight_response = models.PositiveSmallIntegerField(_("权重:响应率"), default=15)
    weight_on_time = models.PositiveSmallIntegerField(_("权重:按时办结率"), default=25)
    weight_resolution = models.PositiveSmallIntegerField(_("权重:解决率"), default=25)
    weight_satisfaction = models.PositiveSmallIntegerField(_("权重:满意率"), default=30)
    weight_no_reopen = models.PositiveSmallIntegerField(_("权重:未重办率"), default=5)

    class Meta:
        verbose_name = _("诉求办理规则")
        verbose_name_plural = _("诉求办理规则")
        constraints = [models.UniqueConstraint(fields=["county"], name="appeal_policy_one")]

    def __str__(self) -> str:
        return str(_("诉求办理规则"))

    def clean(self) -> None:
        if not self.weights_total:
            raise ValidationError(_("综合得分的权重之和不能为零。"))
        if self.default_deadline_days > self.max_deadline_days:
            raise ValidationError(
                {"default_deadline_days": _("默认办理时限不能超过办理时限上限。")}
            )

    @property
    def weights(self) -> dict[str, int]:
        return {
            "response_rate": self.weight_response,
            "on_time_rate": self.weight_on_time,
            "resolution_rate": self.weight_resolution,
            "satisfaction_rate": self.weight_satisfaction,
            "no_reopen_rate": self.weight_no_reopen,
        }

    @property
    def weights_total(self) -> int:
        return sum(self.weights.values())

    @classmethod
    def for_county(cls, county_code: str) -> AppealPolicy:
        """The county's policy, or the defaults when it has not set one."""
        return cls.objects.filter(county_id=county_code).first() or cls(county_id=county_code)


class Category(CountyOwned, Illustrative, Versioned):
    """An entry of the county's dispatch catalogue: who answers, and in how many working days."""

    code = models.SlugField(_("编码"), max_length=30)
    name = models.CharField(_("类别名称"), max_length=TEXT_LIMITS["name"])
    kind = models.CharField(_("适用于"), max_length=10, choices=AppealKind.choices)
    description = models.CharField(_("说明"), max_length=TEXT_LIMITS["description"], blank=True)
    default_department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="appeal_categories",
        verbose_name=_("默认承办部门"),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("办理时限(工作日)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    is_active = models.BooleanField(_("启用"), default=True)
    open311 = models.BooleanField(_("在 Open311 接口公开"), default=False)

    class Meta:
        ordering = ["county", "kind", "code"]
        verbose_name = _("诉求类别")
        verbose_name_plural = _("诉求类别")
        constraints = [
            models.UniqueConstraint(fields=["county", "code"], name="appeal_category_code")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.default_department_id and self.county_id:
            if self.default_department.county_id != self.county_id:
                raise ValidationError({"default_department": _("默认承办部门不属于本县。")})


class AppealNumberSequence(models.Model):
    """The last appeal number given in a county in a month (编号 140725-202407-003). The row
    is locked while a number is taken, so two submissions never get the same number, none is
    refused, and a deleted appeal's number is never given again."""

    county = models.ForeignKey(
        "regions.Division",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("县(市、区)"),
    )
    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    last = models.PositiveIntegerField(_("已用到的序号"), default=0)

    class Meta:
        verbose_name = _("诉求编号序列")
        verbose_name_plural = _("诉求编号序列")
        constraints = [
            models.UniqueConstraint(fields=["county", "month"], name="appeal_number_month")
        ]

    def __str__(self) -> str:
        return f"{self.county_id}-{self.month:%Y%m}: {self.last}"


class Paper(CountyOwned, Illustrative):
    """The monthly paper (以月答卷): the federation sets it, the county answers, enterprises mark."""

    month = models.DateField(_("月份"), help_text=_("该月第一天"))
    status = models.CharField(
        _("状态"), max_length=12, choices=PaperStatus.choices, default=PaperStatus.COLLECTING
    )
    issued_at = models.DateTimeField(_("出卷时间"), null=True, blank=True)
    meeting_on = models.DateField(_("答卷会日期"), null=True, blank=True)

    class Meta:
        ordering = ["county", "-month"]
        verbose_name = _("月度答卷")
        verbose_name_plural = _("月度答卷")
        constraints = [models.UniqueConstraint(fields=["county", "month"], name="paper_month")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _("%(y)s年%(m)s月卷") % {"y": self.month.year, "m": self.month.month}

    @property
    def month_end(self) -> datetime.date:
        following = (self.month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
        return following - datetime.timedelta(days=1)


def overdue_q(as_of: datetime.date, prefix: str = "") -> Q:
    """The one definition of an overdue appeal: it still waits for a department (dispatched,
    in progress, or returned and not yet dispatched again) and its deadline is before
    ``as_of``. ``prefix`` reaches the appeal from a related model (``"appeal__"``).
    ``Appeal.is_overdue`` is the same rule for one loaded row."""
    return Q(**{f"{prefix}status__in": OVERDUE_STATUSES, f"{prefix}deadline__lt": as_of})


class AppealQuerySet(CountyScopedQuerySet):
    def visible_to(self, user):
        """County-wide for the desk, leaders, admins and viewers; a department sees what was
        dispatched to it or complains about it; an enterprise sees its own."""
        queryset = super().visible_to(user)
        if access.sees_only_own_department(user):
            queryset = queryset.filter(
                Q(assignments__department_id=user.department_id)
                | Q(complained_department_id=user.department_id)
            ).distinct()
        return queryset

    def overdue(self, as_of: datetime.date):
        """Appeals overdue on ``as_of`` (see ``overdue_q``)."""
        return self.filter(overdue_q(as_of))

    def overdue_as_of(self, day: datetime.date):
        """Appeals that were overdue at the end of ``day``, as they stood then: the rule of
        ``overdue_q`` applied to ``status_then``, the new status of each appeal's latest
        Transition up to the end of ``day`` (None for an appeal not yet received by then)."""
        following = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
        steps = Transition.objects.filter(
            appeal=OuterRef("pk"), at__lt=timezone.make_aware(following)
        )
        return self.annotate(
            status_then=Subquery(steps.order_by("-at", "-pk").values("new_status")[:1])
        ).filter(status_then__in=OVERDUE_STATUSES, deadline__lt=day)

    def for_enterprise(self, enterprise_id: int):
        return self.filter(enterprise_id=enterprise_id)

    def open311_public(self):
        """What the anonymous Open311 reader may see: marked public, never a complaint."""
        return self.filter(is_public=True, kind=AppealKind.APPEAL).exclude(
            status__in=[Status.SUBMITTED, Status.MERGED]
        )


class Appeal(CountyOwned, Illustrative, Versioned):
    """An enterprise's appeal, or a complaint about government service, and where it stands."""

    kind = models.CharField(
        _("类型"), max_length=10, choices=AppealKind.choices, default=AppealKind.APPEAL
    )
    number = models.CharField(_("编号"), max_length=20, unique=True)
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("企业"),
    )
    complainant_name = models.CharField(
        _("投诉人姓名"), max_length=TEXT_LIMITS["complainant_name"], blank=True
    )
    complainant_phone = models.CharField(
        _("投诉人电话"), max_length=TEXT_LIMITS["complainant_phone"], blank=True
    )
    complained_department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints_about",
        verbose_name=_("被投诉部门"),
    )
    channel = models.CharField(_("渠道"), max_length=12, choices=Channel.choices)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("类别")
    )
    title = models.CharField(_("标题"), max_length=TEXT_LIMITS["title"])
    content = models.TextField(_("内容"), max_length=TEXT_LIMITS["content"])
    address = models.CharField(_("地点"), max_length=TEXT_LIMITS["address"], blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    paper = models.ForeignKey(
        Paper,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("所属月卷"),
    )
    status = models.CharField(
        _("状态"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    lead_department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals_led",
        verbose_name=_("主办部门"),
    )
    deadline = models.DateField(_("办理时限"), null=True, blank=True)
    master = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        verbose_name=_("并入的主诉求"),
    )
    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    registered_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    answer_solution = models.TextField(
        _("解决方案"), max_length=TEXT_LIMITS["answer_solution"], blank=True
    )
    answer_post = models.CharField(_("责任岗位"), max_length=TEXT_LIMITS["answer_post"], blank=True)
    answer_done_on = models.DateField(_("完成日期"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    satisfaction = models.CharField(
        _("满意度"), max_length=12, choices=Satisfaction.choices, blank=True
    )
    resolution = models.CharField(
        _("解决情况"), max_length=12, choices=Resolution.choices, blank=True
    )
    mark_comment = models.TextField(
        _("评价意见"), max_length=TEXT_LIMITS["mark_comment"], blank=True
    )
    marked_at = models.DateTimeField(_("阅卷时间"), null=True, blank=True)
    mark_source = models.CharField(
        _("评价方式"), max_length=10, choices=MarkSource.choices, blank=True
    )
    callback_by = models.CharField(_("回访人"), max_length=TEXT_LIMITS["answer_post"], blank=True)
    callback_at = models.DateTimeField(_("回访时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    is_escalated = models.BooleanField(_("领导督办"), default=False)
    is_public = models.BooleanField(_("公开"), default=False)
    is_confidential = models.BooleanField(_("保密"), default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("提交人"),
    )

    objects = AppealQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("诉求")
        verbose_name_plural = _("诉求")
        indexes = [
            models.Index(fields=["county", "status"]),
            models.Index(fields=["county", "kind", "registered_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_complaint(self) -> bool:
        return self.kind == AppealKind.COMPLAINT

    @property
    def requester(self) -> str:
        if self.enterprise_id:
            return self.enterprise.name
        return self.complainant_name or str(_("匿名"))

    def requester_for(self, user) -> str:
        """Who raised it, as ``user`` may read it: hidden from the department complained about."""
        if self.is_complaint and not access.shows_complainant_to(user, self):
            return str(_("(投诉人信息已隐藏)"))
        return self.requester

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        """``overdue_q`` for this row, without a query (lists show a badge per row)."""
        today = today or timezone.localdate()
        return bool(self.deadline and self.status in OVERDUE_STATUSES and self.deadline < today)

    def countdown(self, today: datetime.date | None = None) -> tuple[str, int] | None:
        """While the clock runs (the statuses of ``is_overdue``): ``("left", n)`` working days
        to the deadline (0: due today) or ``("overdue", n)`` working days past it, on the
        county's calendar; None when no clock runs."""
        if not self.deadline or self.status not in OVERDUE_STATUSES:
            return None
        today = today or timezone.localdate()
        if self.deadline >= today:
            return "left", working_days_between(today, self.deadline, self.county_id)
        return "overdue", working_days_between(self.deadline, today, self.county_id)


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_at__isnull=True)

    def waiting(self):
        """Active dispatches not yet answered, of appeals still with a department."""
        return self.active().filter(answered_at__isnull=True, appeal__status__in=WITH_DEPARTMENT)

    def overdue(self, as_of: datetime.date):
        """Waiting dispatches whose appeal is overdue (``overdue_q``; a dispatch shares its
        appeal's deadline)."""
        return self.waiting().filter(overdue_q(as_of, "appeal__"))


class Assignment(models.Model):
    """One dispatch of an appeal to a department (派单): the department's clock runs from here."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("诉求")
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="appeal_assignments",
        verbose_name=_("部门"),
    )
    role = models.CharField(_("承办方式"), max_length=4, choices=AssignmentRole.choices)
    is_redo = models.BooleanField(_("重办"), default=False)
    dispatched_at = models.DateTimeField(_("派单时间"))
    deadline = models.DateField(_("办理时限"))
    acknowledged_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    returned_at = models.DateTimeField(_("退单时间"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("提醒时间"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("超期登记时间"), null=True, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    # The local dates of 派单, 签收 and 答复, written with their timestamps
    # (``actions._dispatch_to`` and ``actions._mark_assignment``): the scorecard counts working
    # days between them on the calendar table, in SQL, with no time-zone conversion per row.
    dispatched_on = models.DateField(_("派单日期"), editable=False)
    acknowledged_on = models.DateField(_("签收日期"), null=True, blank=True, editable=False)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True, editable=False)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["dispatched_at", "pk"]
        verbose_name = _("派单")
        verbose_name_plural = _("派单")

    def __str__(self) -> str:
        return f"{self.appeal.number} → {self.department}"

    @property
    def county_id(self) -> str:
        """The appeal's county (for the audit record)."""
        return self.appeal.county_id

    @staticmethod
    def local_dates(changes: dict) -> dict:
        """The local date columns that go with the timestamps in ``changes``."""
        return {
            f"{name[:-3]}_on": timezone.localtime(value).date() if value is not None else None
            for name, value in changes.items()
            if name in LOCAL_DATES
        }


LOCAL_DATES = ("dispatched_at", "acknowledged_at", "answered_at")


class Transition(models.Model):
    """One step of an appeal: old and new status, who, when, and what was said."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("诉求")
    )
    step = models.CharField(_("环节"), max_length=12, choices=Step.choices)
    old_status = models.CharField(_("原状态"), max_length=12, choices=Status.choices, blank=True)
    new_status = models.CharField(_("新状态"), max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("部门"),
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    note = models.TextField(_("说明"), max_length=TEXT_LIMITS["note"], blank=True)
    internal_note = models.TextField(
        _("内部说明"),
        max_length=TEXT_LIMITS["note"],
        blank=True,
        help_text=_("派单说明等,企业看不到"),
    )
    for_enterprise = models.BooleanField(_("企业可见"), default=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")

    def __str__(self) -> str:
        return f"{self.appeal_id} {self.get_step_display()}"


class Extension(models.Model):
    """A department's request for more working days (延期) and 营商环境局's decision; the
    deadline moves only when it is granted."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("诉求")
    )
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("派单")
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请部门"),
    )
    days = models.PositiveSmallIntegerField(_("延长(工作日)"))
    reason = models.TextField(_("延期理由"), max_length=TEXT_LIMITS["note"])
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("申请人"),
    )
    requested_at = models.DateTimeField(_("申请时间"))
    old_deadline = models.DateField(_("原办理时限"))
    decision = models.CharField(
        _("审批结果"),
        max_length=10,
        choices=ExtensionDecision.choices,
        default=ExtensionDecision.PENDING,
    )
    new_deadline = models.DateField(_("新办理时限"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), max_length=TEXT_LIMITS["note"], blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("延期申请")
        verbose_name_plural = _("延期申请")

    def __str__(self) -> str:
        return f"{self.appeal.number} +{self.days}"

    @property
    def county_id(self) -> str:
        """The appeal's county (for the audit record)."""
        return self.appeal.county_id


class MarkingLinkQuerySet(models.QuerySet):
    def for_token(self, token: str):
        """The link whose token is ``token`` (only its hash is stored)."""
        return self.filter(token_hash=MarkingLink.hash_token(token))


class MarkingLink(models.Model):
    """A one-time link for the appeal's contact to mark the answer without an account. Only
    the token's hash is kept; ``used_at`` makes it one-time."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="marking_links", verbose_name=_("诉求")
    )
    token_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True)
    sent_to = models.CharField(_("发送至"), max_length=TEXT_LIMITS["complainant_phone"])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("生成人"),
    )
    created_at = models.DateTimeField(_("生成时间"))
    expires_on = models.DateField(_("有效期至"))
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    objects = MarkingLinkQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("评价链接")
        verbose_name_plural = _("评价链接")

    def __str__(self) -> str:
        return f"{self.appeal.number} → {self.sent_to}"

    @property
    def county_id(self) -> str:
        """The appeal's county (for the audit record)."""
        return self.appeal.county_id

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def is_open(self, today: datetime.date) -> bool:
        """Unused, not expired, and the answer still waits for its mark."""
        return (
            self.used_at is None
            and today <= self.expires_on
            and self.appeal.status == Status.ANSWERED
            and self.appeal.marked_at is None
        )


def attachment_path(instance: Attachment, filename: str) -> str:
    return f"appeals/{instance.appeal.county_id}/{instance.appeal_id}/{filename}"


class Attachment(models.Model):
    """A photo or PDF attached to an appeal, checked by its content, not its name."""

    appeal = models.ForeignKey(
        Appeal, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("诉求")
    )
    file = models.FileField(_("文件"), upload_to=attachment_path)
    original_name = models.CharField(_("原文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=40)
    size = models.PositiveIntegerField(_("大小(字节)"))
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name

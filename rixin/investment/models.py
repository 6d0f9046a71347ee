"""招商引资: teams and targets, leads and their stages, activities, signing events, agreements.

Leads and activities are confidential (investors' intentions): their querysets let only the
investment-promotion centre, county leaders and the county administrator see them. Teams,
targets, signing events and agreements (announced at signing conferences) follow the county's
ordinary scope.
"""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rixin.directory.models import validate_credit_code
from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from .access import sees_leads
from .choices import (
    DEFAULT_PROBABILITIES,
    PIPELINE,
    ActivityKind,
    AgreementKind,
    LeadSource,
    ReviewOpinion,
    Stage,
    TargetPeriod,
)

POSITIVE = [MinValueValidator(Decimal("0.01"), _("金额必须大于0。"))]
NOT_NEGATIVE = [MinValueValidator(Decimal("0"), _("不能为负数。"))]


class ConfidentialQuerySet(CountyScopedQuerySet):
    """Rows only the investment-promotion centre, leaders and the county admin may see."""

    def visible_to(self, user):
        if user is not None and user.is_authenticated and user.is_system_actor:
            return self.all()
        if user is None or not sees_leads(user):
            return self.none()
        return self.filter(county_id=user.county_code)


class PipelineSettings(CountyOwned):
    """A county's rules for the pipeline: the review rule and the stage probabilities."""

    review_required = models.BooleanField(
        _("推进到洽谈前须有研判意见"),
        default=True,
        help_text=_("关闭后,线索可不经研判意见直接推进。"),
    )
    probabilities = models.JSONField(
        _("各阶段成功概率(%)"), default=dict, blank=True, help_text=_("缺省按系统默认值。")
    )

    class Meta:
        verbose_name = _("招商流程设置")
        verbose_name_plural = _("招商流程设置")
        constraints = [
            models.UniqueConstraint(fields=["county"], name="investment_settings_one_per_county")
        ]

    def __str__(self) -> str:
        return str(_("招商流程设置"))

    @classmethod
    def for_county(cls, county_code: str) -> PipelineSettings:
        found = cls.objects.filter(county_id=county_code).first()
        return found or cls(county_id=county_code)

    def probability(self, stage: str) -> Decimal:
        value = self.probabilities.get(stage, DEFAULT_PROBABILITIES.get(stage, 0))
        return Decimal(str(value))


class Team(CountyOwned, Illustrative, Versioned):
    """An investment-promotion team (招商团队 / 专班)."""

    name = models.CharField(_("团队名称"), max_length=80)
    industry_focus = models.CharField(_("产业方向"), max_length=120, blank=True)
    leader_title = models.CharField(_("牵头领导(职务)"), max_length=60, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="investment_teams",
        verbose_name=_("成员"),
    )

    class Meta:
        ordering = ["county", "name"]
        verbose_name = _("招商团队")
        verbose_name_plural = _("招商团队")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="investment_team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


# The list a county starts with; its administrator and the centre may add to it.
DEFAULT_LOST_REASONS = (
    "投资方决策调整",
    "选址或用地条件不满足",
    "政策或要素条件未谈拢",
    "被其他地区引走",
    "资金不到位",
)
OTHER_LOST_REASON = "其他"


class LostReason(CountyOwned):
    """A coded reason a lead was lost (终止), from the county's own list; the "其他" entry asks
    for the reason in words."""

    name = models.CharField(_("原因"), max_length=40)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    needs_text = models.BooleanField(
        _("须填写说明"), default=False, help_text=_("“其他”:终止时须写明具体原因。")
    )

    class Meta:
        ordering = ["county", "order", "pk"]
        verbose_name = _("线索终止原因")
        verbose_name_plural = _("线索终止原因")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="lost_reason_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


def period_dates(year: int, period: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a target period."""
    if period == TargetPeriod.H1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    if period == TargetPeriod.H2:
        return datetime.date(year, 7, 1), datetime.date(year, 12, 31)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class Target(CountyOwned, Illustrative, Versioned):
    """A signing target of the county (team empty) or of one team, for a year or a half-year."""

    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
        verbose_name=_("团队"),
        help_text=_("空表示全县目标。"),
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    period = models.CharField(
        _("期间"), max_length=4, choices=TargetPeriod.choices, default=TargetPeriod.YEAR
    )
    signing_amount = models.DecimalField(
        _("签约额目标(万元)"), max_digits=14, decimal_places=2, validators=POSITIVE
    )
    signed_projects = models.PositiveIntegerField(_("签约项目数目标"), null=True, blank=True)
    start_rate = models.DecimalField(
        _("开工率目标(%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        ordering = ["-year", "period"]
        verbose_name = _("招商目标")
        verbose_name_plural = _("招商目标")
        constraints = [
            models.UniqueConstraint(
                fields=["county", "team", "year", "period"],
                condition=models.Q(team__isnull=False),
                name="investment_team_target_unique",
            ),
            models.UniqueConstraint(
                fields=["county", "year", "period"],
                condition=models.Q(team__isnull=True),
                name="investment_county_target_unique",
            ),
        ]

    def __str__(self) -> str:
        owner = self.team.name if self.team_id else _("全县")
        return f"{owner} {self.year} {self.get_period_display()}"

    @property
    def dates(self) -> tuple[datetime.date, datetime.date]:
        return period_dates(self.year, self.period)


class LeadQuerySet(ConfidentialQuerySet):
    def open(self):
        return self.exclude(stage__in=[Stage.TERMINATED, Stage.PRODUCING])


def clean_credit_code(text) -> str:
    """A unified social credit code as typed, pasted or imported (full-width characters,
    spaces, lower case), NFKC-normalised and upper-cased, then checked by the directory's
    validator (GB 32100, check digit included); "" stays "" (the code is optional)."""
    code = unicodedata.normalize("NFKC", str(text or "")).replace(" ", "").strip().upper()
    if code:
        validate_credit_code(code)
    return code


class Lead(CountyOwned, Illustrative, Versioned):
    """A company's intention to invest, followed from first contact to a producing project."""

    source = models.CharField(_("线索来源"), max_length=20, choices=LeadSource.choices)
    company_name = models.CharField(_("企业名称"), max_length=120)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, validators=[validate_credit_code]
    )
    origin_city = models.CharField(_("来源城市"), max_length=40)
    origin_province = models.CharField(_("来源省份"), max_length=40, blank=True)
    project_name = models.CharField(_("意向项目"), max_length=120, blank=True)
    industry = models.CharField(_("产业"), max_length=40)
    intended_investment = models.DecimalField(
        _("意向投资额(万元)"), max_digits=14, decimal_places=2, validators=POSITIVE
    )
    land_mu = models.DecimalField(
        _("用地需求(亩)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    building_sqm = models.DecimalField(
        _("厂房需求(平方米)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    expected_annual_tax = models.DecimalField(
        _("预计年税收(万元)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=NOT_NEGATIVE,
    )
    intended_site = models.CharField(_("意向园区或选址"), max_length=120, blank=True)
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("负责团队"),
    )
    stage = models.CharField(_("阶段"), max_length=12, choices=Stage.choices, default=Stage.CLUE)
    stage_since = models.DateTimeField(_("进入本阶段时间"), default=timezone.now)
    review_opinion = models.CharField(
        _("研判意见"), max_length=10, choices=ReviewOpinion.choices, blank=True
    )
    review_note = models.TextField(_("研判说明"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("研判人"),
    )
    reviewed_at = models.DateTimeField(_("研判时间"), null=True, blank=True)
    lost_reason = models.ForeignKey(
        LostReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leads",
        verbose_name=_("终止原因"),
    )
    termination_reason = models.TextField(_("终止说明"), blank=True)
    created = models.DateTimeField(_("登记时间"), default=timezone.now)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-stage_since"]
        verbose_name = _("招商线索")
        verbose_name_plural = _("招商线索")

    def __str__(self) -> str:
        return self.company_name + (f" · {self.project_name}" if self.project_name else "")

    def clean(self) -> None:
        if self.team_id and self.team.county_id != self.county_id:
            raise ValidationError({"team": _("团队不属于该县。")})

    @property
    def days_in_stage(self) -> int:
        return (timezone.now() - self.stage_since).days

    @property
    def stage_index(self) -> int:
        return PIPELINE.index(self.stage) if self.stage in PIPELINE else -1


class LeadStageChange(models.Model):
    """One change of a lead's stage: old, new, who, when, why."""

    lead = models.ForeignKey(
        Lead, on_delete=models.CASCADE, related_name="stage_changes", verbose_name=_("线索")
    )
    old = models.CharField(_("原阶段"), max_length=12, choices=Stage.choices, blank=True)
    new = models.CharField(_("新阶段"), max_length=12, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"), default=timezone.now)
    reason = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("线索阶段变更")
        verbose_name_plural = _("线索阶段变更")

    def __str__(self) -> str:
        return f"{self.get_old_display()} → {self.get_new_display()}"


class ActivityQuerySet(ConfidentialQuerySet):
    def open_follow_ups(self):
        return self.filter(next_contact_on__isnull=False, next_contact_done=False)

    def due_on(self, day: datetime.date):
        return self.open_follow_ups().filter(next_contact_on=day)

    def overdue_on(self, day: datetime.date):
        return self.open_follow_ups().filter(next_contact_on__lt=day)


class Activity(CountyOwned, Illustrative):
    """A visit (外出招商) or a follow-up with a lead, with the date of the next contact."""

    kind = models.CharField(_("类型"), max_length=12, choices=ActivityKind.choices)
    lead = models.ForeignKey(
        Lead,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("线索"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("团队"),
    )
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), null=True, blank=True)
    cities = models.CharField(_("城市"), max_length=200, blank=True, help_text=_("用顿号分隔"))
    participants = models.CharField(_("参加人员(职务)"), max_length=300, blank=True)
    companies_met = models.TextField(_("拜访企业"), blank=True)
    outcome = models.TextField(_("成果"), blank=True)
    next_contact_on = models.DateField(_("下次联系日期"), null=True, blank=True)
    next_contact_done = models.BooleanField(_("下次联系已完成"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("记录人"),
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("招商活动")
        verbose_name_plural = _("招商活动")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_date} {self.cities}".strip()

    def clean(self) -> None:
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("结束日期不能早于开始日期。")
        if self.lead_id and self.lead.county_id != self.county_id:
            errors["lead"] = _("线索不属于该县。")
        if self.kind == ActivityKind.VISIT and not self.cities.strip():
            errors["cities"] = _("外出招商须填写城市。")
        if errors:
            raise ValidationError(errors)

    @property
    def city_list(self) -> list[str]:
        return split_cities(self.cities)


def split_cities(text: str) -> list[str]:
    for sep in (",", ",", "/", " ", ";", ";"):
        text = text.replace(sep, "、")
    return [c.strip() for c in text.split("、") if c.strip()]


class SigningEvent(CountyOwned, Illustrative, Versioned):
    """A signing conference (签约大会), e.g. the 寿阳招商引资大会."""

    name = models.CharField(_("活动名称"), max_length=120)
    date = models.DateField(_("日期"))
    place = models.CharField(_("地点"), max_length=120, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("签约活动")
        verbose_name_plural = _("签约活动")

    def __str__(self) -> str:
        return self.name


class AgreementQuerySet(CountyScopedQuerySet):
    def signed_between(self, start: datetime.date, end: datetime.date):
        return self.filter(signed_on__gte=start, signed_on__lte=end)

    def started(self):
        """Agreements whose project in the library has reached 新开工 or later (a join on the
        project's status, not a subquery over every county's projects)."""
        from rixin.projects.choices import ProjectStatus

        return self.filter(project__status__in=ProjectStatus.STARTED)

    def total_amount(self) -> Decimal:
        return self.aggregate(total=Sum("amount"))["total"] or Decimal(0)


class Agreement(CountyOwned, Illustrative, Versioned):
    """A signed agreement: one or more companies, a project and an amount."""

    event = models.ForeignKey(
        SigningEvent,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("签约活动"),
    )
    lead = models.ForeignKey(
        Lead,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("来源线索"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("负责团队"),
    )
    project_name = models.CharField(_("项目名称"), max_length=120)
    kind = models.CharField(_("协议类型"), max_length=12, choices=AgreementKind.choices)
    amount = models.DecimalField(
        _("签约金额(万元)"), max_digits=14, decimal_places=2, validators=POSITIVE
    )
    signed_on = models.DateField(_("签约日期"))
    industry = models.CharField(_("产业"), max_length=40, blank=True)
    origin_city = models.CharField(_("来源城市"), max_length=40, blank=True)
    project = models.OneToOneField(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreement",
        verbose_name=_("项目库项目"),
    )

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "pk"]
        verbose_name = _("签约协议")
        verbose_name_plural = _("签约协议")

    def __str__(self) -> str:
        return self.project_name

    def clean(self) -> None:
        errors = {}
        if self.signed_on and self.signed_on > timezone.localdate():
            errors["signed_on"] = _("签约日期不能晚于今天。")
        for name in ("event", "lead", "team"):
            related = getattr(self, name) if getattr(self, f"{name}_id") else None
            if related is not None and related.county_id != self.county_id:
                errors[name] = _("不属于该县。")
        if errors:
            raise ValidationError(errors)

    @property
    def company_names(self) -> list[str]:
        return [party.company_name for party in self.parties.all()]


class AgreementParty(models.Model):
    """One company that signed an agreement."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="parties", verbose_name=_("协议")
    )
    company_name = models.CharField(_("企业名称"), max_length=120)
    enterprise = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("名录中的企业"),
    )
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("签约企业")
        verbose_name_plural = _("签约企业")

    def __str__(self) -> str:
        return self.company_name

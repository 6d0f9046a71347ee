"""The project reserve library: projects, their lifecycle, annual plans, monthly reports,
problems, photos and milestones, and every figure derived from them (one formula each)."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rixin.money import percent
from rixin.regions.models import CountyOwned, CountyScopedQuerySet, Illustrative, Versioned

from .choices import (
    Health,
    MilestoneStatus,
    MilestoneType,
    ProblemStatus,
    ProjectCategory,
    ProjectLevel,
    ProjectStatus,
    ReportStatus,
)
from .validators import division_of, normalize_code, validate_project_code

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0")
TENTH = Decimal("0.1")


def last_day(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def elapsed_share(year: int, reference: datetime.date | None = None) -> Decimal:
    """The share of ``year`` that has passed on ``reference`` (default today), 0 to 1."""
    reference = reference or datetime.date.today()
    if reference.year != year:
        return Decimal(1) if reference.year > year else ZERO
    days = 366 if calendar.isleap(year) else 365
    return Decimal(reference.timetuple().tm_yday) / Decimal(days)


class Industry(CountyOwned, Illustrative):
    """An industry of the county's own list (智慧物流, 环保造纸, …), kept by the county administrator."""

    name = models.CharField(_("产业名称"), max_length=40)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["county", "order", "name"]
        verbose_name = _("重点产业")
        verbose_name_plural = _("重点产业")
        constraints = [
            models.UniqueConstraint(fields=["county", "name"], name="industry_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class ProjectSettings(CountyOwned):
    """A county's rules for the library: the report due day and the health thresholds."""

    report_due_day = models.PositiveSmallIntegerField(
        _("月报截止日(次月几日)"), default=5, help_text=_("每月报告须在次月该日之前提交。")
    )
    ahead_margin = models.DecimalField(
        _("超前阈值(百分点)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("10"),
        help_text=_("年度完成率超过时序进度达到该百分点,判为超前。"),
    )
    behind_margin = models.DecimalField(
        _("滞后阈值(百分点)"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("10"),
        help_text=_("年度完成率低于时序进度超过该百分点,判为滞后。"),
    )

    class Meta:
        verbose_name = _("项目库设置")
        verbose_name_plural = _("项目库设置")
        constraints = [
            models.UniqueConstraint(fields=["county"], name="project_settings_one_per_county")
        ]

    def __str__(self) -> str:
        return str(_("项目库设置"))

    def clean(self) -> None:
        if not 1 <= self.report_due_day <= 28:
            raise ValidationError({"report_due_day": _("应在1到28之间。")})

    @classmethod
    def for_county(cls, county_code: str) -> ProjectSettings:
        return cls.objects.filter(county_id=county_code).first() or cls(county_id=county_code)

    def health(self, completion: Decimal | None, expected: Decimal) -> str | None:
        """超前 / 正常 / 滞后 from the annual completion (%) against the time elapsed (%)."""
        if completion is None:
            return None
        if completion >= expected + self.ahead_margin:
            return Health.AHEAD
        if completion < expected - self.behind_margin:
            return Health.BEHIND
        return Health.NORMAL

    def report_due_date(self, year: int, month: int) -> datetime.date:
        following = datetime.date(year, month, 1) + datetime.timedelta(days=32)
        return following.replace(day=self.report_due_day)


@dataclass(frozen=True)
class Progress:
    """A project's figures for one year up to one month (all money in 万元, rates in %)."""

    annual_plan: Decimal | None
    planned_to_date: Decimal | None
    completed_this_year: Decimal
    completed_since_start: Decimal
    total_investment: Decimal
    physical: Decimal | None
    expected: Decimal
    health: str | None

    @property
    def health_label(self) -> str:
        return Health(self.health).label if self.health else ""

    @property
    def against_plan_to_date(self) -> Decimal | None:
        return percent(self.completed_this_year, self.planned_to_date)

    @property
    def against_annual_plan(self) -> Decimal | None:
        return percent(self.completed_this_year, self.annual_plan)

    @property
    def financial(self) -> Decimal | None:
        return percent(self.completed_since_start, self.total_investment)

    @property
    def exceeds_total(self) -> bool:
        return self.completed_since_start > self.total_investment


def end_of_day(date: datetime.date) -> datetime.datetime:
    """The first instant after ``date`` (in the site's time zone): "by the end of ``date``"
    means strictly before it."""
    following = datetime.datetime.combine(date + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(following) if settings.USE_TZ else following


# The statuses of a project in implementation: the months it owes a monthly report.
IMPLEMENTATION = (ProjectStatus.NEW_START, ProjectStatus.UNDER_CONSTRUCTION)


def status_on(date: datetime.date, project: str = "pk") -> Subquery:
    """The status a project had at the end of ``date``: the new status of its last
    StatusChange up to then (None if it had not entered the library). ``project`` names the
    outer project key (``"pk"`` on projects, ``"project_id"`` on their plans)."""
    changes = StatusChange.objects.filter(project=OuterRef(project), at__lt=end_of_day(date))
    return Subquery(changes.order_by("-at", "-pk").values("new_status")[:1])


class ProjectQuerySet(CountyScopedQuerySet):
    def with_entry(self):
        """Annotate ``entered``: when each project entered the library (its first
        StatusChange, the 入库 row; ``created`` for a project without one)."""
        first = StatusChange.objects.filter(project=OuterRef("pk")).order_by("at", "pk")
        return self.annotate(entered=Coalesce(Subquery(first.values("at")[:1]), F("created")))

    def as_of(self, date: datetime.date):
        """The library as it stood at the end of ``date``: the projects entered by then (the
        date of their first StatusChange, the 入库 row; ``created`` for a project without
        one), each annotated with ``entered`` (datetime) and ``status_then`` (the status it
        had then, from its StatusChange rows). Every period figure starts here: pass the
        period's last day (``last_day(year, month)``). Filter on ``status_then``, not
        ``status``, for the period's status."""
        return (
            self.with_entry()
            .annotate(status_then=Coalesce(status_on(date), F("status")))
            .filter(entered__lt=end_of_day(date))
        )

    def owing_report(self, year: int, month: int):
        """The projects that owe a report for ``month`` of ``year``: in the library by the
        month's end and in implementation (新开工 or 在建) at some time in the month, i.e. at
        its start or through a change of status during it. A project finished or stopped in
        the month still owes that month; one entered later, still in reserve or
        preparation, finished or stopped before, owes nothing. Annotated like ``as_of``."""
        start = datetime.date(year, month, 1)
        changes_in_month = StatusChange.objects.filter(
            project=OuterRef("pk"),
            at__gte=end_of_day(start - datetime.timedelta(days=1)),
            at__lt=end_of_day(last_day(year, month)),
            new_status__in=IMPLEMENTATION,
        )
        return (
            self.as_of(last_day(year, month))
            .annotate(
                status_at_start=status_on(start - datetime.timedelta(days=1)),
                turned_to_work=Exists(changes_in_month),
            )
            .filter(Q(status_at_start__in=IMPLEMENTATION) | Q(turned_to_work=True))
        )

    def started(self):
        """新开工 or later, and not 终止."""
        return self.filter(status__in=ProjectStatus.STARTED)

    def finished(self):
        return self.filter(status__in=ProjectStatus.FINISHED)

    def search(self, text: str):
        text = normalize_code(text)
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text) | Q(code__icontains=text) | Q(address__icontains=text)
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._progress_period: tuple[int, int] | None = None

    def _clone(self):
        clone = super()._clone()
        clone._progress_period = self._progress_period
        return clone

    def _fetch_all(self):
        fetching = self._result_cache is None
        super()._fetch_all()
        if (
            fetching
            and self._progress_period
            and self._iterable_class is models.query.ModelIterable
        ):
            attach_progress(self._result_cache, *self._progress_period)

    def with_progress(self, year: int, month: int):
        """Give each fetched project the year's and since-start investment up to ``month``
        (``completed_this_year``, ``completed_since_start``), the latest physical progress
        (``physical_latest``) and the year's plan (``year_plan``), from two queries over the
        fetched projects' reports and plans (``attach_progress``), whatever the size. The
        figures are attributes set after the fetch, not annotations: filter and order on the
        projects' own columns."""
        clone = self._chain()
        clone._progress_period = (year, month)
        return clone

    def progress_table(
        self, year: int, month: int, rules: ProjectSettings, reference: datetime.date | None = None
    ) -> list[tuple[Project, Progress]]:
        """Every project with its figures: three queries, whatever the number of projects."""
        return [(p, p.progress(month, rules, reference)) for p in self.with_progress(year, month)]

    def totals(self) -> dict:
        """Count and total investment (万元) in one query."""
        return self.aggregate(
            count=Count("pk"), investment=Coalesce(Sum("total_investment"), Value(ZERO))
        )


class GroupSubquery(Subquery):
    """A subquery over the grouped columns alone: computed once per group, not added to the
    GROUP BY (which would compute it once per grouped row)."""

    def get_group_by_cols(self):
        return []


def attach_progress(projects: list, year: int, month: int) -> None:
    """Set ``completed_this_year``, ``completed_since_start`` and ``physical_latest`` on each
    project from one query over their reports up to ``month`` of ``year`` (the reports of the
    project's own county), one row per project: the sums grouped by project, and the physical
    progress of its latest report that has one (a subquery per project, on the report's
    unique project-year-month key); and ``plans_of_year``, the year's plan, from one query
    filtered on the county column. Grouped sums, not window functions over every report: the
    windows sorted every report of the page's projects twice, about 3× the time on SQLite."""
    if not projects:
        return
    counties = {p.county_id for p in projects}
    latest_physical = (
        MonthlyReport.objects.filter(
            project_id=OuterRef("project_id"),
            county_id=OuterRef("county_id"),
            physical_progress__isnull=False,
        )
        .through(year, month)
        .order_by("-year", "-month")
        .values("physical_progress")[:1]
    )
    rows = (
        MonthlyReport.objects.filter(
            project_id__in=[p.pk for p in projects], county_id__in=counties
        )
        .through(year, month)
        .order_by()
        .values("project_id", "county_id")
        .annotate(
            this_year=Sum(Case(When(year=year, then=F("investment")), default=Value(ZERO))),
            since_start=Sum("investment"),
            physical=GroupSubquery(latest_physical),
        )
        .values_list("project_id", "county_id", "this_year", "since_start", "physical")
    )
    figures = {(pk, county): rest for pk, county, *rest in rows}
    plans = {
        (plan.project_id, plan.county_id): plan
        for plan in AnnualPlan.objects.filter(
            county_id__in=counties,
            project_id__in=[p.pk for p in projects],
            year=year,
        ).order_by()  # Meta.ordering ("project") would join the projects
    }
    for project in projects:
        plan = plans.get((project.pk, project.county_id))
        project.plans_of_year = [plan] if plan else []
        this_year, since_start, physical = figures.get(
            (project.pk, project.county_id), (ZERO, ZERO, None)
        )
        project.completed_this_year = _money(this_year)
        project.completed_since_start = _money(since_start)
        project.physical_latest = None if physical is None else Decimal(physical).quantize(TENTH)


def _money(value) -> Decimal:
    """A sum of 万元 as the column holds it (SQLite's window sums may come back as float)."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


class Project(CountyOwned, Illustrative, Versioned):
    """A project of the county's dynamic reserve library (项目动态储备库)."""

    code = models.CharField(
        _("项目代码"),
        max_length=24,
        blank=True,
        validators=[validate_project_code],
        help_text=_("投资项目在线审批监管平台赋予的 24 位代码;储备项目可暂不填写。"),
    )
    name = models.CharField(_("项目名称"), max_length=120)
    category = models.CharField(_("项目类别"), max_length=20, choices=ProjectCategory.choices)
    industry = models.ForeignKey(
        Industry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("所属产业"),
    )
    park = models.ForeignKey(
        "parks.Park",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("所在园区"),
    )
    owner = models.ForeignKey(
        "directory.Enterprise",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        verbose_name=_("项目业主"),
    )
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("责任单位"),
    )
    leader_title = models.CharField(_("包联领导(职务)"), max_length=60, blank=True)
    address = models.CharField(_("建设地点"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-90, _("纬度应在-90到90之间。")),
            MaxValueValidator(90, _("纬度应在-90到90之间。")),
        ],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-180, _("经度应在-180到180之间。")),
            MaxValueValidator(180, _("经度应在-180到180之间。")),
        ],
    )
    construction_content = models.TextField(_("建设内容"), blank=True)
    scale = models.CharField(_("建设规模"), max_length=200, blank=True)
    total_investment = models.DecimalField(_("总投资(万元)"), **MONEY)
    planned_start = models.DateField(_("计划开工日期"), null=True, blank=True)
    planned_completion = models.DateField(_("计划竣工日期"), null=True, blank=True)
    level = models.CharField(
        _("项目级别"), max_length=12, choices=ProjectLevel.choices, default=ProjectLevel.COUNTY
    )
    is_key_one = models.BooleanField(_("一号工程"), default=False)
    status = models.CharField(
        _("项目状态"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.RESERVE
    )
    created = models.DateTimeField(_("入库时间"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-total_investment", "pk"]
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=~Q(code=""),
                name="project_unique_code",
                violation_error_message=_("该项目代码已被库中另一个项目使用,请核对项目代码。"),
            ),
            models.CheckConstraint(
                condition=Q(total_investment__gte=0), name="project_investment_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["county", "status"]), models.Index(fields=["department"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from rixin.regions.models import Division

        errors = {}
        region = division_of(self.code) if self.code else ""
        if region:
            county = Division.objects.filter(code=self.county_id).select_related("parent").first()
            own = {self.county_id}
            if county is not None and county.parent_id:
                own |= {county.parent_id, county.parent.parent_id}
            if not Division.objects.filter(code=region).exists():
                errors["code"] = _("项目代码中的行政区划代码 %(d)s 不是已登记的行政区划。") % {
                    "d": region
                }
            elif region not in own:
                errors["code"] = _(
                    "项目代码中的行政区划代码 %(d)s 不是本项目所在的县(%(c)s),"
                    "也不是其所属的市或省。"
                ) % {"d": region, "c": county.name if county else self.county_id}
        if self.total_investment is not None and self.total_investment < 0:
            errors["total_investment"] = _("总投资不能为负数。")
        if (
            self.planned_start
            and self.planned_completion
            and self.planned_completion < self.planned_start
        ):
            errors["planned_completion"] = _("计划竣工日期不能早于计划开工日期。")
        for name in ("industry", "park", "owner", "department"):
            related = getattr(self, name, None) if getattr(self, f"{name}_id") else None
            if related is not None and related.county_id != self.county_id:
                errors[name] = _("不属于本县。")
        if errors:
            raise ValidationError(errors)

    @property
    def entry_date(self) -> datetime.date:
        """The day the project entered the library (``entered`` when annotated)."""
        entered = getattr(self, "entered", None)
        if entered is None:
            first = self.status_changes.order_by("at", "pk").first()
            entered = first.at if first else self.created
            self.entered = entered
        return timezone.localtime(entered).date() if timezone.is_aware(entered) else entered.date()

    @property
    def category_label(self) -> str:
        """``get_category_display()`` for a list: from the choices class, without rebuilding
        the field's choices on every call."""
        try:
            return str(ProjectCategory(self.category).label)
        except ValueError:  # a value outside the choices reads as itself, as Django shows it
            return self.category

    @property
    def period_status_label(self) -> str:
        """The status label of the period (``status_then`` from ``as_of``), else today's."""
        return str(ProjectStatus(getattr(self, "status_then", None) or self.status).label)

    @property
    def is_started(self) -> bool:
        return self.status in ProjectStatus.STARTED

    @property
    def year_plan(self) -> AnnualPlan | None:
        """The plan of the year given to ``with_progress`` (prefetched)."""
        plans = getattr(self, "plans_of_year", None)
        if plans is None:
            raise AttributeError("year_plan needs Project.objects.with_progress()")
        return plans[0] if plans else None

    def progress(
        self, month: int, rules: ProjectSettings, reference: datetime.date | None = None
    ) -> Progress:
        """The figures of a project from ``with_progress(year, month)``. Health compares the
        annual completion with the share of the year elapsed on ``reference`` (default: the
        end of the month, or today if that is earlier)."""
        plan = self.year_plan
        year = plan.year if plan else None
        annual = plan.planned_investment if plan else None
        completed = self.completed_this_year
        if plan is not None:
            reference = reference or min(last_day(year, month), datetime.date.today())
            expected = elapsed_share(year, reference) * 100
        else:
            expected = ZERO
        completion = percent(completed, annual)
        return Progress(
            annual_plan=annual,
            planned_to_date=plan.planned_through(month) if plan else None,
            completed_this_year=completed,
            completed_since_start=self.completed_since_start,
            total_investment=self.total_investment,
            physical=self.physical_latest,
            expected=expected.quantize(Decimal("0.1")),
            health=rules.health(completion, expected) if plan else None,
        )


class StatusChange(models.Model):
    """One change of a project's status: old, new, who, when, why."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("项目")
    )
    old_status = models.CharField(
        _("原状态"), max_length=20, choices=ProjectStatus.choices, blank=True
    )
    new_status = models.CharField(_("新状态"), max_length=20, choices=ProjectStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    at = models.DateTimeField(_("时间"))
    reason = models.CharField(_("原因"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "at", "pk"]
        verbose_name = _("状态变更")
        verbose_name_plural = _("状态变更")

    def __str__(self) -> str:
        return f"{self.project}: {self.old_status} → {self.new_status}"


def validate_monthly_plan(value) -> None:
    if value in (None, []):
        return
    if not isinstance(value, list) or len(value) != 12:
        raise ValidationError(_("月度计划应为 12 个月的金额。"))
    for amount in value:
        try:
            number = Decimal(str(amount))
        except ArithmeticError:
            raise ValidationError(_("月度计划的金额“%(v)s”不是数字。") % {"v": amount}) from None
        if number < 0:
            raise ValidationError(_("月度计划的金额不能为负数。"))


class AnnualPlanQuerySet(CountyScopedQuerySet):
    def rates(self, as_of: datetime.date | None = None) -> dict:
        """开工率 and 竣工率 of these plans, in one query: started ÷ planned to start,
        finished ÷ planned to finish (% or None). With ``as_of``, only the plans of projects
        in the library by then count, each with the status it had then (``Project.objects.as_of``)."""
        plans = self.annotate(status_now=F("project__status"))
        if as_of is not None:
            plans = self.filter(project__in=Project.objects.as_of(as_of).values("pk")).annotate(
                status_now=status_on(as_of, "project_id")
            )
        counts = plans.aggregate(
            planned_start=Count("pk", filter=Q(plans_start=True)),
            started=Count("pk", filter=Q(plans_start=True, status_now__in=ProjectStatus.STARTED)),
            planned_completion=Count("pk", filter=Q(plans_completion=True)),
            finished=Count(
                "pk", filter=Q(plans_completion=True, status_now__in=ProjectStatus.FINISHED)
            ),
            planned_investment=Coalesce(Sum("planned_investment"), Value(ZERO)),
        )
        counts["start_rate"] = percent(counts["started"], counts["planned_start"])
        counts["completion_rate"] = percent(counts["finished"], counts["planned_completion"])
        return counts


class AnnualPlan(CountyOwned, Illustrative, Versioned):
    """A project's plan for one year: investment, optional monthly split, start/finish targets."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="annual_plans", verbose_name=_("项目")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    planned_investment = models.DecimalField(_("年度计划投资(万元)"), **MONEY)
    monthly_plan = models.JSONField(
        _("月度计划投资(万元)"),
        default=list,
        blank=True,
        validators=[validate_monthly_plan],
        help_text=_("可选:1至12月各月计划投资;不填则按全年均分。"),
    )
    plans_start = models.BooleanField(_("计划当年开工"), default=False)
    plans_completion = models.BooleanField(_("计划当年竣工"), default=False)
    physical_targets = models.TextField(_("年度形象进度目标"), blank=True)

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        ordering = ["project", "year"]
        verbose_name = _("年度计划")
        verbose_name_plural = _("年度计划")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year"],
                name="annual_plan_unique_year",
                violation_error_message=_("该项目这一年度已有年度计划,请修改已有的计划。"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"

    def clean(self) -> None:
        if self.planned_investment is not None and self.planned_investment < 0:
            raise ValidationError({"planned_investment": _("年度计划投资不能为负数。")})
        if self.monthly_plan:
            total = sum(Decimal(str(v)) for v in self.monthly_plan)
            if total != self.planned_investment:
                raise ValidationError(
                    {
                        "monthly_plan": _("各月计划之和 %(s)s 万元与年度计划 %(p)s 万元不符。")
                        % {"s": total, "p": self.planned_investment}
                    }
                )

    def month_amounts(self) -> list[Decimal]:
        """Planned investment of each month (an even split when no monthly plan is given)."""
        if self.monthly_plan:
            return [Decimal(str(v)) for v in self.monthly_plan]
        return [self.planned_investment / 12] * 12

    def planned_through(self, month: int) -> Decimal:
        return sum(self.month_amounts()[:month], ZERO).quantize(Decimal("0.01"))


def check_report_values(investment, physical_progress, month) -> None:
    """The rules of a report's own values, the one place they are written: the model, the
    form and API (through the actions) and every row of an imported file call it."""
    errors = {}
    if investment is None:
        errors["investment"] = _("请填写本月完成投资(万元);没有投资请填0。")
    elif investment < 0:
        errors["investment"] = _("本月完成投资应为不小于0的数字(万元)。")
    if physical_progress is not None and not 0 <= physical_progress <= 100:
        errors["physical_progress"] = _("形象进度应在0到100之间。")
    if month is None or not 1 <= month <= 12:
        errors["month"] = _("月份应在1到12之间。")
    if errors:
        raise ValidationError(errors)


class MonthlyReportQuerySet(CountyScopedQuerySet):
    def through(self, year: int, month: int):
        return self.filter(Q(year__lt=year) | Q(year=year, month__lte=month))

    def latest_period(self) -> tuple[int, int] | None:
        """The latest (year, month) reported, or None."""
        latest = self.aggregate(p=Max(F("year") * 100 + F("month")))["p"]
        return divmod(latest, 100) if latest else None


class MonthlyReport(CountyOwned, Illustrative, Versioned):
    """A project's report for one month: the month's investment and its physical progress.
    Year-to-date and since-start totals are sums of these, never typed."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("项目")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    investment = models.DecimalField(_("本月完成投资(万元)"), **MONEY)
    physical_progress = models.DecimalField(
        _("形象进度(%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    progress_text = models.TextField(_("形象进度说明"), blank=True)
    status = models.CharField(
        _("审核状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.SUBMITTED
    )
    revision = models.PositiveSmallIntegerField(_("更正次数"), default=0)
    exceeds_total = models.BooleanField(
        _("累计投资超过总投资"), default=False, help_text=_("允许提交,但提请审核人注意。")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("填报人"),
    )
    submitted_at = models.DateTimeField(_("提交时间"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("审核人"),
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_note = models.CharField(_("退回原因"), max_length=300, blank=True)

    objects = MonthlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["project", "year", "month"]
        verbose_name = _("月度报告")
        verbose_name_plural = _("月度报告")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "year", "month"],
                name="monthly_report_unique_month",
                violation_error_message=_("该项目这个月份已有月度报告,请刷新后在已有报告上更正。"),
            ),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="monthly_report_month_range"
            ),
        ]
        indexes = [models.Index(fields=["county", "year", "month"])]

    def __str__(self) -> str:
        return f"{self.project} {self.year}-{self.month:02d}"

    def clean(self) -> None:
        check_report_values(self.investment, self.physical_progress, self.month)

    @property
    def period(self) -> str:
        return f"{self.year}-{self.month:02d}"


def photo_path(instance, filename: str) -> str:
    report = instance.report
    return f"projects/{report.county_id}/{report.project_id}/{report.period}/{filename}"


class ReportPhoto(models.Model):
    """A site photo of a monthly report (JPEG or PNG, location data removed)."""

    report = models.ForeignKey(
        MonthlyReport, on_delete=models.CASCADE, related_name="photos", verbose_name=_("月度报告")
    )
    image = models.FileField(_("照片"), upload_to=photo_path)
    caption = models.CharField(_("说明"), max_length=120, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上传人"),
    )
    created = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["report", "pk"]
        verbose_name = _("现场照片")
        verbose_name_plural = _("现场照片")

    def __str__(self) -> str:
        return self.caption or self.image.name


class Problem(CountyOwned, Illustrative, Versioned):
    """A problem or need (问题与诉求) raised for a project, routed to a department and
    tracked until it is resolved with measures (解决措施)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="problems", verbose_name=_("项目")
    )
    report = models.ForeignKey(
        MonthlyReport,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="problems",
        verbose_name=_("所在月报"),
    )
    description = models.TextField(_("问题与诉求"))
    department = models.ForeignKey(
        "directory.Department",
        on_delete=models.PROTECT,
        related_name="project_problems",
        verbose_name=_("办理部门"),
    )
    measures = models.TextField(_("解决措施"), blank=True)
    status = models.CharField(
        _("办理状态"), max_length=10, choices=ProblemStatus.choices, default=ProblemStatus.OPEN
    )
    raised_on = models.DateField(_("提出日期"))
    resolved_on = models.DateField(_("解决日期"), null=True, blank=True)

    class Meta:
        ordering = ["project", "raised_on", "pk"]
        verbose_name = _("问题与诉求")
        verbose_name_plural = _("问题与诉求")

    def __str__(self) -> str:
        return self.description[:40]


class MilestoneQuerySet(CountyScopedQuerySet):
    def overdue(self, reference: datetime.date | None = None):
        reference = reference or datetime.date.today()
        return self.filter(status=MilestoneStatus.SCHEDULED, due_date__lt=reference)


class Milestone(CountyOwned, Illustrative, Versioned):
    """A dated step of a project: approval, financing, start, completion, other."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("项目")
    )
    name = models.CharField(_("节点名称"), max_length=120)
    type = models.CharField(_("节点类型"), max_length=20, choices=MilestoneType.choices)
    due_date = models.DateField(_("计划日期"))
    met_on = models.DateField(_("完成日期"), null=True, blank=True)
    status = models.CharField(
        _("节点状态"),
        max_length=14,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.SCHEDULED,
    )

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["project", "due_date", "pk"]
        verbose_name = _("里程碑")
        verbose_name_plural = _("里程碑")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.status == MilestoneStatus.MET and not self.met_on:
            raise ValidationError({"met_on": _("已完成的节点须填写完成日期。")})
        if self.met_on and self.status == MilestoneStatus.SCHEDULED:
            raise ValidationError({"status": _("填写了完成日期的节点不能是“计划中”。")})

    def is_overdue(self, reference: datetime.date | None = None) -> bool:
        reference = reference or datetime.date.today()
        return self.status == MilestoneStatus.SCHEDULED and self.due_date < reference


@dataclass
class Summary:
    """Totals of a group of projects (count, investment in 万元, health counts)."""

    count: int = 0
    total_investment: Decimal = ZERO
    annual_plan: Decimal = ZERO
    completed_this_year: Decimal = ZERO
    ahead: int = 0
    normal: int = 0
    behind: int = 0

    def add(self, project: Project, progress: Progress) -> None:
        self.count += 1
        self.total_investment += project.total_investment
        self.annual_plan += progress.annual_plan or ZERO
        self.completed_this_year += progress.completed_this_year
        if progress.health:
            setattr(self, progress.health, getattr(self, progress.health) + 1)

    @property
    def annual_completion(self) -> Decimal | None:
        return percent(self.completed_this_year, self.annual_plan)


def summarize(table: list[tuple[Project, Progress]], key) -> dict:
    """Group a progress table by ``key(project, progress)``; the None key sums everything."""
    groups: dict = {None: Summary()}
    for project, progress in table:
        groups[None].add(project, progress)
        groups.setdefault(key(project, progress), Summary()).add(project, progress)
    return groups

"""Every figure of the cockpit, taken from the modules' own query functions.

None of these functions checks who is asking: a view first makes sure the user may see the
county (``rixin.accounts.access.county_or_404``). Money is Decimal 万元, rates are % (Decimal).

- ``county_figures(county_code, period)`` → ``CountyFigures``: every headline figure;
- one function per card: ``indicator_cards``, ``investment_card``, ``project_card``,
  ``appeal_card``;
- the charts: ``monthly_investment``, ``funnel``, ``appeals_by_department``
  (the indicator ranks are ``CountyFigures.indicators``);
- ``red_list(county_code, period, months=6)``: what is late;
- ``latest_period(county_codes)``: the default period.

Two small queries are written here because no module has them yet: the county's planned and
reported investment by month (``monthly_investment``) and agreements signed but not started
(``unstarted_agreements``); each uses the module's own querysets and formulas.
"""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum, Window
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.appeals import scorecards
from rixin.appeals.models import Appeal
from rixin.indicators import queries as indicator_queries
from rixin.investment import kpis
from rixin.investment.choices import TargetPeriod
from rixin.investment.models import Agreement
from rixin.money import format_percent, percent, yi
from rixin.projects.choices import Health, MilestoneStatus, ProjectCategory, ProjectStatus
from rixin.projects.models import (
    AnnualPlan,
    Milestone,
    MonthlyReport,
    Project,
    ProjectSettings,
    StatusChange,
    status_on,
    summarize,
)
from rixin.projects.reporting import owed_projects
from rixin.regions.models import Division

from .periods import CockpitPeriod, months_before

ZERO = Decimal(0)
UNSTARTED_MONTHS = 6


# ---------------------------------------------------------------- as of a day


def _day_after(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the county's time zone (changes before it count)."""
    following = day + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))


def entered_by(day: datetime.date) -> Exists:
    """A project's condition: its first status change (入库) is on or before ``day``."""
    return Exists(StatusChange.objects.filter(project=OuterRef("pk"), at__lt=_day_after(day)))


def in_library_by(projects, day: datetime.date):
    """The projects entered in the library by the end of ``day`` (their first status change is
    on or before it), annotated ``status_then``: the status of their latest change by then."""
    changes = StatusChange.objects.filter(project=OuterRef("pk"), at__lt=_day_after(day))
    return projects.filter(entered_by(day)).annotate(
        status_then=Subquery(changes.order_by("-at", "-pk").values("new_status")[:1])
    )


def with_status_then(table):
    """Give each project of a fetched table the status it had then (the rows are read, never
    saved)."""
    for row in table:
        project = row[0] if isinstance(row, tuple) else row
        project.status = project.status_then
    return table


# ---------------------------------------------------------------- indicators


@dataclass(frozen=True)
class IndicatorCard:
    """One indicator of the county in the period: value in its own unit, rate and city rank."""

    code: str
    name: str
    unit: str
    value: Decimal | None
    rate: Decimal | None
    rate_places: int  # the decimals the rate was published with (9.0%)
    rank: int | None  # in the city, only when every county has published the indicator
    of: int | None
    tied: bool
    reported: int | None  # counties that published the indicator
    counties: int | None  # counties of the city
    rank_label: str
    rank_change: int | None
    target: Decimal | None
    is_illustrative: bool


def indicator_cards(county_code: str, period: CockpitPeriod) -> tuple[IndicatorCard, ...]:
    """The county's board (``indicators.queries.county_board``) for the cumulative span."""
    span = period.indicator_period
    cards = []
    for row in indicator_queries.county_board(county_code, span.year, span.month):
        standing = row.standing
        cards.append(
            IndicatorCard(
                code=row.indicator.code,
                name=row.indicator.name,
                unit=row.indicator.unit,
                value=row.value,
                rate=row.rate,
                rate_places=row.observation.rate_places if row.observation else 1,
                rank=standing.city_rank if standing else None,
                reported=standing.of if standing else None,
                counties=standing.counties if standing else None,
                of=standing.of if standing else None,
                tied=standing.tied if standing else False,
                rank_label=standing.label if standing else "",
                rank_change=standing.change if standing else None,
                target=row.target,
                is_illustrative=bool(row.observation and row.observation.is_illustrative),
            )
        )
    return tuple(cards)


# ---------------------------------------------------------------- investment


@dataclass(frozen=True)
class InvestmentCard:
    """招商引资 in the target period containing the cockpit's period (``kpis.progress``)."""

    target_period: str  # TargetPeriod value: year, h1, h2
    target_period_label: str
    start: datetime.date
    end: datetime.date
    signed_amount: Decimal
    signed_count: int
    signing_target: Decimal | None
    signing_rate: Decimal | None
    year_count: int
    started_count: int
    start_rate: Decimal | None
    start_rate_target: Decimal | None
    start_rate_completion: Decimal | None


def investment_period(county_code: str, period: CockpitPeriod) -> kpis.Period:
    return kpis.Period(county_code, period.year, period.target_period)


def investment_card(county_code: str, period: CockpitPeriod) -> InvestmentCard:
    span = investment_period(county_code, period)
    total, _teams = kpis.progress(span)
    target = total.target
    return InvestmentCard(
        target_period=span.period,
        target_period_label=str(TargetPeriod(span.period).label),
        start=span.start,
        end=span.end,
        signed_amount=total.signed_amount,
        signed_count=total.signed_count,
        signing_target=target.signing_amount if target else None,
        signing_rate=total.signing_rate,
        year_count=total.year_count,
        started_count=total.started_count,
        start_rate=total.start_rate,
        start_rate_target=target.start_rate if target else None,
        start_rate_completion=total.start_rate_completion,
    )


@dataclass(frozen=True)
class FunnelStep:
    stage: str
    label: str
    reached: int
    conversion: Decimal | None


def funnel(county_code: str) -> tuple[FunnelStep, ...]:
    """How many leads ever reached each stage (``kpis.funnel``; not limited to the period)."""
    return tuple(
        FunnelStep(str(s.stage), s.label, s.reached, s.conversion) for s in kpis.funnel(county_code)
    )


# ---------------------------------------------------------------- projects


@dataclass(frozen=True)
class CategoryTotal:
    category: str
    label: str
    count: int
    total_investment: Decimal


@dataclass(frozen=True)
class ProjectCard:
    """The library for the year up to the period's last month (``progress_table``,
    ``summarize`` and ``AnnualPlan.rates``), as the statistics page computes it."""

    year: int
    month: int
    count: int
    total_investment: Decimal
    annual_plan: Decimal
    completed_this_year: Decimal
    annual_completion: Decimal | None
    ahead: int
    normal: int
    behind: int
    planned_start: int
    started: int
    start_rate: Decimal | None
    planned_completion: int
    finished: int
    completion_rate: Decimal | None
    by_category: tuple[CategoryTotal, ...]


def progress_table(county_code: str, period: CockpitPeriod):
    """Every project of the county in the library at the period's end, with the status it
    had then and its figures for the year up to the last month."""
    projects = in_library_by(Project.objects.filter(county_id=county_code), period.end)
    rules = ProjectSettings.for_county(county_code)
    return with_status_then(projects.progress_table(period.year, period.last_month, rules))


def plan_rates(table) -> dict:
    """开工率 and 竣工率 of the year's plans of the table's projects, with the status each
    project had at the period's end (``AnnualPlan.rates`` with today's status)."""
    plans = [(project, project.year_plan) for project, _progress in table if project.year_plan]
    starting = [project for project, plan in plans if plan.plans_start]
    finishing = [project for project, plan in plans if plan.plans_completion]
    started = sum(project.status in ProjectStatus.STARTED for project in starting)
    finished = sum(project.status in ProjectStatus.FINISHED for project in finishing)
    return {
        "planned_start": len(starting),
        "started": started,
        "start_rate": percent(started, len(starting)),
        "planned_completion": len(finishing),
        "finished": finished,
        "completion_rate": percent(finished, len(finishing)),
    }


def project_card(county_code: str, period: CockpitPeriod, table=None) -> ProjectCard:
    table = progress_table(county_code, period) if table is None else table
    groups = summarize(table, lambda project, _progress: project.category)
    total = groups[None]
    rates = plan_rates(table)
    categories = tuple(
        CategoryTotal(c.value, str(c.label), groups[c].count, groups[c].total_investment)
        for c in ProjectCategory
        if c in groups
    )
    return ProjectCard(
        year=period.year,
        month=period.last_month,
        count=total.count,
        total_investment=total.total_investment,
        annual_plan=total.annual_plan,
        completed_this_year=total.completed_this_year,
        annual_completion=total.annual_completion,
        ahead=total.ahead,
        normal=total.normal,
        behind=total.behind,
        planned_start=rates["planned_start"],
        started=rates["started"],
        start_rate=rates["start_rate"],
        planned_completion=rates["planned_completion"],
        finished=rates["finished"],
        completion_rate=rates["completion_rate"],
        by_category=categories,
    )


@dataclass(frozen=True)
class MonthInvestment:
    """The county's planned and reported project investment of one month (万元)."""

    month: int
    planned: Decimal
    actual: Decimal | None  # None after the period's last month


def monthly_investment(county_code: str, period: CockpitPeriod) -> tuple[MonthInvestment, ...]:
    """Plans' month amounts (``AnnualPlan.month_amounts``) summed over the county's projects,
    against the monthly reports' investment, for every month of the period's year."""
    planned = [ZERO] * 12
    library = in_library_by(Project.objects.filter(county_id=county_code), period.end)
    plans = AnnualPlan.objects.filter(
        county_id=county_code, year=period.year, project__in=library.values("pk")
    ).order_by()  # Meta.ordering ("project") would join every project of the province
    for plan in plans.only("planned_investment", "monthly_plan"):
        for index, amount in enumerate(plan.month_amounts()):
            planned[index] += amount
    reported = dict(
        MonthlyReport.objects.filter(
            county_id=county_code, year=period.year, month__lte=period.last_month
        )
        .order_by()
        .values("month")
        .annotate(total=Sum("investment"))
        .values_list("month", "total")
    )
    return tuple(
        MonthInvestment(
            month,
            planned[month - 1].quantize(Decimal("0.01")),
            reported.get(month, ZERO) if month <= period.last_month else None,
        )
        for month in range(1, 13)
    )


# ---------------------------------------------------------------- appeals


@dataclass(frozen=True)
class AppealCard:
    """The county's 企业诉求 registered in the period and in its last month
    (``scorecards.appeals_in_period`` and ``summarize``; overdue as of today)."""

    start: datetime.date
    end: datetime.date
    total: int
    closed: int
    open: int
    overdue: int
    marked: int
    satisfied: int
    satisfaction_rate: Decimal | None
    resolution_rate: Decimal | None
    month_start: datetime.date
    month_total: int
    month_satisfaction_rate: Decimal | None


def appeal_card(county_code: str, period: CockpitPeriod) -> AppealCard:
    # The last month's appeals are some of the period's: both counted by one query.
    whole, month = scorecards.summarize_with_tail(
        scorecards.appeals_in_period(county_code, period.start, period.end),
        period.last_month_start,
    )
    return AppealCard(
        start=period.start,
        end=period.end,
        total=whole.total,
        closed=whole.closed,
        open=whole.open,
        overdue=whole.overdue,
        marked=whole.marked,
        satisfied=whole.satisfied,
        satisfaction_rate=whole.satisfaction_rate,
        resolution_rate=whole.resolution_rate,
        month_start=period.last_month_start,
        month_total=month.total,
        month_satisfaction_rate=month.satisfaction_rate,
    )


@dataclass(frozen=True)
class DepartmentRow:
    """A department's scorecard for the period's appeals (``department_scorecards``)."""

    department_id: int
    name: str
    dispatched: int
    response_rate: Decimal | None
    on_time_rate: Decimal | None
    resolution_rate: Decimal | None
    satisfaction_rate: Decimal | None
    score: Decimal | None
    rank: int | None


def appeals_by_department(county_code: str, period: CockpitPeriod) -> tuple[DepartmentRow, ...]:
    cards = scorecards.county_scorecards(county_code, period.start, period.end)
    return tuple(
        DepartmentRow(
            card.department.pk,
            card.department.name,
            card.dispatched,
            card.response_rate,
            card.on_time_rate,
            card.resolution_rate,
            card.satisfaction_rate,
            card.score,
            card.rank,
        )
        for card in cards
    )


# ---------------------------------------------------------------- the county


@dataclass(frozen=True)
class CountyFigures:
    """Every headline figure of a county for a period."""

    county_code: str
    county_name: str
    city_code: str
    period: CockpitPeriod
    indicators: tuple[IndicatorCard, ...]
    investment: InvestmentCard
    projects: ProjectCard
    appeals: AppealCard

    def indicator(self, code: str) -> IndicatorCard | None:
        return next((card for card in self.indicators if card.code == code), None)

    @property
    def gdp(self) -> IndicatorCard | None:
        return self.indicator("gdp")

    @property
    def fixed_asset_investment(self) -> IndicatorCard | None:
        return self.indicator("fixed_asset_investment")

    def as_json(self) -> dict:
        """Plain JSON: Decimals as strings, dates as ISO text, the period as its key."""
        data = asdict(self)
        data["gdp"] = self.gdp and asdict(self.gdp)
        data["fixed_asset_investment"] = self.fixed_asset_investment and asdict(
            self.fixed_asset_investment
        )
        data["period"] = {
            "key": self.period.key,
            "label_zh": self.period.label_zh,
            "label_en": self.period.label_en,
            "start": self.period.start.isoformat(),
            "end": self.period.end.isoformat(),
        }
        return jsonable(data)


def jsonable(value):
    """Decimals as strings, dates as ISO text, tuples as lists."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def county_figures(county_code: str, period: CockpitPeriod | str, *, table=None) -> CountyFigures:
    """``table``: the county's ``progress_table`` for the period, if the caller has it."""
    if isinstance(period, str):
        period = CockpitPeriod.parse(period)
    county = Division.objects.get(code=county_code, level="county")
    return CountyFigures(
        county_code=county.code,
        county_name=county.name,
        city_code=county.parent_id or "",
        period=period,
        indicators=indicator_cards(county_code, period),
        investment=investment_card(county_code, period),
        projects=project_card(county_code, period, table),
        appeals=appeal_card(county_code, period),
    )


def latest_period(county_codes: list[str], today: datetime.date | None = None) -> CockpitPeriod:
    """The latest period with published indicators, else with monthly reports, else the
    last finished month; widened to its quarter, half-year or year when it ends one."""
    found = indicator_queries.latest_period(county_codes)
    if found is not None:
        return CockpitPeriod.ending_in(found.year, found.month)
    reported = MonthlyReport.objects.filter(county_id__in=county_codes).latest_period()
    if reported is not None:
        return CockpitPeriod.ending_in(*reported)
    last = (today or datetime.date.today()).replace(day=1) - datetime.timedelta(days=1)
    return CockpitPeriod.ending_in(last.year, last.month)


# ---------------------------------------------------------------- the red list


@dataclass(frozen=True)
class RedItem:
    """One late thing: what it is, why it is late, and the object it points to."""

    kind: str  # behind, milestone, report, appeal, agreement
    pk: int
    title: str
    detail: str
    since: datetime.date | None = None


@dataclass(frozen=True)
class RedList:
    """The late things of each group: how many (``counts``) and the first ones (all of them,
    or the first ``shown`` when the list was asked for a page)."""

    as_of: datetime.date
    months: int
    behind: tuple[RedItem, ...]
    milestones: tuple[RedItem, ...]
    reports: tuple[RedItem, ...]
    appeals: tuple[RedItem, ...]
    agreements: tuple[RedItem, ...]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def groups(self) -> dict[str, tuple[RedItem, ...]]:
        return {
            "behind": self.behind,
            "milestones": self.milestones,
            "reports": self.reports,
            "appeals": self.appeals,
            "agreements": self.agreements,
        }


# What a red-list group gives: (how many, the first ``shown`` items).
Group = tuple[int, tuple[RedItem, ...]]


def first_rows(queryset, shown: int | None) -> tuple[int, list]:
    """(how many rows the queryset has, its first ``shown`` rows; all when None), in one
    query: the count is a window over the whole filtered set, computed before the LIMIT."""
    if shown is None:
        rows = list(queryset)
        return len(rows), rows
    rows = list(queryset.annotate(red_count=Window(Count("pk")))[: max(shown, 1)])
    return (rows[0].red_count if rows else 0), rows[:shown]


def behind_rows(table) -> list:
    """Projects whose annual completion lags the time elapsed (``Progress.health``), the
    furthest behind first."""
    rows = [(p, f) for p, f in table if f.health == Health.BEHIND]
    rows.sort(key=lambda row: row[1].expected - (row[1].against_annual_plan or ZERO), reverse=True)
    return rows


def behind_projects(table, shown: int | None = None) -> Group:
    rows = behind_rows(table)
    return len(rows), tuple(
        RedItem(
            "behind",
            project.pk,
            project.name,
            _("年度完成 %(done)s,时序进度 %(expected)s%%")
            % {"done": format_percent(progress.against_annual_plan), "expected": progress.expected},
        )
        for project, progress in rows[:shown]
    )


def overdue_milestones_query(county_code: str, as_of: datetime.date):
    """Milestones due before ``as_of`` and not met by then, of projects in the library then."""
    library = in_library_by(Project.objects.filter(county_id=county_code), as_of)
    return (
        Milestone.objects.filter(county_id=county_code, due_date__lt=as_of)
        .filter(project__in=library.values("pk"))
        .filter(Q(status=MilestoneStatus.SCHEDULED) | Q(met_on__gt=as_of))
        .order_by("due_date", "pk")
    )


def overdue_milestones(county_code: str, as_of: datetime.date, shown: int | None = None) -> Group:
    count, milestones = first_rows(
        overdue_milestones_query(county_code, as_of).select_related("project"), shown
    )
    return count, tuple(
        RedItem(
            "milestone",
            m.project_id,
            f"{m.project.name}:{m.name}",
            _("计划 %(due)s") % {"due": m.due_date},
            m.due_date,
        )
        for m in milestones
    )


def owed_reports_query(county_code: str, period: CockpitPeriod):
    """Projects owing the report of the period's last month (``owed_projects``: the rules of
    ``Project.objects.owing_report``), in the library by the period's end and not terminated
    by then, in the reporting page's order."""
    projects = in_library_by(Project.objects.filter(county_id=county_code), period.end).exclude(
        status_then=ProjectStatus.TERMINATED
    )
    return owed_projects(projects, period.year, period.last_month).order_by(
        "department__name", "name", "pk"
    )


def owed_monthly_reports(
    county_code: str, period: CockpitPeriod, shown: int | None = None
) -> Group:
    rules = ProjectSettings.for_county(county_code)
    late = datetime.date.today() > rules.report_due_date(period.year, period.last_month)
    count, projects = first_rows(
        owed_reports_query(county_code, period).select_related("department"), shown
    )
    return count, tuple(
        RedItem(
            "report",
            project.pk,
            project.name,
            " · ".join(
                [project.department.name, _("已逾期") if late else _("未报")]
                + ([_("已退回")] if project.report_returned else [])
            ),
        )
        for project in projects
    )


def overdue_appeals_query(county_code: str, as_of: datetime.date):
    """Appeals past their deadline and still waiting for a department at the end of ``as_of``
    (the one overdue rule, with the status each appeal had then:
    ``Appeal.objects.overdue_as_of``)."""
    return (
        Appeal.objects.filter(county_id=county_code).overdue_as_of(as_of).order_by("deadline", "pk")
    )


def overdue_appeals(county_code: str, as_of: datetime.date, shown: int | None = None) -> Group:
    count, candidates = first_rows(
        overdue_appeals_query(county_code, as_of).select_related("lead_department"), shown
    )
    return count, tuple(
        RedItem(
            "appeal",
            a.pk,
            f"{a.number} {a.title}",
            _("%(department)s · 时限 %(deadline)s")
            % {
                "department": a.lead_department.name if a.lead_department_id else "",
                "deadline": a.deadline,
            },
            a.deadline,
        )
        for a in candidates
    )


def unstarted_agreements_query(
    county_code: str, as_of: datetime.date, months: int = UNSTARTED_MONTHS
):
    """Agreements signed at least ``months`` months before ``as_of`` whose project had not
    reached 新开工 (``ProjectStatus.STARTED``) by the end of ``as_of``: the status it had
    then, from its StatusChange rows (``status_on``); none if it was not in the library."""
    cutoff = months_before(as_of, months)
    return (
        Agreement.objects.filter(county_id=county_code, signed_on__lte=cutoff)
        .annotate(project_status_then=status_on(as_of, "project_id"))
        .filter(
            Q(project_status_then__isnull=True) | ~Q(project_status_then__in=ProjectStatus.STARTED)
        )
        .order_by("signed_on", "pk")
    )


def unstarted_agreements(
    county_code: str,
    as_of: datetime.date,
    months: int = UNSTARTED_MONTHS,
    shown: int | None = None,
) -> Group:
    count, late = first_rows(unstarted_agreements_query(county_code, as_of, months), shown)
    return count, tuple(
        RedItem(
            "agreement",
            a.pk,
            a.project_name,
            _("%(day)s 签约 · %(amount)s亿元") % {"day": a.signed_on, "amount": yi(a.amount)},
            a.signed_on,
        )
        for a in late
    )


RED_SHOWN = 5  # items the cockpit shows of each group


def red_list(
    county_code: str,
    period: CockpitPeriod,
    months: int = UNSTARTED_MONTHS,
    today: datetime.date | None = None,
    table=None,
    shown: int | None = None,
) -> RedList:
    """What is late at the end of the period (or today, if the period has not ended): every
    group counted in SQL, and only its first ``shown`` items fetched (all when None)."""
    as_of = period.as_of(today)
    table = progress_table(county_code, period) if table is None else table
    groups = {
        "behind": behind_projects(table, shown),
        "milestones": overdue_milestones(county_code, as_of, shown),
        "reports": owed_monthly_reports(county_code, period, shown),
        "appeals": overdue_appeals(county_code, as_of, shown),
        "agreements": unstarted_agreements(county_code, as_of, months, shown),
    }
    return RedList(
        as_of=as_of,
        months=months,
        counts={key: count for key, (count, _items) in groups.items()},
        **{key: items for key, (_count, items) in groups.items()},
    )


__all__ = [
    "CockpitPeriod",
    "CountyFigures",
    "appeal_card",
    "appeals_by_department",
    "county_figures",
    "funnel",
    "indicator_cards",
    "investment_card",
    "latest_period",
    "monthly_investment",
    "project_card",
    "red_list",
]

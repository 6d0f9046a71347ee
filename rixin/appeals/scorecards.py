"""The figures of the appeal loop. Each formula is one function here, and each is tested.
The scorecard is counted in the database: grouped queries whose working days are differences
of the calendar table's indexes (``rixin.workcalendar.calendar.joined_ordinals``: the table
joined once per date, not read by a subquery per row) between the local dates each dispatch
stores, so the work does not grow in Python with the rows.

A department is measured on its lead dispatches (派单, 主办) of the appeals in question:
a dispatch it returned (退单) or that was taken from it unanswered (改派, 并单) does not
count for or against it. Marks (阅卷) count for the appeal's lead department; 未评价
(closed unmarked) is not a mark. Extensions (延期) granted on a department's lead
dispatches are counted for it, and so are the marks taken by phone (回访), apart.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connections
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rixin.directory.models import Department
from rixin.money import percent
from rixin.workcalendar.calendar import joined_ordinals

from .choices import (
    SATISFIED_MARKS,
    AppealKind,
    AssignmentRole,
    ExtensionDecision,
    MarkSource,
    Resolution,
    Satisfaction,
    Status,
)
from .models import Appeal, AppealPolicy, Assignment, Extension, overdue_q
from .workdays import working_days_between

MARKS = frozenset({Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED})


def rate(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percentage with one decimal; None when there is nothing to divide."""
    return percent(part, whole, places=1)


# The rules for one loaded dispatch or appeal. ``department_scorecards`` computes the same
# in SQL (``KEPT``, ``_working_days``, ``LeadDispatches.figures``, ``_appeal_figures``);
# the tests hold the two to each other.


def counts_for_department(assignment: Assignment) -> bool:
    """A lead dispatch that the department kept (not returned, not taken away unanswered)."""
    return assignment.returned_at is None and not (
        assignment.ended_at is not None and assignment.answered_at is None
    )


def days_to_acknowledge(assignment: Assignment, county: str | None = None) -> int | None:
    if assignment.acknowledged_on is None:
        return None
    return working_days_between(assignment.dispatched_on, assignment.acknowledged_on, county)


def days_to_answer(assignment: Assignment, county: str | None = None) -> int | None:
    if assignment.answered_on is None:
        return None
    return working_days_between(assignment.dispatched_on, assignment.answered_on, county)


def acknowledged_in_time(assignment: Assignment, county: str | None = None) -> bool:
    """响应: 签收 by the end of the first working day after 派单."""
    days = days_to_acknowledge(assignment, county)
    return days is not None and days <= 1


def is_due(assignment: Assignment, as_of: datetime.date) -> bool:
    """Due: answered, or its deadline has passed."""
    return assignment.answered_at is not None or assignment.deadline < as_of


def answered_on_time(assignment: Assignment) -> bool:
    return assignment.answered_on is not None and assignment.answered_on <= assignment.deadline


def is_marked(appeal: Appeal) -> bool:
    return appeal.satisfaction in MARKS


def was_answered(appeal: Appeal) -> bool:
    return appeal.answered_at is not None or appeal.reopen_count > 0


def composite_score(rates: dict[str, Decimal | None], weights: dict[str, int]) -> Decimal | None:
    """Weighted mean of the rates that exist (each 0–100), with the county's weights."""
    used = {
        name: weights[name]
        for name, value in rates.items()
        if value is not None and weights.get(name)
    }
    total = sum(used.values())
    if not total:
        return None
    score = sum(rates[name] * weight for name, weight in used.items()) / total
    return Decimal(score).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Scorecard:
    """One department's figures for a set of appeals."""

    department: object
    dispatched: int = 0
    responded: int = 0
    due: int = 0
    on_time: int = 0
    returned: int = 0
    answered: int = 0
    reopened: int = 0
    marked: int = 0
    resolved: int = 0
    satisfied: int = 0
    extensions: int = 0
    callbacks: int = 0
    ack_days_total: int = 0
    ack_days_count: int = 0
    answer_days_total: int = 0
    answer_days_count: int = 0
    score: Decimal | None = None
    rank: int | None = None
    # The dispatches counted (for ``ack_days`` and ``answer_days``, read on demand).
    lead_dispatches: LeadDispatches | None = field(default=None, repr=False, compare=False)

    @property
    def response_rate(self) -> Decimal | None:
        """响应率 = 一个工作日内签收 ÷ 派单"""
        return rate(self.responded, self.dispatched)

    @property
    def on_time_rate(self) -> Decimal | None:
        """按时办结率 = 时限内答复 ÷ 到期"""
        return rate(self.on_time, self.due)

    @property
    def resolution_rate(self) -> Decimal | None:
        """解决率 = 已解决 ÷ 已评价"""
        return rate(self.resolved, self.marked)

    @property
    def satisfaction_rate(self) -> Decimal | None:
        """满意率 = (满意 + 基本满意) ÷ 已评价"""
        return rate(self.satisfied, self.marked)

    @property
    def reopen_rate(self) -> Decimal | None:
        """重办率 = 重办过的诉求 ÷ 已答复的诉求"""
        return rate(self.reopened, self.answered)

    @property
    def no_reopen_rate(self) -> Decimal | None:
        value = self.reopen_rate
        return None if value is None else Decimal(100) - value

    @property
    def mean_days_to_acknowledge(self) -> Decimal | None:
        return mean_of(self.ack_days_total, self.ack_days_count)

    @property
    def mean_days_to_answer(self) -> Decimal | None:
        return mean_of(self.answer_days_total, self.answer_days_count)

    @property
    def ack_days(self) -> list[int]:
        """Working days to 签收 of each counted dispatch, in dispatch order (one query)."""
        return self._days("ack_days")

    @property
    def answer_days(self) -> list[int]:
        """Working days to 答复 of each counted dispatch, in dispatch order (one query)."""
        return self._days("answer_days")

    def _days(self, name: str) -> list[int]:
        if self.lead_dispatches is None:
            return []
        return self.lead_dispatches.days(self.department.pk, name)

    def rates(self) -> dict[str, Decimal | None]:
        return {
            "response_rate": self.response_rate,
            "on_time_rate": self.on_time_rate,
            "resolution_rate": self.resolution_rate,
            "satisfaction_rate": self.satisfaction_rate,
            "no_reopen_rate": self.no_reopen_rate,
        }


def mean_of(total: int, count: int) -> Decimal | None:
    """``mean`` of values given by their sum and their number."""
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rank(cards: list[Scorecard]) -> list[Scorecard]:
    """Best composite score first; equal scores share a rank; no score, no rank."""
    ordered = sorted(cards, key=lambda c: (c.score is None, -(c.score or 0), c.department.name))
    previous, position = None, 0
    for index, card in enumerate(ordered, start=1):
        if card.score is None:
            continue
        if card.score != previous:
            position, previous = index, card.score
        card.rank = position
    return ordered


# ------------------------------------------------- the scorecard's rules in SQL

# ``counts_for_department`` of a dispatch ``d``.
KEPT = "d.returned_at IS NULL AND NOT (d.ended_at IS NOT NULL AND d.answered_at IS NULL)"


def _working_days(later: str, ordinals: dict) -> tuple[str, list]:
    """``working_days_between(dispatched_on, later)`` of the dispatch ``a``, NULL when
    ``later`` (one of its date columns) is NULL: a difference of the joined ordinals."""
    (end, end_params), (start, start_params) = ordinals[later], ordinals["dispatched_on"]
    sql = (
        f"CASE WHEN a.{later} > a.dispatched_on THEN {end} - {start}"
        f" WHEN a.{later} IS NOT NULL THEN 0 END"
    )
    return sql, [*end_params, *start_params]


@dataclass(frozen=True)
class LeadDispatches:
    """The lead dispatches of some appeals as SQL rows (``d`` in the queries built on it):
    the columns the figures read, ``ack_days`` and ``answer_days`` (working days to 签收 and
    to 答复) and ``extensions`` (granted 延期). The calendar is joined once per date, so a
    grouped query over them does not grow a subquery per row."""

    sql: str
    params: list
    using: str

    @classmethod
    def of(cls, appeals: QuerySet, county_code: str | None) -> LeadDispatches:
        using = appeals.db
        db = connections[using]
        scope, scope_params = (
            appeals.order_by().values("pk").query.get_compiler(using=using).as_sql()
        )
        calendar = joined_ordinals(
            "a", ["dispatched_on", "acknowledged_on", "answered_on"], county_code, db
        )
        ack, ack_params = _working_days("acknowledged_on", calendar.ordinals)
        answer, answer_params = _working_days("answered_on", calendar.ordinals)
        sql = f"""SELECT a.id, a.department_id, a.dispatched_at, a.returned_at, a.ended_at,
              a.answered_at, a.answered_on, a.deadline,
              {ack} AS ack_days, {answer} AS answer_days,
              (SELECT COUNT(*) FROM {Extension._meta.db_table} e
                WHERE e.assignment_id = a.id AND e.decision = %s) AS extensions
            FROM {Assignment._meta.db_table} a {calendar.joins}
            WHERE a.role = %s AND a.appeal_id IN ({scope})"""
        params = [
            *ack_params,
            *answer_params,
            ExtensionDecision.GRANTED.value,
            *calendar.join_params,
            AssignmentRole.LEAD.value,
            *scope_params,
        ]
        return cls(sql, params, using)

    def fetch(self, select: str, params: list, rest: str = "") -> list[tuple]:
        """``SELECT {select} FROM (the dispatches) d {rest}``, run with ``params`` around the
        dispatches' own (those of ``select``, then of ``rest``)."""
        with connections[self.using].cursor() as cursor:
            cursor.execute(f"SELECT {select} FROM ({self.sql}) d {rest}", [*params, *self.params])
            return cursor.fetchall()

    def figures(self, as_of: datetime.date) -> dict[int, dict]:
        """Per department, the counts of its lead dispatches (``is_due``, ``answered_on_time``,
        ``acknowledged_in_time``, the day totals of the means): one grouped query."""
        due = f"{KEPT} AND (d.answered_at IS NOT NULL OR d.deadline < %s)"
        columns = {
            "extensions": "SUM(d.extensions)",
            "returned": "COUNT(CASE WHEN d.returned_at IS NOT NULL THEN 1 END)",
            "dispatched": f"COUNT(CASE WHEN {KEPT} THEN 1 END)",
            "responded": f"COUNT(CASE WHEN {KEPT} AND d.ack_days <= 1 THEN 1 END)",
            "due": f"COUNT(CASE WHEN {due} THEN 1 END)",
            "on_time": f"COUNT(CASE WHEN {due} AND d.answered_on <= d.deadline THEN 1 END)",
            "ack_days_total": f"SUM(CASE WHEN {KEPT} THEN d.ack_days END)",
            "ack_days_count": f"COUNT(CASE WHEN {KEPT} THEN d.ack_days END)",
            "answer_days_total": f"SUM(CASE WHEN {KEPT} THEN d.answer_days END)",
            "answer_days_count": f"COUNT(CASE WHEN {KEPT} THEN d.answer_days END)",
        }
        db_as_of = connections[self.using].ops.adapt_datefield_value(as_of)
        rows = self.fetch(
            f"d.department_id, {', '.join(columns.values())}",
            [db_as_of, db_as_of],
            "GROUP BY d.department_id",
        )
        return {
            department: {name: int(value or 0) for name, value in zip(columns, values, strict=True)}
            for department, *values in rows
        }

    def days(self, department: int, name: str) -> list[int]:
        """``ack_days`` or ``answer_days`` of a department's counted dispatches, in dispatch
        order."""
        if name not in ("ack_days", "answer_days"):
            raise ValueError(name)
        rows = self.fetch(
            f"d.{name}",
            [],
            f"WHERE {KEPT} AND d.department_id = {int(department):d} AND d.{name} IS NOT NULL"
            " ORDER BY d.dispatched_at, d.id",
        )
        return [int(days) for (days,) in rows]


def _appeal_figures() -> dict:
    """Per lead department, one row of the appeals' counts (``was_answered``, ``is_marked``)."""
    marked = Q(satisfaction__in=list(MARKS))
    return {
        "answered": Count(
            "pk",
            filter=Q(master__isnull=True) & (Q(answered_at__isnull=False) | Q(reopen_count__gt=0)),
        ),
        "reopened": Count("pk", filter=Q(master__isnull=True, reopen_count__gt=0)),
        "marked": Count("pk", filter=marked),
        "callbacks": Count("pk", filter=marked & Q(mark_source=MarkSource.PHONE)),
        "resolved": Count("pk", filter=marked & Q(resolution=Resolution.RESOLVED)),
        "satisfied": Count("pk", filter=Q(satisfaction__in=list(SATISFIED_MARKS))),
    }


def department_scorecards(
    appeals: QuerySet,
    county_code: str,
    as_of: datetime.date | None = None,
    policy: AppealPolicy | None = None,
) -> list[Scorecard]:
    """Per-department scorecards of ``appeals`` (already scoped), ranked. Four queries, each
    grouped in the database, whatever the number of appeals: the lead dispatches' figures, the
    appeals' figures, the departments, the county's weights (none when ``policy``, the
    county's ``AppealPolicy``, is given)."""
    as_of = as_of or timezone.localdate()
    dispatches = LeadDispatches.of(appeals, county_code)
    figures = dispatches.figures(as_of)
    marks = (
        appeals.filter(lead_department__isnull=False)
        .order_by()
        .values("lead_department_id")
        .annotate(**_appeal_figures())
    )
    for row in marks:
        figures.setdefault(row.pop("lead_department_id"), {}).update(row)
    departments = Department.objects.order_by().in_bulk(list(figures))
    weights = (policy or AppealPolicy.for_county(county_code)).weights
    cards = []
    for pk, values in figures.items():
        card = Scorecard(departments[pk], **values, lead_dispatches=dispatches)
        card.score = composite_score(card.rates(), weights)
        cards.append(card)
    return rank(cards)


# ---------------------------------------------------------------- for the cockpit


def appeals_in_period(
    county_code: str, start: datetime.date, end: datetime.date, kind: str = AppealKind.APPEAL
) -> QuerySet:
    """A county's appeals (or complaints) registered from ``start`` to ``end``, both included."""
    return appeals_of_counties_in_period([county_code], start, end, kind)


def appeals_of_counties_in_period(
    county_codes: list[str], start: datetime.date, end: datetime.date, kind: str = AppealKind.APPEAL
) -> QuerySet:
    # Compare the timestamp with local midnights (not ``__date``) so the index can serve it.
    return Appeal.objects.filter(
        county_id__in=county_codes,
        kind=kind,
        registered_at__gte=local_midnight(start),
        registered_at__lt=local_midnight(end + datetime.timedelta(days=1)),
    )


def local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, timezone.get_current_timezone())


@dataclass
class Summary:
    """Counts and rates of a set of appeals."""

    total: int
    closed: int
    open: int
    overdue: int
    marked: int
    satisfied: int
    resolved: int
    unrated: int
    reopened: int

    @property
    def satisfaction_rate(self) -> Decimal | None:
        """满意率 = (满意 + 基本满意) ÷ 已评价"""
        return rate(self.satisfied, self.marked)

    @property
    def resolution_rate(self) -> Decimal | None:
        """解决率 = 已解决 ÷ 已评价"""
        return rate(self.resolved, self.marked)

    @property
    def closure_rate(self) -> Decimal | None:
        return rate(self.closed, self.total)


def _summary_aggregates(as_of: datetime.date, within: Q | None = None, suffix: str = "") -> dict:
    """The Summary's counts as SQL aggregates: the database counts, Python reads one row.
    With ``within``, the counts of the rows it selects, named with ``suffix``."""
    marks = list(MARKS)
    conditions = {
        "total": None,
        "closed": Q(status=Status.CLOSED),
        "open": ~Q(status=Status.CLOSED),
        "overdue": overdue_q(as_of),
        "marked": Q(satisfaction__in=marks),
        "satisfied": Q(satisfaction__in=list(SATISFIED_MARKS)),
        "resolved": Q(satisfaction__in=marks, resolution=Resolution.RESOLVED),
        "unrated": Q(satisfaction=Satisfaction.UNRATED),
        "reopened": Q(reopen_count__gt=0),
    }
    if within is not None:
        conditions = {
            name: within if condition is None else within & condition
            for name, condition in conditions.items()
        }
    return {
        f"{name}{suffix}": Count("pk", filter=condition) for name, condition in conditions.items()
    }


def summarize(appeals: QuerySet, as_of: datetime.date | None = None) -> Summary:
    """One query: the counts of a set of appeals as of a day."""
    row = appeals.order_by().aggregate(**_summary_aggregates(as_of or timezone.localdate()))
    return Summary(**row)


def summarize_with_tail(
    appeals: QuerySet, since: datetime.date, as_of: datetime.date | None = None
) -> tuple[Summary, Summary]:
    """One query: ``summarize`` of ``appeals``, and of those of them registered from ``since``
    on (the last month of a period, say)."""
    as_of = as_of or timezone.localdate()
    tail = Q(registered_at__gte=local_midnight(since))
    row = appeals.order_by().aggregate(
        **_summary_aggregates(as_of), **_summary_aggregates(as_of, tail, "_tail")
    )
    whole = {name: n for name, n in row.items() if not name.endswith("_tail")}
    since_then = {
        name.removesuffix("_tail"): n for name, n in row.items() if name.endswith("_tail")
    }
    return Summary(**whole), Summary(**since_then)


def summarize_by_county(
    appeals: QuerySet, as_of: datetime.date | None = None
) -> dict[str, Summary]:
    """One query: the counts of each county's appeals (for city and province views)."""
    rows = (
        appeals.order_by()
        .values("county_id")
        .annotate(**_summary_aggregates(as_of or timezone.localdate()))
    )
    return {row.pop("county_id"): Summary(**row) for row in rows}


EMPTY_SUMMARY = Summary(0, 0, 0, 0, 0, 0, 0, 0, 0)


def county_scorecards(
    county_code: str,
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date | None = None,
    policy: AppealPolicy | None = None,
) -> list[Scorecard]:
    """The department ranking of a county's appeals of a period."""
    appeals = appeals_in_period(county_code, start, end)
    return department_scorecards(appeals, county_code, as_of, policy)


def county_appeal_figures(
    county_code: str,
    start: datetime.date,
    end: datetime.date,
    as_of: datetime.date | None = None,
    policy: AppealPolicy | None = None,
) -> dict:
    """A county's appeals of a period: their counts and 满意率, and the department ranking."""
    return {
        "summary": summarize(appeals_in_period(county_code, start, end), as_of),
        "scorecards": county_scorecards(county_code, start, end, as_of, policy),
    }

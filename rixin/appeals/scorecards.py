"""The figures of the appeal loop. Each formula is one function here, and each is tested.

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

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rixin.money import percent

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
from .models import Appeal, AppealPolicy, Assignment, overdue_q
from .workdays import working_days_between

MARKS = frozenset({Satisfaction.SATISFIED, Satisfaction.BASICALLY, Satisfaction.UNSATISFIED})


def rate(part: int, whole: int) -> Decimal | None:
    """part ÷ whole as a percentage with one decimal; None when there is nothing to divide."""
    return percent(part, whole, places=1)


def mean(values: list[int]) -> Decimal | None:
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def counts_for_department(assignment: Assignment) -> bool:
    """A lead dispatch that the department kept (not returned, not taken away unanswered)."""
    return assignment.returned_at is None and not (
        assignment.ended_at is not None and assignment.answered_at is None
    )


def days_to_acknowledge(assignment: Assignment) -> int | None:
    if assignment.acknowledged_at is None:
        return None
    return working_days_between(_day(assignment.dispatched_at), _day(assignment.acknowledged_at))


def days_to_answer(assignment: Assignment) -> int | None:
    if assignment.answered_at is None:
        return None
    return working_days_between(_day(assignment.dispatched_at), _day(assignment.answered_at))


def acknowledged_in_time(assignment: Assignment) -> bool:
    """响应: 签收 by the end of the first working day after 派单."""
    days = days_to_acknowledge(assignment)
    return days is not None and days <= 1


def is_due(assignment: Assignment, as_of: datetime.date) -> bool:
    """Due: answered, or its deadline has passed."""
    return assignment.answered_at is not None or assignment.deadline < as_of


def answered_on_time(assignment: Assignment) -> bool:
    return (
        assignment.answered_at is not None and _day(assignment.answered_at) <= assignment.deadline
    )


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
    ack_days: list[int] = field(default_factory=list)
    answer_days: list[int] = field(default_factory=list)
    score: Decimal | None = None
    rank: int | None = None

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
        return mean(self.ack_days)

    @property
    def mean_days_to_answer(self) -> Decimal | None:
        return mean(self.answer_days)

    def rates(self) -> dict[str, Decimal | None]:
        return {
            "response_rate": self.response_rate,
            "on_time_rate": self.on_time_rate,
            "resolution_rate": self.resolution_rate,
            "satisfaction_rate": self.satisfaction_rate,
            "no_reopen_rate": self.no_reopen_rate,
        }

    def add_assignment(self, assignment: Assignment, as_of: datetime.date) -> None:
        # 延期 granted on this dispatch (annotated by ``department_scorecards``).
        self.extensions += getattr(assignment, "extensions_granted", 0)
        if assignment.returned_at is not None:
            self.returned += 1
        if not counts_for_department(assignment):
            return
        self.dispatched += 1
        self.responded += acknowledged_in_time(assignment)
        if is_due(assignment, as_of):
            self.due += 1
            self.on_time += answered_on_time(assignment)
        for days, bucket in (
            (days_to_acknowledge(assignment), self.ack_days),
            (days_to_answer(assignment), self.answer_days),
        ):
            if days is not None:
                bucket.append(days)

    def add_appeal(self, appeal: Appeal) -> None:
        if appeal.master_id is None and was_answered(appeal):
            self.answered += 1
            self.reopened += appeal.reopen_count > 0
        if is_marked(appeal):
            self.marked += 1
            self.callbacks += appeal.mark_source == MarkSource.PHONE
            self.resolved += appeal.resolution == Resolution.RESOLVED
            self.satisfied += appeal.satisfaction in SATISFIED_MARKS


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


def department_scorecards(
    appeals: QuerySet, county_code: str, as_of: datetime.date | None = None
) -> list[Scorecard]:
    """Per-department scorecards of ``appeals`` (already scoped), ranked. Three queries."""
    as_of = as_of or timezone.localdate()
    cards: dict[int, Scorecard] = {}

    def card(department) -> Scorecard:
        return cards.setdefault(department.pk, Scorecard(department))

    lead = (
        Assignment.objects.filter(appeal__in=appeals.values("pk"), role=AssignmentRole.LEAD)
        .select_related("department")
        .annotate(
            extensions_granted=Count(
                "extensions", filter=Q(extensions__decision=ExtensionDecision.GRANTED)
            )
        )
    )
    for assignment in lead:
        card(assignment.department).add_assignment(assignment, as_of)
    for appeal in (
        appeals.filter(lead_department__isnull=False).select_related("lead_department").order_by()
    ):
        card(appeal.lead_department).add_appeal(appeal)
    weights = AppealPolicy.for_county(county_code).weights
    for scorecard in cards.values():
        scorecard.score = composite_score(scorecard.rates(), weights)
    return rank(list(cards.values()))


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


def _summary_aggregates(as_of: datetime.date) -> dict:
    """The Summary's counts as SQL aggregates: the database counts, Python reads one row."""
    marks = list(MARKS)
    return {
        "total": Count("pk"),
        "closed": Count("pk", filter=Q(status=Status.CLOSED)),
        "open": Count("pk", filter=~Q(status=Status.CLOSED)),
        "overdue": Count("pk", filter=overdue_q(as_of)),
        "marked": Count("pk", filter=Q(satisfaction__in=marks)),
        "satisfied": Count("pk", filter=Q(satisfaction__in=list(SATISFIED_MARKS))),
        "resolved": Count("pk", filter=Q(satisfaction__in=marks, resolution=Resolution.RESOLVED)),
        "unrated": Count("pk", filter=Q(satisfaction=Satisfaction.UNRATED)),
        "reopened": Count("pk", filter=Q(reopen_count__gt=0)),
    }


def summarize(appeals: QuerySet, as_of: datetime.date | None = None) -> Summary:
    """One query: the counts of a set of appeals as of a day."""
    row = appeals.order_by().aggregate(**_summary_aggregates(as_of or timezone.localdate()))
    return Summary(**row)


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


def county_appeal_figures(
    county_code: str, start: datetime.date, end: datetime.date, as_of: datetime.date | None = None
) -> dict:
    """For the cockpit: a county's appeals of a period, their 满意率 and the department ranking."""
    appeals = appeals_in_period(county_code, start, end)
    return {
        "summary": summarize(appeals, as_of),
        "scorecards": department_scorecards(appeals, county_code, as_of),
    }

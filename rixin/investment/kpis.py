"""The figures of 招商引资, each computed in one place from agreements, projects and leads.

- signing completion rate = amount signed in the period ÷ the period's signing target;
- start rate = this year's agreements (1 January to the end of the period) whose project in
  the library has reached 新开工 or later ÷ this year's agreements, by count and by amount;
  its completion = start rate ÷ target start rate;
- funnel: how many leads ever reached each stage, and the conversion between stages;
- weighted pipeline: open leads' intended investment × the county's stage probability.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from rixin.money import percent
from rixin.projects.choices import ProjectStatus

from .choices import OPEN_STAGES, PIPELINE, Stage, TargetPeriod
from .models import Agreement, Lead, LeadStageChange, PipelineSettings, Target, Team, period_dates


@dataclass
class Period:
    county: str
    year: int
    period: str = TargetPeriod.YEAR

    @property
    def start(self) -> datetime.date:
        return period_dates(self.year, self.period)[0]

    @property
    def end(self) -> datetime.date:
        return period_dates(self.year, self.period)[1]

    @property
    def label(self) -> str:
        return f"{self.year} {TargetPeriod(self.period).label}"


@dataclass
class Progress:
    """Signing and start figures of the county or of one team for a period."""

    team: Team | None
    target: Target | None
    signed_amount: Decimal = Decimal(0)
    signed_count: int = 0
    year_count: int = 0
    year_amount: Decimal = Decimal(0)
    started_count: int = 0
    started_amount: Decimal = Decimal(0)

    @property
    def signing_rate(self) -> Decimal | None:
        return percent(self.signed_amount, self.target.signing_amount if self.target else None)

    @property
    def count_rate(self) -> Decimal | None:
        target = self.target.signed_projects if self.target else None
        return percent(self.signed_count, target)

    @property
    def start_rate(self) -> Decimal | None:
        return percent(self.started_count, self.year_count)

    @property
    def start_rate_by_amount(self) -> Decimal | None:
        return percent(self.started_amount, self.year_amount)

    @property
    def start_rate_completion(self) -> Decimal | None:
        """The start rate against its target, from the unrounded start rate (6 of 11 started
        against 40 %: 136.36 %, not 136.38 % from a start rate already rounded to 54.55 %)."""
        target = self.target.start_rate if self.target else None
        exact = percent(self.started_count, self.year_count, places=None)
        return percent(exact, target)


def default_period(county: str, today: datetime.date) -> Period:
    """The county's latest target period that has begun; else this year."""
    targets = Target.objects.filter(county_id=county, team__isnull=True, year__lte=today.year)
    begun = [t for t in targets if t.dates[0] <= today]
    if not begun:
        return Period(county, today.year)
    latest = max(begun, key=lambda t: (t.dates[1], t.dates[0]))
    return Period(county, latest.year, latest.period)


def _figures(agreements, year: int, start: datetime.date, end: datetime.date, group: str):
    """Signed and started amounts and counts of ``agreements`` grouped by ``group``."""
    in_period = Q(signed_on__gte=start, signed_on__lte=end)
    in_year = Q(signed_on__gte=datetime.date(year, 1, 1), signed_on__lte=end)
    started = in_year & Q(project__status__in=ProjectStatus.STARTED)
    return agreements.values(group).annotate(
        signed_amount=Sum("amount", filter=in_period),
        signed_count=Count("pk", filter=in_period),
        year_amount=Sum("amount", filter=in_year),
        year_count=Count("pk", filter=in_year),
        started_amount=Sum("amount", filter=started),
        started_count=Count("pk", filter=started),
    )


def progress(period: Period) -> tuple[Progress, list[Progress]]:
    """The county's progress and each team's, in a fixed number of queries."""
    agreements = Agreement.objects.filter(county_id=period.county)
    rows = _figures(agreements, period.year, period.start, period.end, "team_id")
    targets = {
        t.team_id: t
        for t in Target.objects.filter(
            county_id=period.county, year=period.year, period=period.period
        )
    }
    teams = list(Team.objects.filter(county_id=period.county))
    by_team = {team.pk: Progress(team, targets.get(team.pk)) for team in teams}
    county = Progress(None, targets.get(None))
    for row in rows:
        for figures in (county, by_team.get(row["team_id"])):
            if figures is not None:
                _add(figures, row)
    return county, list(by_team.values())


def progress_by_county(codes: list[str], year: int, period: str) -> dict[str, Progress]:
    """Each county's progress (as ``progress`` gives it) for the counties that have a target
    or an agreement: two queries, however many counties a city or province has."""
    start, end = period_dates(year, period)
    rows = _figures(Agreement.objects.filter(county_id__in=codes), year, start, end, "county_id")
    targets = {
        t.county_id: t
        for t in Target.objects.filter(
            county_id__in=codes, team__isnull=True, year=year, period=period
        )
    }
    result = {code: Progress(None, target) for code, target in targets.items()}
    for row in rows:
        _add(
            result.setdefault(row["county_id"], Progress(None, targets.get(row["county_id"]))), row
        )
    return result


def _add(figures: Progress, row: dict) -> None:
    for name in ("signed_amount", "year_amount", "started_amount"):
        setattr(figures, name, getattr(figures, name) + (row[name] or 0))
    for name in ("signed_count", "year_count", "started_count"):
        setattr(figures, name, getattr(figures, name) + row[name])


@dataclass
class FunnelStep:
    stage: str
    label: str
    reached: int
    conversion: Decimal | None = None  # from the previous step, %


def funnel(county: str) -> list[FunnelStep]:
    """How many leads ever reached each pipeline stage (from the stage-change rows)."""
    furthest: dict[int, int] = defaultdict(lambda: -1)
    changes = LeadStageChange.objects.filter(lead__county_id=county, new__in=PIPELINE)
    for lead_id, new in changes.values_list("lead_id", "new"):
        furthest[lead_id] = max(furthest[lead_id], PIPELINE.index(new))
    steps: list[FunnelStep] = []
    for index, stage in enumerate(PIPELINE):
        reached = sum(1 for value in furthest.values() if value >= index)
        conversion = percent(reached, steps[-1].reached) if steps else None
        steps.append(FunnelStep(stage, str(Stage(stage).label), reached, conversion))
    return steps


@dataclass
class Pipeline:
    """Open leads by stage, with their intended and weighted investment (万元)."""

    columns: list[dict] = field(default_factory=list)

    @property
    def weighted_total(self) -> Decimal:
        return sum((c["weighted"] for c in self.columns), Decimal(0))


@dataclass(frozen=True)
class LostReasonCount:
    """How many of the county's leads were lost (终止) for one coded reason."""

    name: str
    count: int
    share: Decimal | None  # % of the terminated leads


def lost_reasons(county: str) -> list[LostReasonCount]:
    """The breakdown of terminated leads by coded reason, most frequent first (one query)."""
    rows = list(
        Lead.objects.filter(county_id=county, stage=Stage.TERMINATED)
        .values("lost_reason__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "lost_reason__order")
    )
    total = sum(row["count"] for row in rows)
    return [
        LostReasonCount(row["lost_reason__name"] or "—", row["count"], percent(row["count"], total))
        for row in rows
    ]


def weighted_pipeline(county: str) -> Pipeline:
    settings = PipelineSettings.for_county(county)
    rows = (
        Lead.objects.filter(county_id=county, stage__in=OPEN_STAGES)
        .values("stage")
        .annotate(count=Count("pk"), amount=Sum("intended_investment"))
    )
    found = {row["stage"]: row for row in rows}
    pipeline = Pipeline()
    for stage in OPEN_STAGES:
        row = found.get(stage, {"count": 0, "amount": Decimal(0)})
        probability = settings.probability(stage)
        pipeline.columns.append(
            {
                "stage": stage,
                "label": str(Stage(stage).label),
                "count": row["count"],
                "amount": row["amount"] or Decimal(0),
                "probability": probability,
                "weighted": (row["amount"] or Decimal(0)) * probability / 100,
            }
        )
    return pipeline


def signed_by(period: Period, field_name: str) -> list[tuple[str, Decimal]]:
    """Amount signed in the period grouped by ``origin_city`` or ``industry``, largest first."""
    rows = (
        Agreement.objects.filter(county_id=period.county)
        .signed_between(period.start, period.end)
        .values(field_name)
        .annotate(total=Sum("amount"))
        .order_by("-total")
    )
    return [(row[field_name] or "—", row["total"]) for row in rows]


def monthly_signed(period: Period) -> list[tuple[int, Decimal, Decimal]]:
    """(month, amount signed that month, cumulative amount) over the period's months."""
    rows = (
        Agreement.objects.filter(county_id=period.county)
        .signed_between(period.start, period.end)
        .values_list("signed_on", "amount")
    )
    by_month: dict[int, Decimal] = defaultdict(Decimal)
    for signed_on, amount in rows:
        by_month[signed_on.month] += amount
    result, running = [], Decimal(0)
    for month in range(period.start.month, period.end.month + 1):
        running += by_month[month]
        result.append((month, by_month[month], running))
    return result


def period_for(user, county: str = "", year: int | str | None = None, period: str = "") -> Period:
    """The county and period a page or the API shows: the user's own county (or ?county= among
    the visible ones for city and province accounts) and the asked-for or default period."""
    codes = user.visible_county_codes()
    chosen = county if county in codes else (user.county_code or busiest_county(codes))
    if year and str(year).isdigit() and period in TargetPeriod.values:
        return Period(chosen, int(year), period)
    return default_period(chosen, timezone.localdate())


def busiest_county(codes: list[str]) -> str:
    """For a city or province account: the county with the latest signing target, else the first."""
    target = Target.objects.filter(county_id__in=codes, team__isnull=True).order_by("-year").first()
    if target is not None:
        return target.county_id
    return sorted(codes)[0] if codes else ""

"""Counties side by side: the city view and the province view.

Indicator rates and ranks come from ``indicators.queries.city_table`` (one table per city),
signing completion and start rate from ``investment.kpis.progress`` (only for counties that
have a signing target or an agreement: the others have nothing to show), 满意率 from
``appeals.scorecards.summarize_by_county``. Project count and total investment per county is the
one query written here: ``ProjectQuerySet.totals()`` grouped by county.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Count, Sum

from rixin.appeals import scorecards
from rixin.indicators import queries as indicator_queries
from rixin.investment import kpis
from rixin.projects.models import Project
from rixin.regions.models import Division

from .figures import entered_by
from .periods import CockpitPeriod

ZERO = Decimal(0)


@dataclass(frozen=True)
class IndicatorCell:
    code: str
    rate: Decimal | None
    rank: int | None
    tied: bool
    rate_places: int = 1  # the decimals the rate was published with


@dataclass(frozen=True)
class CountyRow:
    """One county's figures in the comparison."""

    code: str
    name: str
    city_code: str
    indicators: tuple[IndicatorCell, ...]
    top_three: int | None  # None: no indicator published (shown as —, not 0)
    project_count: int | None  # None: no project in the library at the period's end
    project_investment: Decimal | None
    signed_amount: Decimal | None
    signing_rate: Decimal | None
    start_rate: Decimal | None
    appeals: int | None  # None: no appeal registered in the period
    satisfaction_rate: Decimal | None

    def cell(self, code: str) -> IndicatorCell | None:
        return next((c for c in self.indicators if c.code == code), None)


@dataclass(frozen=True)
class IndicatorColumn:
    code: str
    name: str
    unit: str
    is_ranked: bool
    missing: tuple[str, ...] = ()  # the counties shown that have not reported it

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Comparison:
    """The visible counties of a city or a province for one period."""

    division_code: str
    division_name: str
    period: CockpitPeriod
    indicators: tuple[IndicatorColumn, ...]
    rows: tuple[CountyRow, ...]


def compare(division: Division, county_codes: list[str], period: CockpitPeriod) -> Comparison:
    """``county_codes``: the counties of ``division`` the user may see. Indicators that no
    county has a rate for in the period are left out; each column names the counties that have
    not reported it. A county without data has None (shown "—"), never 0."""
    counties = list(
        Division.objects.counties().filter(code__in=county_codes).order_by("parent_id", "code")
    )
    codes = [c.code for c in counties]
    tables = {
        city: indicator_queries.city_table(city, period.indicator_period)
        for city in sorted({c.parent_id for c in counties})
    }
    projects = _project_totals(codes, period)
    investment = _investment(codes, period)
    appeals = _appeal_summaries(codes, period)
    columns: tuple[IndicatorColumn, ...] = ()
    rows = []
    for county in counties:
        table = tables[county.parent_id]
        columns = columns or tuple(
            IndicatorColumn(i.code, i.name, i.unit, i.is_ranked) for i in table.indicators
        )
        progress = investment.get(county.code)
        summary = appeals.get(county.code)
        count, amount = projects.get(county.code, (None, None))
        cells = _cells(table, county.code)
        reported = any(cell.rate is not None for cell in cells)
        rows.append(
            CountyRow(
                code=county.code,
                name=county.name,
                city_code=county.parent_id,
                indicators=cells,
                top_three=table.top_three(county.code) if reported else None,
                project_count=count,
                project_investment=amount,
                signed_amount=progress.signed_amount if progress else None,
                signing_rate=progress.signing_rate if progress else None,
                start_rate=progress.start_rate if progress else None,
                appeals=summary.total if summary else None,
                satisfaction_rate=summary.satisfaction_rate if summary else None,
            )
        )
    published = {cell.code for row in rows for cell in row.indicators if cell.rate is not None}
    columns = tuple(
        replace(column, missing=tuple(r.name for r in rows if r.cell(column.code).rate is None))
        for column in columns
        if column.code in published
    )
    rows = [
        replace(row, indicators=tuple(c for c in row.indicators if c.code in published))
        for row in rows
    ]
    return Comparison(division.code, division.name, period, columns, tuple(rows))


def _cells(table, county_code: str) -> tuple[IndicatorCell, ...]:
    cells = []
    for indicator in table.indicators:
        observation, standing = table.cell(county_code, indicator.pk)
        cells.append(
            IndicatorCell(
                indicator.code,
                observation.rate if observation else None,
                standing.city_rank if standing else None,
                standing.tied if standing else False,
                observation.rate_places if observation else 1,
            )
        )
    return tuple(cells)


def _project_totals(codes: list[str], period: CockpitPeriod) -> dict[str, tuple[int, Decimal]]:
    """Count and total investment of the projects in each county's library at the period's end."""
    rows = (
        Project.objects.filter(county_id__in=codes)
        .filter(entered_by(period.end))
        .values("county_id")
        .annotate(count=Count("pk"), investment=Sum("total_investment"))
        .order_by()
    )
    return {r["county_id"]: (r["count"], r["investment"] or ZERO) for r in rows}


def _investment(codes: list[str], period: CockpitPeriod) -> dict[str, kpis.Progress]:
    """The investment module's progress for each county that has a target or an agreement."""
    return kpis.progress_by_county(codes, period.year, period.target_period)


def _appeal_summaries(codes: list[str], period: CockpitPeriod) -> dict:
    appeals = scorecards.appeals_of_counties_in_period(codes, period.start, period.end)
    return scorecards.summarize_by_county(appeals)

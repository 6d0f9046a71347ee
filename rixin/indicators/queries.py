"""Read-side functions other modules call (the cockpit, the reports).

None of them checks who is asking: a caller that serves a user first makes sure the user may
see the county (``rixin.accounts.access.county_or_404``). Ranks are computed here from the published rates of every
county of the city (the city publishes its ranking); values are returned only for the county
or counties asked for.

- ``county_board(county_code, year, month)`` → list[BoardRow]: value, rate, rank, target,
  trend of one county's indicators in one period.
- ``brief_for(county_code, year, month, language="zh")`` → the generated paragraph.
- ``city_table(city_code, period)`` → CityTable: counties × indicators with ranks.
- ``latest_period(county_codes)`` → the latest period with published figures.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import reduce
from operator import or_

from django.db.models import Q

from rixin.regions.models import Division

from .brief import BriefLine, compose_brief
from .models import Indicator, Observation, Target
from .periods import Period
from .ranking import Standing, rank_rates

TREND_PERIODS = 8


@dataclass
class CityTable:
    """Every county of a city against the standard indicators, for one period."""

    city: Division
    period: Period
    indicators: list[Indicator]
    counties: list[Division]
    observations: dict[tuple[str, int], Observation] = field(default_factory=dict)
    standings: dict[tuple[str, int], Standing] = field(default_factory=dict)

    def cell(
        self, county_code: str, indicator_id: int
    ) -> tuple[Observation | None, Standing | None]:
        key = (county_code, indicator_id)
        return self.observations.get(key), self.standings.get(key)

    def top_three(self, county_code: str, top: int = 3) -> int:
        """How many indicators the county ranks within the top ``top`` of the city (only
        indicators every county has published: no rank without the data)."""
        return sum(
            1
            for (code, _indicator), standing in self.standings.items()
            if code == county_code and standing.complete and standing.rank <= top
        )

    def missing(self, indicator_id: int) -> list[Division]:
        """The counties of the city that have not published the indicator for the period."""
        return [c for c in self.counties if (c.code, indicator_id) not in self.observations]


def _standings(
    observations, indicators: dict[int, Indicator]
) -> dict[tuple[str, int], tuple[int, bool, int]]:
    by_indicator: dict[int, dict[str, Decimal | None]] = defaultdict(dict)
    for obs in observations:
        by_indicator[obs.indicator_id][obs.county_id] = obs.rate
    result = {}
    for indicator_id, rates in by_indicator.items():
        indicator = indicators[indicator_id]
        if not indicator.is_ranked:
            continue
        ranked = rank_rates(rates, indicator.higher_is_better)
        for county, (rank, tied) in ranked.items():
            result[(county, indicator_id)] = (rank, tied, len(ranked))
    return result


def _previous_ranks(city_code: str, period: Period, indicators: dict[int, Indicator]):
    """Ranks in each indicator's latest earlier period (two queries, whatever the data size)."""
    published = Observation.objects.published().in_city(city_code).filter(indicator__in=indicators)
    latest: dict[int, tuple[int, int]] = {}
    for indicator_id, year, month in (
        published.before(period).values_list("indicator_id", "year", "month").distinct()
    ):
        latest[indicator_id] = max(latest.get(indicator_id, (0, 0)), (year, month))
    if not latest:
        return {}
    wanted = reduce(or_, (Q(indicator_id=i, year=y, month=m) for i, (y, m) in latest.items()))
    rows = published.filter(wanted).only("county_id", "indicator_id", "rate")
    return {key: rank for key, (rank, _tied, _of) in _standings(rows, indicators).items()}


def city_table(
    city_code: str, period: Period, *, indicators: list[Indicator] | None = None
) -> CityTable:
    city = Division.objects.get(code=city_code)
    if indicators is None:
        indicators = list(Indicator.objects.standard().select_related("parent"))
    by_id = {i.pk: i for i in indicators}
    counties = list(Division.objects.counties().filter(parent_id=city_code).order_by("code"))
    current = list(
        Observation.objects.published()
        .in_city(city_code)
        .in_period(period)
        .filter(indicator__in=by_id)
    )
    previous = _previous_ranks(city_code, period, by_id)
    table = CityTable(city, period, indicators, counties)
    for obs in current:
        obs.indicator = by_id[obs.indicator_id]
        table.observations[(obs.county_id, obs.indicator_id)] = obs
    for key, (rank, tied, of) in _standings(current, by_id).items():
        table.standings[key] = Standing(rank, tied, of, previous.get(key), len(counties))
    return table


@dataclass
class BoardRow:
    """One indicator on a county's board."""

    indicator: Indicator
    observation: Observation | None
    standing: Standing | None
    target: Decimal | None
    trend: list[tuple[str, Decimal | None]]

    @property
    def value(self) -> Decimal | None:
        return self.observation.published_value if self.observation else None

    @property
    def rate(self) -> Decimal | None:
        return self.observation.rate if self.observation else None

    @property
    def target_gap(self) -> Decimal | None:
        """Rate minus the annual growth target, in percentage points."""
        if self.rate is None or self.target is None:
            return None
        return self.rate - self.target

    def brief_line(self) -> BriefLine:
        i = self.indicator
        return BriefLine(
            code=i.code,
            name=i.name,
            name_en=i.name_en,
            unit=i.unit,
            decimal_places=i.decimal_places,
            parent_code=i.parent.code if i.parent_id else None,
            value=self.value,
            rate=self.rate,
            rank=self.standing.rank if self.standing else None,
            tied=self.standing.tied if self.standing else False,
            reported=self.standing.of if self.standing else None,
            counties=self.standing.counties if self.standing else None,
            rate_places=self.observation.rate_places if self.observation else None,
        )


def county_board(county_code: str, year: int, month: int) -> list[BoardRow]:
    """Value, rate, rank (with its change), annual target and recent trend of every indicator
    of the county in the period (standard ones and the county's own)."""
    county = Division.objects.select_related("parent").get(code=county_code, level="county")
    period = Period(year, month)
    indicators = list(Indicator.objects.for_county(county_code).select_related("parent"))
    table = city_table(county.parent_id, period, indicators=indicators)
    targets = dict(
        Target.objects.in_county(county_code)
        .filter(year=year)
        .values_list("indicator_id", "growth")
    )
    history: dict[int, list[tuple[str, Decimal | None]]] = defaultdict(list)
    for indicator_id, y, m, rate in (
        Observation.objects.published()
        .in_county(county_code)
        .up_to(period)
        .order_by("year", "month")
        .values_list("indicator_id", "year", "month", "rate")
    ):
        history[indicator_id].append((Period(y, m).key, rate))
    rows = []
    for indicator in indicators:
        observation, standing = table.cell(county_code, indicator.pk)
        rows.append(
            BoardRow(
                indicator,
                observation,
                standing,
                targets.get(indicator.pk),
                history[indicator.pk][-TREND_PERIODS:],
            )
        )
    return rows


def brief_for(
    county_code: str, year: int, month: int, language: str = "zh", top: int | None = None
) -> str:
    """The generated paragraph for the county and period ("" when nothing is published)."""
    county = Division.objects.get(code=county_code)
    rows = county_board(county_code, year, month)
    return compose_brief(
        [row.brief_line() for row in rows],
        period=Period(year, month),
        place_name=county.name,
        language=language,
        top=top,
    )


def latest_period(county_codes: list[str]) -> Period | None:
    last = (
        Observation.objects.published()
        .filter(county_id__in=county_codes)
        .order_by("-year", "-month")
        .values_list("year", "month")
        .first()
    )
    return Period(*last) if last else None


def periods_with_data(county_codes: list[str]) -> list[Period]:
    keys = (
        Observation.objects.published()
        .filter(county_id__in=county_codes)
        .values_list("year", "month")
        .distinct()
        .order_by("-year", "-month")
    )
    return [Period(y, m) for y, m in keys]


def indicator_trend(indicator: Indicator, county_codes: list[str]) -> dict:
    """Rates and values of one indicator over every period, one series per county."""
    rows = (
        Observation.objects.published()
        .filter(indicator=indicator, county_id__in=county_codes)
        .order_by("year", "month")
        .values_list("county_id", "year", "month", "value", "rate")
    )
    periods: list[str] = []
    series: dict[str, dict[str, tuple]] = defaultdict(dict)
    for county, y, m, value, rate in rows:
        key = Period(y, m).key
        if key not in periods:
            periods.append(key)
        series[county][key] = (indicator.to_published(value), rate)
    return {"periods": periods, "series": series}


def latest_city(county_codes: list[str]) -> str | None:
    """The city of the county with the latest published figures (else of the first county)."""
    latest = (
        Observation.objects.published()
        .filter(county_id__in=county_codes)
        .order_by("-year", "-month", "county_id")
        .values_list("county__parent_id", flat=True)
        .first()
    )
    if latest:
        return latest
    return (
        Division.objects.filter(code__in=county_codes)
        .order_by("code")
        .values_list("parent_id", flat=True)
        .first()
    )

"""Economic indicators of the demo: Shouyang's H1 2024 figures as the article publishes them,
and illustrative figures (marked so) for the other ten counties of Jinzhong and for earlier
periods, chosen so that Shouyang keeps its published ranks (first in GDP, fixed-asset
investment and retail above designated size, second in industry) and every Shouyang indicator
is in the top three."""

from __future__ import annotations

from decimal import Decimal as D

from rixin.accounts.access import system_actor
from rixin.indicators import actions
from rixin.indicators.catalogue import ensure_standard_catalogue
from rixin.indicators.models import Indicator
from rixin.indicators.periods import Period
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

PUBLISHED = Period(2024, 6)
SOURCE = "县报报道:2024年7月24日全市经济运行分析暨项目建设推进会(2024年1-6月)"
EARLIER = [Period(2023, 3), Period(2023, 6), Period(2023, 9), Period(2023, 12), Period(2024, 3)]
# How far each earlier period's rate sits from the H1 2024 rate (illustrative).
EARLIER_SHIFT = [D("-1.2"), D("-0.6"), D("-0.3"), D("0.2"), D("0.4")]

# Shouyang, 2024 1-6月, exactly as published: code → (value in 亿元 or None, rate %).
SHOUYANG_H1_2024 = {
    "gdp": (D("98.03"), D("6.2")),
    "fixed_asset_investment": (D("32"), D("10.2")),
    "retail_sales": (None, D("7.4")),
    "retail_above_size": (None, D("9.8")),
    "industry_value_added": (None, D("4.7")),
    "housing_sales_area": (None, D("17.6")),
}
CODES = list(SHOUYANG_H1_2024)

# The other ten counties, 2024 1-6月, illustrative: GDP and investment values (亿元), then the
# rates in the order of CODES.
OTHERS_H1_2024 = {
    "140702": (D("298.5"), D("86.2"), ["5.8", "8.6", "7.9", "8.9", "4.1", "12.4"]),
    "140703": (D("92.4"), D("28.4"), ["5.1", "7.9", "6.8", "7.5", "3.6", "18.9"]),
    "140721": (D("28.6"), D("9.6"), ["4.6", "6.5", "5.9", "6.2", "2.8", "-8.2"]),
    "140722": (D("41.2"), D("14.8"), ["5.5", "9.1", "6.1", "6.8", "3.9", "5.6"]),
    "140723": (D("35.8"), D("11.3"), ["4.9", "5.8", "5.4", "5.1", "-1.5", "-12.3"]),
    "140724": (D("66.3"), D("18.7"), ["5.3", "7.2", "6.3", "7.7", "4.4", "3.1"]),
    "140727": (D("71.5"), D("20.1"), ["5.6", "9.7", "7.0", "8.1", "3.2", "9.8"]),
    "140728": (D("95.7"), D("24.6"), ["5.9", "8.8", "7.6", "9.2", "2.5", "14.5"]),
    "140729": (D("138.9"), D("30.5"), ["4.2", "-3.4", "5.2", "4.6", "5.3", "-4.7"]),
    "140781": (D("162.4"), D("35.2"), ["5.0", "6.9", "6.6", "7.3", "4.5", "10.6"]),
}
# Shouyang's annual targets for 2024 (illustrative).
SHOUYANG_TARGETS_2024 = {
    "gdp": D("6"),
    "fixed_asset_investment": D("10"),
    "retail_sales": D("7"),
    "retail_above_size": D("8"),
    "industry_value_added": D("5"),
    "housing_sales_area": D("10"),
}


def h1_2024_figures() -> dict[str, dict[str, tuple[D | None, D]]]:
    """county → code → (value in 亿元 or None, rate), for every county of Jinzhong."""
    figures = {SHOUYANG: dict(SHOUYANG_H1_2024)}
    for county, (gdp, investment, rates) in OTHERS_H1_2024.items():
        values = {"gdp": gdp, "fixed_asset_investment": investment}
        figures[county] = {
            code: (values.get(code), D(rate)) for code, rate in zip(CODES, rates, strict=True)
        }
    return figures


def earlier_figures(value: D | None, rate: D, county_index: int, period_index: int, period: Period):
    """An illustrative earlier figure derived from the H1 2024 one, so trends have a line."""
    wiggle = D((county_index * 7 + period_index * 3) % 5 - 2) * D("0.3")
    earlier_rate = rate + EARLIER_SHIFT[period_index] + wiggle
    if value is None:
        return None, earlier_rate
    scale = D(period.month) / 6
    if period.year == 2023:
        scale = scale / (1 + rate / 100)
    return (value * scale).quantize(D("0.01")), earlier_rate


def _save(county, indicator, period, value, rate, illustrative, source=""):
    actions.save_observation(
        acting_user=system_actor(),
        county=county,
        indicator=indicator,
        period=period,
        value=indicator.to_stored(value) if value is not None else None,
        rate=rate,
        source=source,
        is_illustrative=illustrative,
    )


def load(stdout=None) -> dict[str, int]:
    from rixin.indicators.models import Observation

    created = ensure_standard_catalogue(Indicator)
    before = Observation.objects.count()
    indicators = {i.code: i for i in Indicator.objects.standard()}
    counties = Division.objects.in_bulk()
    for county_index, (code, figures) in enumerate(sorted(h1_2024_figures().items())):
        county = counties[code]
        for indicator_code, (value, rate) in figures.items():
            indicator = indicators[indicator_code]
            is_fact = code == SHOUYANG
            _save(county, indicator, PUBLISHED, value, rate, not is_fact, SOURCE if is_fact else "")
            for period_index, period in enumerate(EARLIER):
                old_value, old_rate = earlier_figures(
                    value, rate, county_index, period_index, period
                )
                _save(county, indicator, period, old_value, old_rate, True)
    for indicator_code, growth in SHOUYANG_TARGETS_2024.items():
        actions.set_target(
            acting_user=system_actor(),
            county=counties[SHOUYANG],
            indicator=indicators[indicator_code],
            year=2024,
            growth=growth,
            is_illustrative=True,
        )
    return {"indicators": created, "observations": Observation.objects.count() - before}

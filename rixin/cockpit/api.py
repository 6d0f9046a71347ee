"""驾驶舱 API: a county's headline figures and a city's comparison of its counties.

Money is 万元 and rates are % (both as decimal strings); ``period`` is 2024-06 (month),
2024Q2 (quarter), 2024H1 (half-year) or 2024 (year), by default the latest with data.
"""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router

from rixin.accounts.access import city_or_404, county_or_404, reads_county_data

from . import comparison, figures
from .access import city_counties, compares_counties
from .periods import CockpitPeriod

router = Router(tags=["cockpit 驾驶舱"])


def _period(text: str, county_codes: list[str]) -> CockpitPeriod:
    try:
        return CockpitPeriod.asked(text, lambda: figures.latest_period(county_codes))
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from exc


@router.get("/county/{county}", response=dict)
def cockpit_county(request, county: str, period: str = ""):
    """Every headline figure of a county for a period (the cockpit's cards)."""
    if not reads_county_data(request.auth):
        raise PermissionDenied
    division = county_or_404(request.auth, county)
    return figures.county_figures(division.code, _period(period, [division.code])).as_json()


@router.get("/city/{city}", response=dict)
def cockpit_city(request, city: str, period: str = ""):
    """The city's counties side by side: indicator rates and ranks, projects, signing, 满意率."""
    if not compares_counties(request.auth):
        raise PermissionDenied
    division = city_or_404(request.auth, city)
    codes = city_counties(request.auth, division)
    result = comparison.compare(division, codes, _period(period, codes))
    data = figures.jsonable(asdict(result))
    data["period"] = result.period.key
    return data

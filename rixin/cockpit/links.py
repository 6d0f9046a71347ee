"""Where each cockpit figure comes from: the module page that shows it, filtered the same way.

The project pages have no county filter (they list what the user sees): for county staff that
is their county; a city or province account sees the city's projects there.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from .figures import CountyFigures, RedItem
from .periods import CockpitPeriod


def _url(name: str, query: dict | None = None, **kwargs) -> str:
    url = reverse(name, kwargs=kwargs or None)
    return f"{url}?{urlencode(query)}" if query else url


def _project_period(period: CockpitPeriod) -> dict:
    return {"year": period.year, "month": period.last_month}


def county_links(figures: CountyFigures) -> dict[str, str]:
    period, county = figures.period, figures.county_code
    board = _url("indicator_board", {"period": period.indicator_period.key}, county=county)
    return {
        "indicators": board,
        "investment": _url(
            "investment:kpi",
            {"county": county, "year": period.year, "period": figures.investment.target_period},
        ),
        "agreements": _url("investment:agreement_list", {"year": period.year}),
        "projects": _url("project_list", _project_period(period)),
        "behind": _url("project_list", _project_period(period) | {"health": "behind"}),
        "statistics": _url("project_statistics", _project_period(period)),
        "reporting": _url("project_reporting", _project_period(period)),
        "appeals": _url(
            "scorecards",
            {
                "county": county,
                "start": figures.appeals.start.isoformat(),
                "end": figures.appeals.end.isoformat(),
            },
        ),
        "appeals_month": _url(
            "scorecards",
            {
                "county": county,
                "start": figures.appeals.month_start.isoformat(),
                "end": figures.appeals.end.isoformat(),
            },
        ),
    }


def red_item_url(item: RedItem, period: CockpitPeriod) -> str:
    if item.kind == "appeal":
        return _url("appeal_detail", pk=item.pk)
    if item.kind == "agreement":
        return _url("investment:agreement_detail", pk=item.pk)
    return _url("project_detail", _project_period(period), pk=item.pk)


def cockpit_url(county_code: str, period: CockpitPeriod) -> str:
    return _url("county_cockpit", {"period": period.key}, county=county_code)


def city_url(city_code: str, period: CockpitPeriod) -> str:
    return _url("city_cockpit", {"period": period.key}, code=city_code)


# cockpit period kind → report kind (every period has its report)
REPORT_KINDS = {"month": "month", "quarter": "quarter", "half": "half", "year": "year"}


def report_links(county_code: str, period: CockpitPeriod) -> dict[str, str]:
    """The reports app's page of the county and the files of the period's report."""
    try:
        found = {"index": reverse("report_county", kwargs={"county_code": county_code})}
        kind = REPORT_KINDS.get(period.kind)
        for fmt in ("pdf", "docx") if kind else ():
            found[fmt] = reverse(
                "report_download",
                kwargs={"county_code": county_code, "period": period.key, "kind": kind, "fmt": fmt},
            )
    except NoReverseMatch:  # the reports app is not installed
        return {}
    return found

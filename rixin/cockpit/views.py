"""The cockpit pages: a county in one page, a city's counties side by side, a province."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from rixin.accounts.access import city_or_404, county_or_404, reads_county_data, require
from rixin.discovery import cockpit_cards
from rixin.figurecache import cached_figures
from rixin.investment.kpis import busiest_county
from rixin.maps.context import city_tab_context, cockpit_panel_context
from rixin.maps.geo import allow_tiles
from rixin.money import yi_number
from rixin.regions.models import Division, DivisionLevel

from . import comparison, figures, links, maps
from .access import city_counties, compares_cities, compares_counties, province_or_404
from .periods import CockpitPeriod, period_choices


def period_from(request, latest: CockpitPeriod) -> CockpitPeriod:
    """?period=2024H1 (or 2024-06, 2024Q2, 2024); else ``latest``, the latest with data."""
    try:
        return CockpitPeriod.asked(request.GET.get("period", ""), latest)
    except ValueError as exc:
        messages.error(request, str(exc))
    return latest


def months_from(request) -> int:
    """?months=: after how many months a signed agreement not yet started is late (1 to 36)."""
    text = request.GET.get("months", "")
    return int(text) if text.isdigit() and 1 <= int(text) <= 36 else figures.UNSTARTED_MONTHS


def _selector(period: CockpitPeriod, latest: CockpitPeriod) -> list[tuple[int, list]]:
    """The periods of the latest year with data, the year before, and the one shown."""
    years = sorted({latest.year, latest.year - 1, period.year}, reverse=True)
    return [(year, period_choices(year)) for year in years]


@require(reads_county_data)
def cockpit(request, county: str | None = None):
    user = request.user
    code = county or user.county_code or busiest_county(user.visible_county_codes())
    if not code:
        raise Http404
    division = county_or_404(user, code)
    latest = cached_figures(
        "latest", division, None, lambda: figures.latest_period([division.code])
    )
    period = period_from(request, latest)
    months = months_from(request)
    computed = cached_figures(
        "cockpit",
        division,
        period,
        lambda: _county_computed(division.code, period, months),
        parts=[months],
    )
    county_figures, departments, red = (computed[k] for k in ("figures", "departments", "red"))
    charts = _charts(county_figures, departments, computed)
    county_links = links.county_links(county_figures)
    context = {
        "county": division,
        "period": period,
        "months": months,
        "figures": county_figures,
        "links": county_links,
        "reports": links.report_links(division.code, period),
        "departments": departments,
        "red": _red_groups(red, period, county_links),
        "red_total": red.total,
        "as_of": red.as_of,
        "selector": _selector(period, latest),
        "counties": _county_choices(user),
        "city_link": links.city_url(division.parent_id, period) if compares_counties(user) else "",
        "charts": charts,
        # The cards are the figures of other modules for the county and period, rendered
        # without the user's name or rights (their templates use ``card`` and the county).
        "module_cards": cached_figures(
            "cards",
            division,
            period,
            lambda: cockpit_cards(division.code, period, request),
            parts=[user.role],
        ),
        "map_panel": cockpit_panel_context(user, division, period.year, period.last_month),
        "has_data": {
            "investment": any(charts["planned"]) or any(charts["actual"]),
            "ranks": bool(charts["ranks"]["names"]),
            "funnel": any(step["value"] for step in charts["funnel"]),
            "departments": bool(departments),
        },
    }
    return allow_tiles(
        render(request, "cockpit/county.html", context), context["map_panel"]["map_config"]
    )


def _county_computed(code: str, period: CockpitPeriod, months: int) -> dict:
    """The county's figures for the period, computed in one go and cached together."""
    table = figures.progress_table(code, period)
    return {
        "figures": figures.county_figures(code, period, table=table),
        "departments": figures.appeals_by_department(code, period),
        "red": figures.red_list(code, period, months, table=table, shown=figures.RED_SHOWN),
        "monthly": figures.monthly_investment(code, period),
        "funnel": figures.funnel(code),
    }


def _county_choices(user) -> list[Division]:
    if user.county_code:
        return []
    return list(Division.objects.counties().filter(code__in=user.visible_county_codes()))


RED_LABELS = {
    "behind": _("进度滞后的项目"),
    "milestones": _("逾期未完成的里程碑"),
    "reports": _("未交的月度报告"),
    "appeals": _("逾期未办结的诉求"),
    "agreements": _("签约后未开工的协议"),
}


# The module list that shows a whole red-list group, where there is one.
RED_MORE = {"behind": "behind", "reports": "reporting", "agreements": "agreements"}


def _red_groups(red: figures.RedList, period: CockpitPeriod, county_links: dict) -> list[dict]:
    return [
        {
            "key": key,
            "label": RED_LABELS[key],
            "more": county_links.get(RED_MORE.get(key, "")),
            "count": red.counts[key],
            "hidden": red.counts[key] - len(items),
            "items": [(item, links.red_item_url(item, period)) for item in items],
        }
        for key, items in red.groups().items()
    ]


def _number(value) -> float | None:
    return None if value is None else float(value)


def _charts(county: figures.CountyFigures, departments, computed: dict) -> dict:
    monthly = computed["monthly"]
    ranked = [c for c in county.indicators if c.rank is not None]
    return {
        "months": [f"{m.month}月" for m in monthly],
        "planned": [yi_number(m.planned) for m in monthly],
        "actual": [yi_number(m.actual) for m in monthly],
        "ranks": {
            "names": [c.name for c in ranked],
            "ranks": [c.rank for c in ranked],
            "of": max((c.of for c in ranked), default=0),
            "labels": [c.rank_label for c in ranked],
            "rates": [_number(c.rate) for c in ranked],
        },
        "funnel": [{"name": s.label, "value": s.reached} for s in computed["funnel"]],
        "departments": {
            "names": [d.name for d in departments],
            "dispatched": [d.dispatched for d in departments],
            "satisfaction": [_number(d.satisfaction_rate) for d in departments],
            "on_time": [_number(d.on_time_rate) for d in departments],
        },
    }


# ---------------------------------------------------------------- city and province


def _figure_series(result: comparison.Comparison) -> list[dict]:
    """Every figure the map may be coloured by: {key, label, unit, values: {code: number}}."""
    rows = result.rows
    series = [
        {
            "key": f"rate:{column.code}",
            "label": _("%(name)s增速") % {"name": column.name},
            "unit": "%",
            "values": {r.code: _number(r.cell(column.code).rate) for r in rows},
            "ranks": {r.code: r.cell(column.code).rank for r in rows},
        }
        for column in result.indicators
        if column.is_ranked
    ]
    plain = [
        ("project_count", _("项目数"), _("个"), lambda r: r.project_count),
        (
            "project_investment",
            _("项目总投资"),
            _("亿元"),
            lambda r: yi_number(r.project_investment),
        ),
        ("signed_amount", _("签约额"), _("亿元"), lambda r: yi_number(r.signed_amount)),
        ("signing_rate", _("签约完成率"), "%", lambda r: _number(r.signing_rate)),
        ("start_rate", _("当年签约项目开工率"), "%", lambda r: _number(r.start_rate)),
        ("appeals", _("企业诉求"), _("件"), lambda r: r.appeals),
        ("satisfaction_rate", _("满意率"), "%", lambda r: _number(r.satisfaction_rate)),
    ]
    series += [
        {"key": key, "label": label, "unit": unit, "values": {r.code: value(r) for r in rows}}
        for key, label, unit, value in plain
    ]
    return [{**s, "label": str(s["label"]), "unit": str(s["unit"])} for s in series]


def _tiles(division_code: str, places: list[tuple[str, str, str]]) -> list[dict]:
    """places: (code, name, url) → tiles with their grid position."""
    positions = maps.tiles(division_code, [code for code, _name, _url in places])
    return [
        {"code": code, "name": name, "url": url, "x": positions[code][0], "y": positions[code][1]}
        for code, name, url in places
    ]


def _comparison_context(request, division, codes: list[str]) -> dict:
    # The counties the user may see are part of the key (a city viewer may see some only).
    seen = [",".join(sorted(codes))]
    latest = cached_figures(
        "latest", division, None, lambda: figures.latest_period(codes), parts=seen
    )
    period = period_from(request, latest)
    result = cached_figures(
        "comparison",
        division,
        period,
        lambda: comparison.compare(division, codes, period),
        parts=seen,
    )
    return {
        "period": period,
        "result": result,
        "selector": _selector(period, latest),
        "figure": request.GET.get("figure", "rate:gdp"),
        "series": _figure_series(result),
        "cockpit_links": {r.code: links.cockpit_url(r.code, period) for r in result.rows},
    }


@require(compares_counties)
def city(request, code: str):
    division = city_or_404(request.user, code)
    codes = city_counties(request.user, division)
    context = _comparison_context(request, division, codes)
    result = context["result"]
    places = [(r.code, r.name, context["cockpit_links"][r.code]) for r in result.rows]
    period = context["period"]
    context |= {
        "division": division,
        "tiles": _tiles(division.code, places),
        "level": "city",
        "map_tab": city_tab_context(request.user, division, period.year, period.last_month),
    }
    return render(request, "cockpit/comparison.html", context)


@require(compares_cities)
def province(request, code: str):
    """Every county of the province on one map, laid out by their centroids; the table keeps
    each county's city."""
    division, codes = province_or_404(request.user, code)
    context = _comparison_context(request, division, codes)
    result = context["result"]
    places = [(r.code, r.name, context["cockpit_links"][r.code]) for r in result.rows]
    cities = Division.objects.filter(parent=division, level=DivisionLevel.CITY).order_by("code")
    context |= {
        "division": division,
        "tiles": _tiles(division.code, places),
        "level": "province",
        "cities": cities,
    }
    return render(request, "cockpit/comparison.html", context)


@require(compares_counties)
def comparison_home(request):
    """The user's own city, or for a province account the province."""
    division = request.user.division
    period = request.GET.get("period", "")
    name = "province_cockpit" if division.level == DivisionLevel.PROVINCE else "city_cockpit"
    url = reverse(name, kwargs={"code": division.code})
    return redirect(f"{url}?{urlencode({'period': period})}" if period else url)

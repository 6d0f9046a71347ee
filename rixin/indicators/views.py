"""Pages of 经济运行: the county board, the city matrix, an indicator's trend, the entry grid,
targets, the catalogue and the bureaus' spreadsheet."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.accounts.access import (
    city_or_404,
    county_or_404,
    reads_county_data,
    require,
    visible_in_city,
)
from rixin.money import plain
from rixin.regions.models import Division
from rixin.spreadsheets.exports import Sheet, export_xlsx
from rixin.spreadsheets.imports import parse_decimal

from . import actions, queries
from .brief import compose_brief
from .forms import IndicatorForm
from .importers import importer_indicators, layout_header, layout_row, parse_figures
from .models import Indicator, Observation, Target
from .periods import Period

DEFAULT_CITY = "140700"


def _period(request, county_codes: list[str]) -> Period | None:
    """The period asked for (?period=2024-06), else the latest with published figures."""
    text = request.GET.get("period")
    if text:
        try:
            return Period.parse(text)
        except ValueError as exc:
            messages.error(request, str(exc))
    return queries.latest_period(county_codes)


def _user_city(user) -> str:
    division = user.division
    if division.level == "county":
        return division.parent_id
    if division.level == "city":
        return division.code
    codes = user.visible_county_codes()
    return DEFAULT_CITY if DEFAULT_CITY[:4] in {c[:4] for c in codes} else (codes[0][:4] + "00")


@require(reads_county_data)
def home(request):
    if request.user.county_code:
        return redirect("indicator_board", county=request.user.county_code)
    return redirect("indicator_matrix")


@require(reads_county_data)
def board(request, county):
    county = county_or_404(request.user, county)
    period = _period(request, [county.code])
    rows = queries.county_board(county.code, period.year, period.month) if period else []
    lines = [row.brief_line() for row in rows]
    briefs = {
        language: compose_brief(lines, period=period, place_name=county.name, language=language)
        for language in (("zh", "en") if period else ())
    }
    return render(
        request,
        "indicators/board.html",
        {
            "county": county,
            "period": period,
            "periods": queries.periods_with_data([county.code]),
            "rows": rows,
            "briefs": briefs,
            "sparklines": {
                row.indicator.code: [[k, float(r) if r is not None else None] for k, r in row.trend]
                for row in rows
            },
            "can_enter": county.code in actions.writable_county_codes(request.user),
        },
    )


@require(reads_county_data)
def matrix(request):
    city = city_or_404(request.user, request.GET.get("city") or _user_city(request.user))
    visible = visible_in_city(request.user, city)
    period = _period(request, visible)
    table = queries.city_table(city.code, period) if period else None
    context = {
        "city": city,
        "keep": {"city": city.code},
        "period": period,
        "periods": queries.periods_with_data(visible),
        "table": table,
        "rows": _matrix_rows(table, visible) if table else [],
    }
    template = "indicators/matrix.html#matrix" if request.htmx else "indicators/matrix.html"
    return render(request, template, context)


def _matrix_rows(table, visible: list[str]) -> list[dict]:
    rows = []
    for county in table.counties:
        if county.code not in visible:
            continue
        cells = [_matrix_cell(table, county.code, indicator) for indicator in table.indicators]
        rows.append({"county": county, "cells": cells, "top_three": table.top_three(county.code)})
    return rows


def _matrix_cell(table, county_code: str, indicator: Indicator) -> dict:
    observation, standing = table.cell(county_code, indicator.pk)
    css = ""
    if standing is not None:
        if standing.rank <= 3:
            css = "table-success"
        elif standing.rank > standing.of - 3:
            css = "table-danger"
    return {
        "observation": observation,
        "standing": standing,
        "ranked": indicator.is_ranked,
        "css": css,
    }


@require(reads_county_data)
def detail(request, code):
    indicator = get_object_or_404(Indicator.objects.visible_to(request.user), code=code)
    city = _user_city(request.user) if indicator.county_id is None else indicator.county.parent_id
    counties = list(
        Division.objects.filter(
            parent_id=city, code__in=request.user.visible_county_codes()
        ).order_by("code")
    )
    trend = queries.indicator_trend(indicator, [c.code for c in counties])
    chart = {
        "periods": trend["periods"],
        "counties": [
            {
                "name": c.display_name,
                "rates": [
                    _float(trend["series"][c.code].get(p, (None, None))[1])
                    for p in trend["periods"]
                ],
                "values": [
                    _float(trend["series"][c.code].get(p, (None, None))[0])
                    for p in trend["periods"]
                ],
            }
            for c in counties
        ],
        "unit": indicator.unit,
    }
    return render(request, "indicators/detail.html", {"indicator": indicator, "chart": chart})


def _float(number):
    return None if number is None else float(number)


def _entry_counties(user) -> list[Division]:
    return list(
        Division.objects.filter(code__in=actions.writable_county_codes(user)).order_by("code")
    )


def _save_grid(request, counties, indicators, period, status) -> dict:
    """Parse every cell first; write nothing unless all are valid."""
    errors, figures = {}, []
    for county in counties:
        for indicator in indicators:
            key = f"{county.code}-{indicator.pk}"
            try:
                value, rate = parse_figures(
                    indicator, request.POST.get(f"v-{key}"), request.POST.get(f"r-{key}")
                )
            except ValidationError as exc:
                errors[key] = f"{county.name} " + ";".join(
                    f"{header}:{'; '.join(msgs)}" for header, msgs in exc.message_dict.items()
                )
                continue
            if value is not None or rate is not None:
                figures.append((county, indicator, value, rate))
    if errors:
        return errors
    try:
        with transaction.atomic():
            for county, indicator, value, rate in figures:
                actions.save_observation(
                    acting_user=request.user,
                    county=county,
                    indicator=indicator,
                    period=period,
                    value=value,
                    rate=rate,
                    status=status,
                    source=request.POST.get("source", "")[:200],
                )
    except ValidationError as exc:
        return {"__all__": "; ".join(exc.messages)}
    return {}


@require(actions.enters_indicators)
def entry(request):
    """The grid: rows = counties the user reports for, columns = each indicator's value and rate."""
    counties = _entry_counties(request.user)
    indicators = importer_indicators(request.user)
    period = _period(request, [c.code for c in counties]) or Period(2024, 6)
    errors = {}
    if request.method == "POST":
        status = request.POST.get("status", "published")
        if status not in ("draft", "published"):
            status = "published"
        errors = _save_grid(request, counties, indicators, period, status)
        if not errors:
            messages.success(request, _("已保存%(period)s的数据。") % {"period": period.label()})
            return redirect(reverse("indicator_entry") + f"?period={period.key}")
    existing = {
        (o.county_id, o.indicator_id): o
        for o in Observation.objects.visible_to(request.user)
        .in_period(period)
        .filter(county__in=counties)
    }
    grid = [
        {
            "county": county,
            "cells": [
                _entry_cell(county, i, existing.get((county.code, i.pk)), request.POST, errors)
                for i in indicators
            ],
        }
        for county in counties
    ]
    return render(
        request,
        "indicators/entry.html",
        {
            "period": period,
            "indicators": indicators,
            "grid": grid,
            "errors": errors,
        },
    )


def _entry_cell(county, indicator, obs, posted, errors) -> dict:
    """One cell of the grid: what was typed (after an error) or what is recorded."""
    key = f"{county.code}-{indicator.pk}"
    if errors:
        value_text, rate_text = posted.get(f"v-{key}", ""), posted.get(f"r-{key}", "")
    else:
        value_text = plain(obs.published_value, indicator.decimal_places) if obs else ""
        rate_text = plain(obs.rate) if obs else ""
    return {
        "key": key,
        "indicator": indicator,
        "obs": obs,
        "value_text": value_text,
        "rate_text": rate_text,
        "error": errors.get(key),
    }


@require(actions.enters_indicators)
def template(request):
    """The bureaus' layout, one row per county the user reports for, filled with what is recorded."""
    counties = _entry_counties(request.user)
    indicators = importer_indicators(request.user)
    period = _period(request, [c.code for c in counties]) or Period(2024, 6)
    return _layout_download(request, period, counties, indicators, "indicators-template.xlsx")


@require(reads_county_data)
def export(request):
    city = city_or_404(request.user, request.GET.get("city") or _user_city(request.user))
    visible = visible_in_city(request.user, city)
    period = _period(request, visible)
    if period is None:
        raise Http404
    counties = list(Division.objects.filter(code__in=visible).order_by("code"))
    indicators = list(Indicator.objects.standard())
    return _layout_download(request, period, counties, indicators, f"indicators-{period.key}.xlsx")


def _layout_download(request, period, counties, indicators, filename):
    observations: dict[str, dict[int, Observation]] = {c.code: {} for c in counties}
    for obs in (
        Observation.objects.visible_to(request.user)
        .in_period(period)
        .filter(county__in=counties, indicator__in=indicators)
        .select_related("indicator")
    ):
        observations[obs.county_id][obs.indicator_id] = obs
    rows = [layout_row(period, c, observations[c.code], indicators) for c in counties]
    sheet = Sheet(period.label(), layout_header(indicators), rows, widths=[10, 14, 10])
    return export_xlsx(
        filename,
        [sheet],
        acting_user=request.user,
        what="indicators.observation",
        county=request.user.county_code or "",
        rows=len(rows),
    )


@require(reads_county_data)
def catalogue(request):
    indicators = Indicator.objects.visible_to(request.user).select_related("parent", "county")
    can_add = actions.enters_indicators(request.user) and bool(request.user.county_code)
    return render(
        request, "indicators/catalogue.html", {"indicators": indicators, "can_add": can_add}
    )


def _county_statistician(user) -> bool:
    return actions.enters_indicators(user) and bool(user.county_code)


@require(_county_statistician)
def indicator_create(request):
    form = IndicatorForm(request.POST or None, county_code=request.user.county_code)
    if request.method == "POST" and form.is_valid():
        try:
            actions.create_indicator(
                acting_user=request.user, county=request.user.division, **form.changes()
            )
        except ValidationError as exc:
            form.add_action_error(exc)
        else:
            messages.success(request, _("已新增自设指标。"))
            return redirect("indicator_catalogue")
    return render(request, "indicators/indicator_form.html", {"form": form})


@require(actions.enters_indicators)
def targets(request):
    """Annual growth targets of one county (a city statistician picks the county)."""
    codes = actions.writable_county_codes(request.user)
    county_code = request.GET.get("county") or codes[0]
    if county_code not in codes:
        raise Http404
    county = Division.objects.get(code=county_code)
    try:
        year = int(request.GET.get("year") or 2024)
        Period(year, 12)
    except ValueError:
        raise Http404 from None
    indicators = list(Indicator.objects.for_county(county_code))
    errors = {}
    if request.method == "POST":
        errors = _save_targets(request, county, indicators, year)
        if not errors:
            messages.success(request, _("已保存%(year)d年目标。") % {"year": year})
            return redirect(reverse("indicator_targets") + f"?county={county_code}&year={year}")
    current = dict(
        Target.objects.visible_to(request.user)
        .filter(county=county, year=year)
        .values_list("indicator_id", "growth")
    )
    rows = [
        {
            "indicator": i,
            "text": request.POST.get(f"t-{i.pk}", "") if errors else plain(current.get(i.pk)),
            "error": errors.get(i.pk),
        }
        for i in indicators
    ]
    counties = Division.objects.filter(code__in=codes).order_by("code")
    return render(
        request,
        "indicators/targets.html",
        {
            "county": county,
            "year": year,
            "rows": rows,
            "counties": counties,
            "form_error": errors.get(None),
        },
    )


def _save_targets(request, county, indicators, year) -> dict:
    errors, wanted = {}, []
    for indicator in indicators:
        try:
            growth = parse_decimal(request.POST.get(f"t-{indicator.pk}"), unit="%")
        except ValueError as exc:
            errors[indicator.pk] = str(exc)
            continue
        if growth is not None:
            wanted.append((indicator, growth))
    if errors:
        return errors
    try:
        with transaction.atomic():
            for indicator, growth in wanted:
                actions.set_target(
                    acting_user=request.user,
                    county=county,
                    indicator=indicator,
                    year=year,
                    growth=growth,
                )
    except ValidationError as exc:
        return {None: "; ".join(exc.messages)}
    return {}

"""Pages of 经济运行: the county board, the city matrix, an indicator's trend, the entry grid,
targets, the catalogue and the bureaus' spreadsheet."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.accounts.access import (
    city_or_404,
    county_or_404,
    reads_county_data,
    require,
    visible_in_city,
)
from rixin.money import plain
from rixin.regions.models import Division, DivisionLevel
from rixin.spreadsheets.exports import Sheet, export_xlsx
from rixin.views import form_page

from . import access, actions, queries
from .brief import compose_brief
from .choices import ObservationStatus
from .forms import IndicatorForm
from .importers import importer_indicators, layout_header, layout_row
from .models import Indicator, Observation, Target
from .periods import Period


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
    """A county's or a city's account: its city. A province's: the city with the latest data."""
    division = user.division
    if division.level == DivisionLevel.COUNTY:
        return division.parent_id
    if division.level == DivisionLevel.CITY:
        return division.code
    return queries.latest_city(user.visible_county_codes()) or ""


def _entry_period(request, counties: list[Division]) -> Period:
    """The period asked for, else the latest with data, else the last month over."""
    return _period(request, [c.code for c in counties]) or Period.completed_by(timezone.localdate())


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
            "can_enter": county.code in access.writable_county_codes(request.user),
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
    if standing is not None and standing.complete:
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
        Division.objects.filter(code__in=access.writable_county_codes(user)).order_by("code")
    )


def _action_errors(exc: ValidationError, cells, form_key) -> dict:
    """A grid action's errors: one text per cell in ``cells``, the rest under ``form_key``."""
    if not hasattr(exc, "error_dict"):
        return {form_key: "; ".join(exc.messages)}
    errors: dict = {}
    for key, messages_ in exc.error_dict.items():
        text = "; ".join(ValidationError(messages_).messages)
        target = key if key in cells else form_key
        errors[target] = f"{errors[target]}; {text}" if target in errors else text
    return errors


def _save_grid(request, counties, indicators, period) -> dict:
    keys = [actions.cell_key(c.code, i) for c in counties for i in indicators]
    post = request.POST
    try:
        actions.save_grid(
            acting_user=request.user,
            counties=counties,
            indicators=indicators,
            period=period,
            entered={k: (post.get(f"v-{k}"), post.get(f"r-{k}")) for k in keys},
            status=post.get("status") or ObservationStatus.PUBLISHED,
            source=post.get("source", ""),
        )
    except ValidationError as exc:
        return _action_errors(exc, set(keys), "__all__")
    return {}


@require(access.enters_indicators)
def entry(request):
    """The grid: rows = counties the user reports for, columns = each indicator's value and rate."""
    counties = _entry_counties(request.user)
    indicators = importer_indicators(request.user)
    period = _entry_period(request, counties)
    errors = {}
    if request.method == "POST":
        errors = _save_grid(request, counties, indicators, period)
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
    key = actions.cell_key(county.code, indicator)
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


@require(access.enters_indicators)
def template(request):
    """The bureaus' layout, one row per county the user reports for, filled with what is recorded."""
    counties = _entry_counties(request.user)
    indicators = importer_indicators(request.user)
    period = _entry_period(request, counties)
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
    can_add = access.enters_own_indicators(request.user)
    return render(
        request, "indicators/catalogue.html", {"indicators": indicators, "can_add": can_add}
    )


@require(access.enters_own_indicators)
def indicator_create(request):
    form = IndicatorForm(request.POST or None, county_code=request.user.county_code)
    return form_page(
        request,
        form,
        "indicators/indicator_form.html",
        save=lambda f: actions.create_indicator(
            acting_user=request.user, county=request.user.division, **f.changes()
        ),
        success_message=_("已新增自设指标。"),
        success_url=reverse("indicator_catalogue"),
    )


@require(access.enters_indicators)
def targets(request):
    """Annual growth targets of one county (a city statistician picks the county)."""
    codes = access.writable_county_codes(request.user)
    county_code = request.GET.get("county") or codes[0]
    if county_code not in codes:
        raise Http404
    county = Division.objects.get(code=county_code)
    try:
        year = int(request.GET.get("year") or _target_year(county_code))
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
            "error": errors.get(str(i.pk)),
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


def _target_year(county_code: str) -> int:
    """The latest year the county has targets for, else this year."""
    latest = (
        Target.objects.filter(county_id=county_code)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    return latest or timezone.localdate().year


def _save_targets(request, county, indicators, year) -> dict:
    try:
        actions.save_targets(
            acting_user=request.user,
            county=county,
            year=year,
            entered={i: request.POST.get(f"t-{i.pk}") for i in indicators},
        )
    except ValidationError as exc:
        return _action_errors(exc, {str(i.pk) for i in indicators}, None)
    return {}

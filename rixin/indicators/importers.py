"""The bureaus' spreadsheet: one row per county, for each indicator a value and a rate column.

统计期 | 县(市、区)代码 | 县(市、区) | 地区生产总值(亿元) | 地区生产总值增速(%) | …

A county's statistics bureau imports its own row; a city statistician imports every county of
the city at once. A figure already recorded for the same county, indicator and period is a
correction (previewed and recorded as such). A blank cell keeps what is recorded (a file with
the rates alone leaves the values as they are); "清除" in a cell clears that figure.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.money import plain
from rixin.regions.models import Division
from rixin.spreadsheets.imports import (
    Change,
    Column,
    Importer,
    RowInvalid,
    check_fits,
    field_limits,
    parse_decimal,
    parse_text,
    register,
)

from . import access, actions
from .models import Indicator, Observation, check_figures
from .periods import Period

PERIOD, COUNTY_CODE, COUNTY_NAME = "统计期", "县(市、区)代码", "县(市、区)"
# What a cell says to clear a recorded figure (a blank cell keeps it).
CLEAR = "清除"
COUNTY_CODE_LENGTH = 6


class _Keep:
    """A blank cell: the recorded figure stays as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


def _is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _is_clear(cell) -> bool:
    return isinstance(cell, str) and unicodedata.normalize("NFKC", cell).strip() == CLEAR


def _merged(entered, recorded):
    return recorded if entered is KEEP else entered


def value_header(indicator: Indicator) -> str:
    return f"{indicator.name}({indicator.unit})"


def rate_header(indicator: Indicator) -> str:
    return f"{indicator.name}增速(%)"


def layout_header(indicators: list[Indicator]) -> list[str]:
    headers = [PERIOD, COUNTY_CODE, COUNTY_NAME]
    for indicator in indicators:
        headers += [value_header(indicator), rate_header(indicator)]
    return headers


def layout_row(
    period: Period, county: Division, observations: dict[int, Observation], indicators
) -> list:
    row: list[Any] = [period.key, county.code, county.name]
    for indicator in indicators:
        obs = observations.get(indicator.pk)
        row += [obs.published_value if obs else None, obs.rate if obs else None]
    return row


def parse_figures(
    indicator: Indicator, value_cell, rate_cell
) -> tuple[Decimal | None, Decimal | None]:
    """Two cells → (value in the stored unit, rate); ValidationError({header: message}).

    "98.03亿元" is accepted in a 亿元 column; another unit is refused, naming the expected one."""
    errors = {}
    value = rate = None
    try:
        value = parse_decimal(value_cell, unit=indicator.unit, places=indicator.decimal_places)
        if value is not None:
            # The stored number (亿元 → 万元) must fit the column, at preview as at confirm.
            stored_field = Observation._meta.get_field("value")
            check_fits(indicator.to_stored(value), *field_limits(stored_field))
    except ValueError as exc:
        errors[value_header(indicator)] = str(exc)
    try:
        rate = parse_decimal(rate_cell, unit="%", field=Observation._meta.get_field("rate"))
    except ValueError as exc:
        errors[rate_header(indicator)] = str(exc)
    if not errors:
        rule = check_figures(indicator, value, rate)
        headers = {"value": value_header(indicator), "rate": rate_header(indicator)}
        errors = {headers[name]: message for name, message in rule.items()}
    if errors:
        raise ValidationError(errors)
    return (indicator.to_stored(value) if value is not None else None), rate


@dataclass
class CountyRow:
    period: Period
    county: str
    # indicator → (value, rate): a Decimal, None (清除: clear it) or KEEP (blank: keep it)
    figures: dict[int, tuple[Any, Any]] = field(default_factory=dict)


def importer_indicators(user) -> list[Indicator]:
    """The columns a user's file has: the standard set, and a county's own indicators."""
    if user.county_code:
        return list(Indicator.objects.for_county(user.county_code))
    return list(Indicator.objects.standard())


@register
class ObservationImporter(Importer):
    kind = "indicators"
    title = gettext_lazy("经济指标(各县增速与数值)")

    def __init__(self, user, params: dict | None = None):
        super().__init__(user, params)
        self.indicators = importer_indicators(user) if self.allowed() else []
        self.columns = [
            Column(PERIOD, "period", help="2024-06"),
            Column(COUNTY_CODE, "county"),
            Column(COUNTY_NAME, "county_name", required=False),
        ]
        for indicator in self.indicators:
            self.columns += [
                Column(value_header(indicator), f"v{indicator.pk}", required=False),
                Column(rate_header(indicator), f"r{indicator.pk}", required=False),
            ]

    def allowed(self) -> bool:
        return access.enters_indicators(self.user)

    def county_code(self) -> str:
        return self.user.county_code or ""

    def _county_error(self, code: str) -> str:
        if self.user.county_code:
            return _("“%(c)s”不是您所在的县(%(own)s),不能导入其他县的数据") % {
                "c": code,
                "own": self.user.county_code,
            }
        return _("“%(c)s”不是%(city)s的县(市、区),不能导入") % {
            "c": code,
            "city": self.user.division.name,
        }

    def parse_row(self, number, values):
        errors: list[tuple[str, str]] = []
        period = None
        try:
            period = Period.parse(values["period"])
        except ValueError as exc:
            errors.append((PERIOD, str(exc)))
        try:
            code = parse_text(values["county"], max_length=12)
        except ValueError as exc:
            code = None
            errors.append((COUNTY_CODE, str(exc)))
        if code is None:
            pass
        elif len(code) != COUNTY_CODE_LENGTH or not code.isdigit():
            errors.append((COUNTY_CODE, _("“%(c)s”不是6位行政区划代码") % {"c": code[:20]}))
        elif code not in access.writable_county_codes(self.user):
            errors.append((COUNTY_CODE, self._county_error(code)))
        row = CountyRow(period, code)
        for indicator in self.indicators:
            value_cell, rate_cell = values[f"v{indicator.pk}"], values[f"r{indicator.pk}"]
            cells = (value_cell, rate_cell)
            try:
                value, rate = parse_figures(
                    indicator, *(None if _is_clear(cell) else cell for cell in cells)
                )
            except ValidationError as exc:
                errors.extend(
                    (header, "; ".join(msgs)) for header, msgs in exc.message_dict.items()
                )
                continue
            value, rate = (
                KEEP if _is_blank(cell) else figure
                for cell, figure in zip(cells, (value, rate), strict=True)
            )
            if value is KEEP and rate is KEEP:
                continue
            if period is not None and not indicator.publishes_in(period):
                errors.append(
                    (
                        rate_header(indicator),
                        _("“%(name)s”按季度公布,%(period)s不是季末,不能导入")
                        % {"name": indicator.name, "period": period.key},
                    )
                )
                continue
            row.figures[indicator.pk] = (value, rate)
        if errors:
            raise RowInvalid(errors)
        return row

    def plan(self, rows):
        errors, seen = [], {}
        for number, row in rows:
            key = (row.county, row.period)
            if key in seen:
                errors.append(
                    (
                        number,
                        COUNTY_CODE,
                        _("与第%(b)d行是同一县、同一统计期,重复") % {"b": seen[key]},
                    )
                )
            seen[key] = number
        if errors:
            raise RowInvalid(errors)
        existing = self._existing(rows)
        indicators = {i.pk: i for i in self.indicators}
        changes = []
        for number, row in rows:
            for indicator_id, (entered_value, entered_rate) in row.figures.items():
                current = existing.get((row.county, indicator_id, row.period))
                indicator = indicators[indicator_id]
                text = f"{row.county} {row.period.label()} {indicator.name}"
                value = _merged(entered_value, current.value if current else None)
                rate = _merged(entered_rate, current.rate if current else None)
                if current is None and value is None and rate is None:
                    continue  # only 清除 for a figure never recorded
                if current is None:
                    kind = "create"
                elif (current.value, current.rate) != (value, rate):
                    kind = "correction"
                    text += _(":由 %(old)s 更正为 %(new)s") % {
                        "old": _figures_text(indicator, current.value, current.rate),
                        "new": _figures_text(indicator, value, rate),
                    }
                elif current.status != "published":
                    kind = "update"
                else:
                    kind = "unchanged"
                payload = (row.county, indicator_id, row.period, value, rate)
                changes.append(Change(number, kind, text, payload, target=current))
        return changes

    def _existing(self, rows) -> dict:
        counties = {row.county for _n, row in rows}
        years = {row.period.year for _n, row in rows}
        found = Observation.objects.filter(
            county_id__in=counties, indicator__in=self.indicators, year__in=years
        )
        return {(o.county_id, o.indicator_id, o.period): o for o in found}

    def apply(self, changes):
        counties = Division.objects.in_bulk({c.payload[0] for c in changes})
        indicators = {i.pk: i for i in self.indicators}
        for change in changes:
            if change.kind == "unchanged":
                continue
            county, indicator_id, period, value, rate = change.payload
            actions.save_observation(
                acting_user=self.user,
                county=counties[county],
                indicator=indicators[indicator_id],
                period=period,
                value=value,
                rate=rate,
                reason=_("导入更正") if change.kind == "correction" else "",
            )


def _figures_text(indicator: Indicator, value, rate) -> str:
    shown = indicator.to_published(value)
    value_text = f"{plain(shown)}{indicator.unit}" if shown is not None else "—"
    return f"{value_text} / {plain(rate) + '%' if rate is not None else '—'}"

"""A year's State Council notice from a small file: 日期 | 类型 (休/班) | 名称."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.spreadsheets.imports import (
    Change,
    Column,
    Importer,
    RowInvalid,
    parse_choice,
    parse_date,
    parse_text,
    register,
)

from . import actions
from .access import calendar_county, edits_calendar, manages_calendar
from .choices import DayKind
from .models import SpecialDay


@register
class CalendarImporter(Importer):
    kind = "calendar"
    title = gettext_lazy("节假日安排")
    columns = [
        Column("日期", "date", help="2027-01-01"),
        Column("类型", "kind", help="休/班"),
        Column("名称", "name", required=False, help="元旦"),
    ]

    def allowed(self) -> bool:
        return manages_calendar(self.user) and edits_calendar(self.user, self.calendar())

    def calendar(self) -> str | None:
        return calendar_county(self.user)

    def county_code(self) -> str:
        return self.calendar() or ""

    def parse_row(self, number, values):
        errors = []
        try:
            day = parse_date(values["date"])
            if day is None:
                errors.append(("日期", _("必填")))
        except ValueError as exc:
            errors.append(("日期", str(exc)))
            day = None
        try:
            kind = parse_choice(values["kind"], DayKind.choices)
        except ValueError as exc:
            errors.append(("类型", str(exc)))
            kind = None
        try:
            name = parse_text(values["name"], max_length=60)
        except ValueError as exc:
            errors.append(("名称", str(exc)))
        if day and kind == DayKind.WORKING and day.weekday() < 5 and self.calendar() is None:
            errors.append(("类型", _("%(d)s 是周一至周五,本就是工作日") % {"d": day.isoformat()}))
        if errors:
            raise RowInvalid(errors)
        return actions.DayRow(day, kind, name)

    def plan(self, rows):
        errors, seen = [], {}
        for number, row in rows:
            if row.date in seen:
                errors.append((number, "日期", _("与第%(b)d行的日期重复") % {"b": seen[row.date]}))
            seen[row.date] = number
        if errors:
            raise RowInvalid(errors)
        county = self.calendar()
        own = (
            SpecialDay.objects.filter(county_id=county) if county else SpecialDay.objects.national()
        )
        existing = {d.date: d for d in own.filter(date__in=list(seen))}
        changes = []
        for number, row in rows:
            current = existing.get(row.date)
            text = f"{row.date.isoformat()} {row.kind} {row.name}".strip()
            if current is None:
                changes.append(Change(number, "create", text, row))
            elif (current.kind, current.name) != (row.kind, row.name):
                changes.append(Change(number, "update", text, row))
            else:
                changes.append(Change(number, "unchanged", text, row))
        return changes

    def apply(self, changes):
        actions.import_days(
            [c.payload for c in changes], acting_user=self.user, county_code=self.calendar()
        )

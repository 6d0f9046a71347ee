"""Every change of the holiday calendar. Each checks who may make it, validates, writes the
audit record and rebuilds the working-day index in the same transaction."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_delete, audited_update, record_event
from rixin.audit.models import AuditAction

from .access import edits_calendar
from .calendar import rebuild_after_change
from .choices import DayKind, YearSource
from .models import CalendarYear, SpecialDay


def _check(acting_user, county_code: str | None) -> None:
    if not edits_calendar(acting_user, county_code):
        raise PermissionDenied(_("无权修改该节假日安排"))


def _validate(day: datetime.date, kind: str, county_code: str | None, *, exclude=None) -> None:
    if kind not in DayKind.values:
        raise ValidationError({"kind": _("类型应为“休”或“班”")})
    if kind == DayKind.WORKING and day.weekday() < 5 and county_code is None:
        raise ValidationError({"kind": _("周一至周五本就是工作日,无需登记为“班”")})
    same = SpecialDay.objects.filter(date=day, county_id=county_code)
    if county_code is None:
        same = SpecialDay.objects.filter(date=day, county__isnull=True)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError({"date": _("%(d)s 已登记") % {"d": day.isoformat()}})


def add_day(
    *,
    acting_user,
    date: datetime.date,
    kind: str,
    name: str = "",
    county_code: str | None = None,
) -> SpecialDay:
    """A 休 or 班 day of the national schedule (``county_code`` None) or of a county."""
    _check(acting_user, county_code)
    _validate(date, kind, county_code)
    with transaction.atomic():
        day = audited_create(
            SpecialDay,
            acting_user=acting_user,
            date=date,
            kind=kind,
            name=name,
            county_id=county_code,
        )
        rebuild_after_change(county_code)
    return day


def update_day(day: SpecialDay, changes: dict, *, acting_user) -> SpecialDay:
    _check(acting_user, day.county_id)
    _validate(
        changes.get("date", day.date), changes.get("kind", day.kind), day.county_id, exclude=day
    )
    with transaction.atomic():
        audited_update(day, changes, acting_user=acting_user)
        rebuild_after_change(day.county_id)
    return day


def delete_day(day: SpecialDay, *, acting_user) -> None:
    """The date goes back to a plain week (national) or to the national schedule (county)."""
    _check(acting_user, day.county_id)
    with transaction.atomic():
        audited_delete(day, acting_user=acting_user)
        rebuild_after_change(day.county_id)


def confirm_year(
    year: int,
    *,
    acting_user,
    county_code: str | None = None,
    notice: str = "",
    source: str = YearSource.ADMINISTRATOR,
) -> CalendarYear:
    """The year's schedule is entered: its deadlines are no longer provisional."""
    _check(acting_user, county_code)
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("年份应在 2000 至 2100 之间")})
    existing = CalendarYear.objects.filter(year=year)
    existing = existing.filter(county_id=county_code) if county_code else existing.national()
    if existing.exists():
        raise ValidationError({"year": _("%(y)d 年已录入") % {"y": year}})
    with transaction.atomic():
        entry = audited_create(
            CalendarYear,
            acting_user=acting_user,
            year=year,
            county_id=county_code,
            source=source,
            notice=notice,
            entered_by=None if acting_user.is_system_actor else acting_user,
        )
        rebuild_after_change(county_code)
    return entry


@dataclass(frozen=True)
class DayRow:
    """One row of an imported notice."""

    date: datetime.date
    kind: str
    name: str


def import_days(
    rows: Iterable[DayRow], *, acting_user, county_code: str | None = None, notice: str = ""
) -> dict[str, int]:
    """A State Council notice from a file: each day created or updated, and every year the
    file names marked as entered (source: import). One rebuild for the whole file."""
    _check(acting_user, county_code)
    rows = list(rows)
    own = (
        SpecialDay.objects.filter(county_id=county_code)
        if county_code
        else (SpecialDay.objects.national())
    )
    existing = {d.date: d for d in own.filter(date__in=[r.date for r in rows])}
    done = {"create": 0, "update": 0, "unchanged": 0}
    with transaction.atomic():
        for row in rows:
            current = existing.get(row.date)
            if current is None:
                _validate(row.date, row.kind, county_code)
                audited_create(
                    SpecialDay,
                    acting_user=acting_user,
                    date=row.date,
                    kind=row.kind,
                    name=row.name,
                    county_id=county_code,
                )
                done["create"] += 1
            elif (current.kind, current.name) != (row.kind, row.name):
                audited_update(
                    current, {"kind": row.kind, "name": row.name}, acting_user=acting_user
                )
                done["update"] += 1
            else:
                done["unchanged"] += 1
        entered = CalendarYear.objects.filter(year__in={r.date.year for r in rows})
        entered = entered.filter(county_id=county_code) if county_code else entered.national()
        known = set(entered.values_list("year", flat=True))
        for year in sorted({r.date.year for r in rows} - known):
            audited_create(
                CalendarYear,
                acting_user=acting_user,
                year=year,
                county_id=county_code,
                source=YearSource.IMPORT,
                notice=notice,
                entered_by=None if acting_user.is_system_actor else acting_user,
            )
        rebuild_after_change(county_code)
    return done


def seed_from_chinese_calendar(*, acting_user, first: int = 2018, last: int | None = None) -> int:
    """The national schedule for the years chinese-calendar knows (``first`` to its last),
    as one audited event; years already in the table are left as they are."""
    from .seed import chinese_calendar_days

    _check(acting_user, None)
    years, days = chinese_calendar_days(first, last)
    known = set(CalendarYear.objects.national().values_list("year", flat=True))
    years = [y for y in years if y not in known]
    if not years:
        return 0
    with transaction.atomic():
        CalendarYear.objects.bulk_create(
            CalendarYear(year=y, source=YearSource.CHINESE_CALENDAR, notice="chinese-calendar")
            for y in years
        )
        taken = set(SpecialDay.objects.national().values_list("date", flat=True))
        SpecialDay.objects.bulk_create(
            SpecialDay(date=d, kind=kind, name=name)
            for d, kind, name in days
            if d.year in years and d not in taken
        )
        rebuild_after_change(None)
        record_event(
            AuditAction.CREATE,
            acting_user=acting_user,
            object_type="workcalendar.calendaryear",
            object_repr=f"chinese-calendar {years[0]}-{years[-1]}",
            after={"years": years},
        )
    return len(years)

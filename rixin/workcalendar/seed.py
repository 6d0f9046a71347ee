"""The national schedule as chinese-calendar ships it, for the seed."""

from __future__ import annotations

import datetime

FIRST_YEAR = 2018


def chinese_calendar_days(
    first: int = FIRST_YEAR, last: int | None = None
) -> tuple[list[int], list[tuple[datetime.date, str, str]]]:
    """(years covered, [(date, 休|班, Chinese name)]) for ``first``..``last`` (default: the last
    year the installed chinese-calendar knows)."""
    import chinese_calendar
    from chinese_calendar.constants import Holiday

    from .choices import DayKind

    names = {h.value: h.chinese for h in Holiday}
    known = max(d.year for d in chinese_calendar.holidays)
    last = min(last or known, known)
    days = [
        (d, DayKind.HOLIDAY.value, names.get(n, n))
        for d, n in chinese_calendar.holidays.items()
        if first <= d.year <= last
    ] + [
        (d, DayKind.WORKING.value, names.get(n, n))
        for d, n in chinese_calendar.workdays.items()
        if first <= d.year <= last and d.weekday() >= 5
    ]
    return list(range(first, last + 1)), sorted(days)


def seed_if_empty(using: str = "default") -> None:
    """Seed when no chinese-calendar year is in the table (a new or flushed database)."""
    from django.db import connections

    from rixin.accounts.access import system_actor

    from . import actions
    from .choices import YearSource
    from .models import CalendarYear

    if "workcalendar_calendaryear" not in connections[using].introspection.table_names():
        return
    if CalendarYear.objects.using(using).filter(source=YearSource.CHINESE_CALENDAR).exists():
        return
    actions.seed_from_chinese_calendar(acting_user=system_actor())

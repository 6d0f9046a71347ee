"""When a county's scheduled monthly report is due: on the Nth working day of a month (the
county's calendar), for the month before, at 08:00 local time."""

from __future__ import annotations

import datetime

from django.utils import timezone

from rixin.cockpit.periods import MONTH, CockpitPeriod
from rixin.workcalendar.calendar import is_working_day

HOUR = 8


def nth_working_day(year: int, month: int, n: int, county: str) -> datetime.date:
    """The Nth working day of the month (its last working day if it has fewer)."""
    day = datetime.date(year, month, 1)
    found = None
    while day.month == month:
        if is_working_day(day, county):
            found = day
            n -= 1
            if n == 0:
                return day
        day += datetime.timedelta(days=1)
    return found or datetime.date(year, month, 1)


def _month_after(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def next_run(
    county: str, working_day: int, last_period: str, now: datetime.datetime | None = None
) -> tuple[datetime.datetime, CockpitPeriod]:
    """The moment of the next run and the month it reports: the first month after
    ``last_period`` (or the month before now, when nothing was sent yet) whose sending day
    is not yet past — a month whose day went by before the schedule existed is skipped."""
    now = timezone.localtime(now or timezone.now())
    year, month = now.year, now.month
    while True:
        report_year, report_month = (year - 1, 12) if month == 1 else (year, month - 1)
        period = CockpitPeriod(report_year, MONTH, report_month)
        day = nth_working_day(year, month, working_day, county)
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(HOUR)))
        sent = bool(last_period) and period.key <= last_period
        if not sent and moment.date() >= now.date():
            return moment, period
        year, month = _month_after(year, month)

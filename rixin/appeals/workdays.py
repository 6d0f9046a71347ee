"""Chinese working days: public holidays skipped, make-up working weekends counted.

chinesecalendar knows the State Council's schedule for the years it ships; outside them
a plain Monday-to-Friday week is assumed rather than failing.
"""

from __future__ import annotations

import datetime
import functools

import chinese_calendar


# chinesecalendar scans its holiday table on every call; a scorecard asks about the same
# few hundred days tens of thousands of times.
@functools.lru_cache(maxsize=8192)
def is_working_day(day: datetime.date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start`` (``start`` itself is day 0)."""
    day = start
    counted = 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count

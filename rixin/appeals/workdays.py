"""Chinese working days for the appeals' deadlines: public holidays skipped, make-up working
weekends counted — read from the county's holiday calendar (``rixin.workcalendar``), which
the administrators keep when each year's State Council notice is out.

Outside the years the calendar covers a plain Monday-to-Friday week is counted, and such a
result is provisional: use ``deadline`` / ``deadline_is_provisional`` to say so.
``county`` (a county code) picks the county's own calendar where it has one; without it the
national schedule applies.
"""

from __future__ import annotations

from rixin.workcalendar.calendar import (
    Deadline,
    add_working_days,
    deadline,
    deadline_is_provisional,
    is_working_day,
    working_days_between,
)

__all__ = [
    "Deadline",
    "add_working_days",
    "deadline",
    "deadline_is_provisional",
    "is_working_day",
    "working_days_between",
]

"""A project's timeline dates each event by the county's own calendar day: a report sent
at 00:30 in Shouyang (16:30 UTC the evening before) is dated that morning, not the day
before."""

import datetime
from types import SimpleNamespace

from rixin.projects.views import _timeline

UTC = datetime.UTC
AFTER_LOCAL_MIDNIGHT = datetime.datetime(2024, 7, 31, 16, 30, tzinfo=UTC)


class _Changes(list):
    def all(self):
        return self


def test_status_and_report_events_carry_the_local_date():
    change = SimpleNamespace(at=AFTER_LOCAL_MIDNIGHT)
    project = SimpleNamespace(status_changes=_Changes([change]))
    report = SimpleNamespace(submitted_at=AFTER_LOCAL_MIDNIGHT)
    events = _timeline(project, [report], [], [])
    assert [e["date"] for e in events] == [datetime.date(2024, 8, 1)] * 2

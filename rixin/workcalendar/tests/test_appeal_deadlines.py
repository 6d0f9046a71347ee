"""The appeals' pages mark a deadline in a year the calendar does not cover as 暂定."""

import datetime

import pytest

from rixin.appeals.tests.factories import dispatched, moment
from rixin.workcalendar import actions
from rixin.workcalendar.calendar import add_working_days
from rixin.workcalendar.choices import DayKind

pytestmark = pytest.mark.django_db


def test_a_deadline_in_2027_is_marked_provisional_on_the_appeal(personas, client_for):
    appeal = dispatched(personas, at=moment("2026-12-30"))
    assert appeal.deadline.year == 2027
    page = client_for(personas.leader).get(f"/appeals/{appeal.pk}/").content.decode()
    assert 'data-testid="provisional"' in page
    listing = client_for(personas.leader).get("/appeals/").content.decode()
    assert 'data-testid="provisional"' in listing


def test_a_deadline_in_a_covered_year_is_not_marked(personas, client_for):
    actions.confirm_year(2027, acting_user=personas.sysadmin)
    appeal = dispatched(personas, at=moment("2026-12-30"))
    page = client_for(personas.leader).get(f"/appeals/{appeal.pk}/").content.decode()
    assert 'data-testid="provisional"' not in page


def test_the_appeal_deadline_follows_the_countys_own_days(personas):
    national = dispatched(personas, at=moment("2024-09-30")).deadline
    actions.add_day(
        acting_user=personas.county_admin,
        date=datetime.date(2024, 10, 8),
        kind=DayKind.HOLIDAY,
        name="县里放假",
        county_code="140725",
    )
    local = dispatched(personas, at=moment("2024-09-30")).deadline
    assert local == add_working_days(national, 1, "140725") and local > national

"""From December on, the administrators are told when next year's calendar is missing."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from rixin.workcalendar import actions
from rixin.workcalendar.calendar import next_year_missing

D = datetime.date
pytestmark = pytest.mark.django_db


def _notice(user, today):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load workcalendar %}{% calendar_notice today %}")
    return template.render(Context({"request": request, "today": today}))


def test_on_1_december_2026_the_administrators_see_that_2027_is_missing(personas):
    today = D(2026, 12, 1)
    assert next_year_missing(today) == 2027
    for user in (personas.sysadmin, personas.county_admin):
        assert 'data-testid="calendar-notice"' in _notice(user, today)
        assert "2027" in _notice(user, today)
    for user in (personas.officer, personas.leader, personas.secadmin):
        assert "calendar-notice" not in _notice(user, today)


def test_there_is_no_notice_before_december(personas):
    assert next_year_missing(D(2026, 11, 30)) is None
    assert "calendar-notice" not in _notice(personas.sysadmin, D(2026, 11, 30))


def test_the_notice_goes_once_next_year_is_entered(personas):
    actions.confirm_year(2027, acting_user=personas.sysadmin)
    assert "calendar-notice" not in _notice(personas.sysadmin, D(2026, 12, 1))
    assert "calendar-notice" not in _notice(personas.county_admin, D(2026, 12, 1))


def test_the_year_page_lists_national_day_2024(personas, client_for):
    response = client_for(personas.county_admin).get("/calendar/2024/")
    assert response.status_code == 200
    assert "国庆节" in response.content.decode()

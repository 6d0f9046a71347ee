"""Who keeps which calendar."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from rixin.accounts.access import MissingActor, system_actor
from rixin.workcalendar import actions
from rixin.workcalendar.choices import DayKind
from rixin.workcalendar.models import SpecialDay

D = datetime.date(2031, 5, 6)
pytestmark = pytest.mark.django_db


def test_an_officer_gets_403_on_the_calendar_pages(personas, client_for):
    assert client_for(personas.officer).get("/calendar/2026/").status_code == 403
    response = client_for(personas.officer).post(
        "/calendar/2031/days/new/", {"date": "2031-05-06", "kind": "休"}
    )
    assert response.status_code == 403
    assert not SpecialDay.objects.filter(date=D).exists()


def test_a_county_administrator_gets_404_for_another_countys_day(personas, client_for):
    other = actions.add_day(
        acting_user=system_actor(), date=D, kind=DayKind.HOLIDAY, county_code="140702"
    )
    client = client_for(personas.county_admin)
    assert client.get(f"/calendar/days/{other.pk}/edit/").status_code == 404
    assert client.post(f"/calendar/days/{other.pk}/delete/").status_code == 404
    assert SpecialDay.objects.filter(pk=other.pk).exists()


def test_a_county_administrator_adds_a_day_for_their_county_only(personas, client_for):
    client = client_for(personas.county_admin)
    response = client.post("/calendar/2031/days/new/", {"date": "2031-05-06", "kind": "休"})
    assert response.status_code == 302
    assert SpecialDay.objects.get(date=D).county_id == "140725"


def test_only_the_system_administrator_changes_the_national_schedule(personas):
    with pytest.raises(PermissionDenied):
        actions.add_day(acting_user=personas.county_admin, date=D, kind=DayKind.HOLIDAY)
    with pytest.raises(PermissionDenied):
        actions.add_day(
            acting_user=personas.county_admin, date=D, kind=DayKind.HOLIDAY, county_code="140702"
        )
    with pytest.raises(PermissionDenied):
        actions.confirm_year(2027, acting_user=personas.officer)
    with pytest.raises(MissingActor):
        actions.add_day(acting_user=None, date=D, kind=DayKind.HOLIDAY)
    assert not SpecialDay.objects.filter(date=D).exists()


def test_a_make_up_day_on_a_weekday_is_refused(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.add_day(acting_user=personas.sysadmin, date=D, kind=DayKind.WORKING)

"""One calendar's rows, and a date once per calendar, for each of the three tables."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from rixin.accounts.access import system_actor
from rixin.workcalendar import actions
from rixin.workcalendar.choices import DayKind
from rixin.workcalendar.models import CalendarYear, SpecialDay, WorkDay

D = datetime.date(2031, 5, 6)
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [CalendarYear, SpecialDay, WorkDay])
def test_each_table_is_unique_once_nationally_and_once_per_county(model):
    names = {c.name for c in model._meta.constraints}
    stem = {CalendarYear: "calendar_year", SpecialDay: "special_day", WorkDay: "work_day"}[model]
    assert names == {f"{stem}_national", f"{stem}_county"}


def test_of_gives_a_countys_rows_or_the_national_ones():
    actor = system_actor()
    national = actions.add_day(acting_user=actor, date=D, kind=DayKind.HOLIDAY)
    county = actions.add_day(acting_user=actor, date=D, kind=DayKind.HOLIDAY, county_code="140725")
    assert list(SpecialDay.objects.filter(date=D).of(None)) == [national]
    assert list(SpecialDay.objects.filter(date=D).of("140725")) == [county]


def test_a_national_date_cannot_repeat():
    SpecialDay.objects.create(date=D, kind=DayKind.HOLIDAY)
    with pytest.raises(IntegrityError), transaction.atomic():
        SpecialDay.objects.create(date=D, kind=DayKind.WORKING)

"""Deadlines counted on the calendar table, and marked provisional where it has no year."""

import datetime

import pytest

from rixin.workcalendar import actions
from rixin.workcalendar.calendar import (
    add_working_days,
    deadline,
    deadline_is_provisional,
    is_working_day,
    working_days_between,
)
from rixin.workcalendar.choices import DayKind, YearSource
from rixin.workcalendar.models import CalendarYear, SpecialDay

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_fresh_database_holds_the_years_chinese_calendar_knows():
    years = CalendarYear.objects.national().values_list("year", "source")
    assert set(years) == {(y, YearSource.CHINESE_CALENDAR) for y in range(2018, 2027)}
    day = SpecialDay.objects.national().get(date=D(2024, 10, 1))
    assert (day.kind, day.name) == (DayKind.HOLIDAY, "国庆节")


def test_ten_working_days_from_christmas_eve_2026_are_provisional_while_2027_is_missing():
    # 2027 is not in the table: counted Monday to Friday, 元旦 included, and said so.
    result = deadline(D(2026, 12, 24), 10)
    assert result.date == D(2027, 1, 7)
    assert result.provisional
    assert deadline_is_provisional(D(2027, 1, 7))


def test_after_entering_2027_new_year_the_same_deadline_skips_it_and_is_firm(personas):
    admin = personas.sysadmin
    actions.add_day(acting_user=admin, date=D(2027, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    assert add_working_days(D(2026, 12, 24), 10) == D(2027, 1, 8)
    assert deadline(D(2026, 12, 24), 10).provisional  # the year is not confirmed yet
    actions.confirm_year(2027, acting_user=admin, notice="国办发明电〔2026〕号")
    result = deadline(D(2026, 12, 24), 10)
    assert (result.date, result.provisional) == (D(2027, 1, 8), False)
    entry = CalendarYear.objects.national().get(year=2027)
    assert (entry.source, entry.entered_by) == (YearSource.ADMINISTRATOR, admin)


def test_national_day_week_2024_is_skipped_and_its_make_up_weekends_counted():
    assert not any(is_working_day(D(2024, 10, day)) for day in range(1, 8))
    assert is_working_day(D(2024, 9, 29)) and is_working_day(D(2024, 10, 12))
    result = deadline(D(2024, 9, 30), 5)
    assert (result.date, result.provisional) == (D(2024, 10, 12), False)
    assert working_days_between(D(2024, 9, 30), D(2024, 10, 8)) == 1


def test_a_county_override_moves_only_that_county(personas):
    actions.add_day(
        acting_user=personas.county_admin,
        date=D(2024, 10, 8),
        kind=DayKind.HOLIDAY,
        name="县庆",
        county_code="140725",
    )
    assert add_working_days(D(2024, 9, 30), 5, "140725") == D(2024, 10, 14)
    assert add_working_days(D(2024, 9, 30), 5) == D(2024, 10, 12)
    assert add_working_days(D(2024, 9, 30), 5, "140702") == D(2024, 10, 12)


def test_deleting_a_national_day_makes_it_a_working_day_again(personas):
    day = SpecialDay.objects.national().get(date=D(2024, 10, 7))
    actions.delete_day(day, acting_user=personas.sysadmin)
    assert is_working_day(D(2024, 10, 7))
    assert working_days_between(D(2024, 9, 30), D(2024, 10, 8)) == 2


def test_beyond_the_table_monday_to_friday_is_counted_and_marked():
    assert add_working_days(D(2030, 1, 4), 1) == D(2030, 1, 7)
    assert deadline(D(2030, 1, 4), 1).provisional
    assert (
        working_days_between(D(2026, 12, 31), D(2030, 1, 7))
        == working_days_between(D(2026, 12, 31), D(2030, 1, 4)) + 1
    )

import datetime

import pytest

from rixin.appeals.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date

# The working days come from the calendar table (rixin.workcalendar).
pytestmark = pytest.mark.django_db


def test_national_day_week_is_not_working_days():
    assert not any(is_working_day(D(2024, 10, day)) for day in range(1, 8))


def test_make_up_weekends_around_national_day_are_working_days():
    assert is_working_day(D(2024, 9, 29))  # Sunday
    assert is_working_day(D(2024, 10, 12))  # Saturday
    assert not is_working_day(D(2024, 10, 13))


def test_five_working_days_from_friday_before_national_day_skip_the_holiday():
    # 9-27 Fri → 9-29 Sun (make-up) 1, 9-30 Mon 2, 10-08 3, 10-09 4, 10-10 5
    assert add_working_days(D(2024, 9, 27), 5) == D(2024, 10, 10)


def test_counting_from_the_last_day_before_the_holiday_lands_on_the_make_up_saturday():
    # 9-30 → 10-08, 09, 10, 11, then Saturday 10-12 is the fifth working day
    assert add_working_days(D(2024, 9, 30), 5) == D(2024, 10, 12)


def test_working_days_between_counts_only_working_days():
    assert working_days_between(D(2024, 9, 30), D(2024, 10, 8)) == 1
    assert working_days_between(D(2024, 9, 28), D(2024, 9, 29)) == 1
    assert working_days_between(D(2024, 10, 8), D(2024, 10, 8)) == 0


def test_years_the_calendar_does_not_know_fall_back_to_monday_to_friday():
    assert add_working_days(D(2030, 1, 4), 1) == D(2030, 1, 7)

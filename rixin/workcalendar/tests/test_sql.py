"""SQL answers the same as Python: working days between two dates, and the n-th working day."""

import datetime

import pytest
from django.db.models import Q

from rixin.accounts.access import system_actor
from rixin.workcalendar import actions
from rixin.workcalendar.calendar import (
    add_working_days,
    nth_working_day_after_sql,
    working_days_between,
    working_days_between_sql,
)
from rixin.workcalendar.choices import DayKind
from rixin.workcalendar.models import WorkDay

D = datetime.date
pytestmark = pytest.mark.django_db
AUTUMN = Q(date__gte=D(2024, 9, 1), date__lte=D(2024, 10, 31))


def test_sql_working_days_between_equals_the_python_count_on_a_range():
    end = D(2024, 10, 31)
    rows = (
        WorkDay.objects.national()
        .filter(AUTUMN)
        .annotate(
            to_end=working_days_between_sql("date", end),
            from_start=working_days_between_sql(D(2024, 9, 1), "date"),
        )
    )
    assert len(rows) == 61
    for row in rows:
        assert row.to_end == working_days_between(row.date, end), row.date
        assert row.from_start == working_days_between(D(2024, 9, 1), row.date), row.date


def test_sql_nth_working_day_after_equals_add_working_days():
    rows = (
        WorkDay.objects.national().filter(AUTUMN).annotate(due=nth_working_day_after_sql("date", 5))
    )
    for row in rows:
        assert row.due == add_working_days(row.date, 5), row.date


def test_sql_reads_a_county_calendar_where_the_county_has_one():
    actions.add_day(
        acting_user=system_actor(), date=D(2024, 10, 8), kind=DayKind.HOLIDAY, county_code="140725"
    )
    rows = WorkDay.objects.national().filter(AUTUMN)
    for county in ("140725", "140702"):
        annotated = rows.annotate(
            n=working_days_between_sql("date", D(2024, 10, 31), county=county)
        )
        for row in annotated:
            assert row.n == working_days_between(row.date, D(2024, 10, 31), county), (
                county,
                row.date,
            )


def _dispatches_inside_and_beyond_the_table(personas) -> None:
    """Dispatches on days before, inside and after the calendar table, one of them a county
    holiday (2024-10-08 in Shouyang)."""
    from rixin.appeals.tests.factories import dispatched, moment

    actions.add_day(
        acting_user=system_actor(), date=D(2024, 10, 8), kind=DayKind.HOLIDAY, county_code="140725"
    )
    days = ["2016-03-02", "2017-12-29", "2018-01-02", "2024-10-08", "2027-12-31", "2028-01-03"]
    for day in [*days, "2031-07-04", "2031-07-07"]:
        dispatched(personas, at=moment(day))


def test_sql_ordinal_equals_the_python_ordinal_inside_and_beyond_the_table(personas):
    from rixin.appeals.models import Assignment
    from rixin.workcalendar.calendar import ordinal_sql, table

    _dispatches_inside_and_beyond_the_table(personas)
    for county in (None, "140725"):
        rows = Assignment.objects.annotate(n=ordinal_sql("dispatched_on", county))
        ordinals = {row.dispatched_on: row.n for row in rows}
        assert ordinals == {day: table(county).ordinal(day) for day in ordinals}, county


def test_the_joined_ordinal_equals_the_python_ordinal_inside_and_beyond_the_table(personas):
    from django.db import connection

    from rixin.appeals.models import Assignment
    from rixin.workcalendar.calendar import joined_ordinals, table

    _dispatches_inside_and_beyond_the_table(personas)
    for county in (None, "140725"):
        calendar = joined_ordinals("a", ["dispatched_on"], county, connection)
        ordinal, params = calendar.ordinals["dispatched_on"]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT a.dispatched_on, {ordinal} FROM {Assignment._meta.db_table} a"
                f" {calendar.joins}",
                [*params, *calendar.join_params],
            )
            rows = cursor.fetchall()
        ordinals = {D.fromisoformat(str(day)[:10]): n for day, n in rows}
        assert len(ordinals) == 8
        assert ordinals == {day: table(county).ordinal(day) for day in ordinals}, county

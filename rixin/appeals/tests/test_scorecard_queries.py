"""The scorecard and the appeal summaries are counted in the database: the same number of
queries for 2 appeals as for 12, and the stored local dates they read are those of the
timestamps."""

import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rixin.appeals import scorecards
from rixin.appeals.models import Appeal, Assignment
from rixin.cockpit import figures
from rixin.cockpit.periods import CockpitPeriod
from rixin.workcalendar import actions as calendar_actions
from rixin.workcalendar.calendar import forget
from rixin.workcalendar.choices import DayKind

from .factories import answered, dispatched, moment

D = datetime.date


def _queries(work) -> int:
    with CaptureQueriesContext(connection) as captured:
        work()
    return len(captured)


def _figures():
    period = CockpitPeriod(2024)
    appeals = Appeal.objects.all()
    return {
        "scorecards": lambda: scorecards.department_scorecards(appeals, "140725", D(2024, 12, 31)),
        "county figures": lambda: scorecards.county_appeal_figures(
            "140725", D(2024, 1, 1), D(2024, 12, 31)
        ),
        "summary": lambda: scorecards.summarize(appeals, D(2024, 12, 31)),
        "by county": lambda: scorecards.summarize_by_county(appeals, D(2024, 12, 31)),
        "appeal card": lambda: figures.appeal_card("140725", period),
        "by department": lambda: figures.appeals_by_department("140725", period),
    }


def _add(personas, n: int) -> None:
    for day in range(n):
        at = moment(f"2024-09-{day + 2:02d}")
        if day % 3:
            answered(personas, at=at, answer_at=at + datetime.timedelta(days=day))
        else:
            dispatched(personas, at=at, lead=personas.transport.department)


def test_the_scorecard_and_the_summaries_take_as_many_queries_for_12_appeals_as_for_2(personas):
    _add(personas, 2)
    few = {name: _queries(work) for name, work in _figures().items()}
    _add(personas, 10)
    many = {name: _queries(work) for name, work in _figures().items()}
    assert many == few
    assert few["scorecards"] <= 4 and few["summary"] == few["by county"] == 1


@pytest.fixture
def fresh_calendar():
    """A county day added in the test is rolled back with it; so is the calendar in memory."""
    forget()
    yield
    forget()


def _dispatch_query(county: str = "140725") -> str:
    """The SQL of the scorecard's query over the lead dispatches."""
    with CaptureQueriesContext(connection) as captured:
        scorecards.department_scorecards(Appeal.objects.all(), county, D(2024, 12, 31))
    (sql,) = [q["sql"] for q in captured if "appeals_assignment" in q["sql"]]
    return sql


def test_the_scorecard_joins_the_calendar_once_per_date_instead_of_once_per_dispatch(
    personas, fresh_calendar
):
    _add(personas, 4)
    # Dispatch, 签收 and 答复 dates: three joins on the national calendar, no subquery.
    sql = _dispatch_query()
    assert sql.count('JOIN "workcalendar_workday"') == 3
    assert 'FROM "workcalendar_workday"' not in sql
    calendar_actions.add_day(
        acting_user=personas.county_admin,
        date=D(2024, 10, 9),
        kind=DayKind.HOLIDAY,
        name="县庆",
        county_code="140725",
    )
    # A county with a calendar of its own reads its rows first, then the national ones.
    sql = _dispatch_query()
    assert sql.count('JOIN "workcalendar_workday"') == 6
    assert 'FROM "workcalendar_workday"' not in sql


def test_the_scorecard_follows_an_edit_of_the_countys_calendar(personas, fresh_calendar):
    answered(
        personas,
        at=moment("2024-10-08"),
        ack_at=moment("2024-10-10"),
        answer_at=moment("2024-10-11"),
    )

    def card():
        (found,) = scorecards.department_scorecards(Appeal.objects.all(), "140725", D(2024, 12, 31))
        return found.responded, found.ack_days, found.answer_days

    assert card() == (0, [2], [3])
    day = calendar_actions.add_day(
        acting_user=personas.county_admin,
        date=D(2024, 10, 9),
        kind=DayKind.HOLIDAY,
        name="县庆",
        county_code="140725",
    )
    assert card() == (1, [1], [2])
    calendar_actions.delete_day(day, acting_user=personas.county_admin)
    assert card() == (0, [2], [3])


def test_a_summary_and_the_summary_of_its_last_days_take_one_query(personas):
    _add(personas, 12)  # registered from 2024-09-02 to 09-13
    appeals, as_of, since = Appeal.objects.all(), D(2024, 9, 10), D(2024, 9, 8)
    with CaptureQueriesContext(connection) as captured:
        whole, tail = scorecards.summarize_with_tail(appeals, since, as_of)
    assert len(captured) == 1
    assert whole == scorecards.summarize(appeals, as_of)
    later = appeals.filter(registered_at__gte=scorecards.local_midnight(since))
    assert tail == scorecards.summarize(later, as_of)
    assert 0 < tail.total < whole.total and tail.overdue < whole.overdue


def test_the_scorecard_reads_no_timestamp_in_python(personas, monkeypatch):
    _add(personas, 4)

    def refuse(*args, **kwargs):
        raise AssertionError("localtime per row")

    monkeypatch.setattr(scorecards.timezone, "localtime", refuse)
    cards = scorecards.department_scorecards(Appeal.objects.all(), "140725", D(2024, 12, 31))
    assert sum(card.dispatched for card in cards) == 4


def test_each_dispatch_stores_the_local_dates_of_its_timestamps(personas):
    answered(
        personas,
        at=moment("2024-09-30", 23),  # 15:00 UTC: the local date is the 30th
        ack_at=moment("2024-10-08", 0),  # 16:00 UTC on the 7th
        answer_at=moment("2024-10-09", 7),
    )
    row = Assignment.objects.get()
    assert (row.dispatched_on, row.acknowledged_on, row.answered_on) == (
        D(2024, 9, 30),
        D(2024, 10, 8),
        D(2024, 10, 9),
    )


def test_the_migration_fills_the_local_dates_of_existing_dispatches(personas):
    answered(
        personas,
        at=moment("2024-09-30", 23),
        ack_at=moment("2024-10-08", 0),
        answer_at=moment("2024-10-08", 9),
    )
    dispatched(personas, at=moment("2024-10-08", 1))
    Assignment.objects.update(
        dispatched_on=D(2000, 1, 1), acknowledged_on=None, answered_on=D(2000, 1, 1)
    )
    migration = importlib.import_module("rixin.appeals.migrations.0008_assignment_local_dates")
    from django.apps import apps

    migration.fill(apps, SimpleNamespace(connection=connection))
    rows = Assignment.objects.order_by("pk").values_list(
        "dispatched_on", "acknowledged_on", "answered_on"
    )
    assert list(rows) == [
        (D(2024, 9, 30), D(2024, 10, 8), D(2024, 10, 8)),
        (D(2024, 10, 8), None, None),
    ]


# The login middleware touches the session and the security policy now and then (idle
# timeout), whatever the page: those queries are not the page's.
SESSION_TABLES = ("django_session", "accounts_securitypolicy")


def test_the_scorecard_page_takes_a_fixed_number_of_queries(personas, client_for):
    _add(personas, 6)
    client = client_for(personas.leader)
    url = "/appeals/scorecards/?start=2024-01-01&end=2024-12-31"
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    page = [q["sql"] for q in captured if not any(t in q["sql"] for t in SESSION_TABLES)]
    # The user and their division, the county, the latest appeal, the county's policy (read
    # once), the summary, the dispatches' and the appeals' figures, the departments, the
    # counties seen and the unread notices.
    assert len(page) == 11, "\n".join(page)

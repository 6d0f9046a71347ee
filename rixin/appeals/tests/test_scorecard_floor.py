"""The scorecard's floor (benchmarks/floors.py) counts what the page shows, by the same rules:
working days on the county's calendar, the extensions, the marks and the period's counts.
A small county: on-time and late answers, a granted extension, a returned and a reassigned
dispatch, one left unanswered, and dispatches over the 2024 National Day week and over a
holiday of the county's own."""

import datetime
from decimal import Decimal

import pytest

from benchmarks import floors
from rixin.appeals import actions, scorecards
from rixin.appeals.choices import Satisfaction
from rixin.appeals.models import Appeal, Assignment
from rixin.workcalendar import actions as calendar_actions
from rixin.workcalendar.calendar import forget
from rixin.workcalendar.choices import DayKind

from .factories import answered, dispatched, moment

D = datetime.date
START, END = D(2024, 1, 1), D(2024, 12, 31)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The county's own day is rolled back with the test; so is the calendar in memory."""
    forget()
    yield
    forget()


def _county(personas):
    # The county keeps 10-09 as a day off of its own: 签收 on 10-10 is then 1 working day
    # after 10-08, where the national calendar would count 2.
    calendar_actions.add_day(
        acting_user=personas.county_admin,
        date=D(2024, 10, 9),
        kind=DayKind.HOLIDAY,
        name="县庆",
        county_code="140725",
    )
    on_time = answered(
        personas,
        at=moment("2024-09-30"),
        ack_at=moment("2024-10-08"),
        answer_at=moment("2024-10-08"),
    )
    actions.mark_answer(
        on_time,
        acting_user=personas.enterprise_user,
        satisfaction="satisfied",
        resolution="resolved",
    )
    late = answered(
        personas,
        at=moment("2024-09-27"),
        ack_at=moment("2024-10-10"),
        answer_at=moment("2024-10-14"),
    )
    actions.record_callback(
        late,
        acting_user=personas.gongshanglian,
        called_by="工商联 王干事",
        called_at=moment("2024-10-20", 15),
        satisfaction=Satisfaction.BASICALLY,
        resolution="partly",
    )
    answered(
        personas,
        at=moment("2024-10-08", 23),
        ack_at=moment("2024-10-10", 1),
        answer_at=moment("2024-10-10", 9),
    )
    extended = dispatched(personas, at=moment("2024-07-01"))
    actions.acknowledge_appeal(extended, acting_user=personas.officer, at=moment("2024-07-02"))
    actions.request_extension(
        extended, 5, "需等待供电公司勘察", acting_user=personas.officer, at=moment("2024-07-03")
    )
    actions.decide_extension(
        extended, granted=True, acting_user=personas.yingshang, at=moment("2024-07-04")
    )
    actions.answer_appeal(
        extended,
        acting_user=personas.officer,
        solution="已协调供电公司现场勘察。",
        post="发改局能源股",
        at=moment("2024-07-12"),
    )
    actions.mark_answer(
        extended,
        acting_user=personas.enterprise_user,
        satisfaction="unsatisfied",
        resolution="unresolved",
    )
    actions.reopen_appeal(
        extended, "重新办理", acting_user=personas.yingshang, at=moment("2024-07-20")
    )
    returned = dispatched(personas, at=moment("2024-08-01"))
    actions.return_appeal(
        returned, "非本部门职责", acting_user=personas.officer, at=moment("2024-08-02")
    )
    moved = dispatched(personas, at=moment("2024-08-05"))
    actions.dispatch_appeal(
        moved,
        acting_user=personas.gongshanglian,
        lead=personas.transport.department,
        deadline_days=5,
        at=moment("2024-08-06"),
    )
    actions.acknowledge_appeal(moved, acting_user=personas.transport, at=moment("2024-08-06"))
    dispatched(personas, at=moment("2024-09-27"))  # never answered, long past due


def _page(personas):
    figures = scorecards.county_appeal_figures("140725", START, END)
    cards = {
        card.department.pk: (
            card.extensions,
            card.returned,
            card.dispatched,
            card.responded,
            card.due,
            card.on_time,
            card.mean_days_to_acknowledge,
            card.mean_days_to_answer,
        )
        for card in figures["scorecards"]
    }
    marks = {
        card.department.pk: (
            card.answered,
            card.reopened,
            card.marked,
            card.callbacks,
            card.resolved,
            card.satisfied,
        )
        for card in figures["scorecards"]
    }
    s = figures["summary"]
    summary = (s.total, s.closed, s.overdue, s.marked, s.satisfied, s.unrated, s.reopened)
    return cards, marks, summary


def _floor():
    dispatches, appeals, summary, departments, policy = floors.department_scorecard(
        "140725", START, END
    )
    cards = {
        row[0]: (
            *(int(n) for n in row[1:7]),
            scorecards.mean_of(row[7] or 0, row[8]),
            scorecards.mean_of(row[9] or 0, row[10]),
        )
        for row in dispatches
    }
    marks = {row[0]: tuple(int(n) for n in row[1:]) for row in appeals}
    return cards, marks, tuple(int(n or 0) for n in summary[0])


def test_the_scorecard_floor_counts_what_the_page_shows(personas):
    _county(personas)
    page_cards, page_marks, page_summary = _page(personas)
    floor_cards, floor_marks, floor_summary = _floor()
    officer = personas.officer.department_id
    # The data set reaches every rule: a grant, a return, a reassignment, lateness, marks.
    assert page_cards[officer] == (1, 1, 6, 3, 6, 3, Decimal("1.8"), Decimal("4.5"))
    assert page_cards[personas.transport.department_id][2:6] == (1, 1, 1, 0)
    assert page_marks[officer] == (4, 1, 2, 1, 1, 2)
    assert page_summary == (7, 2, 4, 2, 2, 0, 1)
    assert floor_cards == {k: v for k, v in page_cards.items() if v[:3] != (0, 0, 0)}
    assert floor_marks == page_marks
    assert floor_summary == page_summary


def test_the_scorecard_counts_working_days_on_the_countys_own_calendar(personas):
    _county(personas)
    card = {
        c.department.pk: c
        for c in scorecards.county_appeal_figures("140725", START, END)["scorecards"]
    }[personas.officer.department_id]
    # In dispatch order: 7-01, 9-27, 9-30, 10-08. 9-27 → 10-10 is 9-29 (a make-up Sunday),
    # 9-30, 10-08 and 10-10, the county's 10-09 off; 10-08 → 10-10 is one working day there
    # (two on the national calendar).
    assert card.ack_days == [1, 4, 1, 1]
    assert card.answer_days == [9, 7, 1, 1]


def test_the_grouped_sql_agrees_with_the_rules_for_one_dispatch(personas):
    _county(personas)
    as_of = D(2024, 10, 12)
    cards = scorecards.department_scorecards(Appeal.objects.all(), "140725", as_of)
    lead = Assignment.objects.filter(role="lead")
    for card in cards:
        kept = [
            a
            for a in lead.filter(department=card.department)
            if scorecards.counts_for_department(a)
        ]
        due = [a for a in kept if scorecards.is_due(a, as_of)]
        ack = [scorecards.days_to_acknowledge(a, "140725") for a in kept]
        answer = [scorecards.days_to_answer(a, "140725") for a in kept]
        assert (card.dispatched, card.responded, card.due, card.on_time) == (
            len(kept),
            sum(scorecards.acknowledged_in_time(a, "140725") for a in kept),
            len(due),
            sum(scorecards.answered_on_time(a) for a in due),
        )
        assert card.ack_days == [d for d in ack if d is not None]
        assert card.answer_days == [d for d in answer if d is not None]

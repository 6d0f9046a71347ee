"""Each scorecard formula, on pinned dispatches around the 2024 National Day week."""

import datetime
from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.appeals import actions, scorecards
from rixin.appeals.models import Appeal, Assignment

from .factories import answered, dispatched, moment

D = datetime.date


def _card(personas, as_of=D(2024, 12, 31)):
    cards = scorecards.department_scorecards(Appeal.objects.all(), "140725", as_of)
    return {c.department.pk: c for c in cards}[personas.officer.department_id]


def test_rate_is_a_percentage_with_one_decimal_and_none_without_a_base():
    assert scorecards.rate(2, 3) == Decimal("66.7")
    assert scorecards.rate(0, 0) is None


def test_response_rate_counts_acknowledgements_within_one_working_day(personas):
    # Dispatched 9-30; 10-08 is the next working day → in time. 10-09 → late.
    answered(
        personas,
        at=moment("2024-09-30"),
        ack_at=moment("2024-10-08"),
        answer_at=moment("2024-10-08"),
    )
    answered(
        personas,
        at=moment("2024-09-30"),
        ack_at=moment("2024-10-09"),
        answer_at=moment("2024-10-09"),
    )
    card = _card(personas)
    assert (card.responded, card.dispatched, card.response_rate) == (1, 2, Decimal("50.0"))


def test_on_time_rate_divides_answers_by_the_deadline_by_the_dispatches_due(personas):
    answered(personas, at=moment("2024-09-27"), answer_at=moment("2024-10-10"))  # deadline 10-10
    answered(personas, at=moment("2024-09-27"), answer_at=moment("2024-10-11"))  # late
    dispatched(personas, at=moment("2024-09-27"))  # unanswered and past due on 12-31
    dispatched(personas, at=moment("2024-12-30"))  # not yet due
    card = _card(personas)
    assert (card.on_time, card.due, card.on_time_rate) == (1, 3, Decimal("33.3"))


def test_resolution_and_satisfaction_rates_divide_by_marked_answers_only(personas):
    marks = [("satisfied", "resolved"), ("basic", "partly"), ("unsatisfied", "unresolved")]
    for satisfaction, resolution in marks:
        appeal = answered(personas)
        actions.mark_answer(
            appeal,
            acting_user=personas.enterprise_user,
            satisfaction=satisfaction,
            resolution=resolution,
        )
    unmarked = answered(personas, at=moment("2024-07-01"))
    actions.close_unmarked(unmarked, acting_user=system_actor(), at=moment("2024-07-20"))
    card = _card(personas)
    assert card.marked == 3
    assert card.resolution_rate == Decimal("33.3")
    assert card.satisfaction_rate == Decimal("66.7")


def test_mean_working_days_to_acknowledge_and_to_answer(personas):
    answered(
        personas,
        at=moment("2024-09-30"),
        ack_at=moment("2024-10-08"),
        answer_at=moment("2024-10-12"),
    )
    answered(
        personas,
        at=moment("2024-09-30"),
        ack_at=moment("2024-10-10"),
        answer_at=moment("2024-10-10"),
    )
    card = _card(personas)
    assert card.ack_days == [1, 3] and card.mean_days_to_acknowledge == Decimal("2.0")
    assert card.answer_days == [5, 3] and card.mean_days_to_answer == Decimal("4.0")


def test_reopen_rate_divides_reopened_appeals_by_answered_appeals(personas):
    first = answered(personas)
    answered(personas)
    actions.mark_answer(
        first,
        acting_user=personas.enterprise_user,
        satisfaction="unsatisfied",
        resolution="unresolved",
    )
    actions.reopen_appeal(first, "重新办理", acting_user=personas.yingshang)
    card = _card(personas)
    assert (card.reopened, card.answered, card.reopen_rate) == (1, 2, Decimal("50.0"))


def test_a_returned_dispatch_counts_neither_for_nor_against_the_department(personas):
    appeal = dispatched(personas)
    actions.return_appeal(appeal, "非本部门职责", acting_user=personas.officer)
    card = _card(personas)
    assert (card.dispatched, card.returned) == (0, 1)
    assert Assignment.objects.get().returned_at is not None


def test_composite_score_weights_the_rates_the_county_sets():
    rates = {"response_rate": Decimal(100), "on_time_rate": Decimal(50), "resolution_rate": None}
    weights = {"response_rate": 1, "on_time_rate": 3, "resolution_rate": 5}
    assert scorecards.composite_score(rates, weights) == Decimal("62.5")
    assert scorecards.composite_score({"response_rate": None}, weights) is None


def test_departments_are_ranked_by_score_and_ties_share_a_rank():
    from types import SimpleNamespace

    cards = [
        scorecards.Scorecard(SimpleNamespace(name=n), score=s)
        for n, s in [("甲", Decimal(80)), ("乙", Decimal(90)), ("丙", Decimal(80)), ("丁", None)]
    ]
    ranked = scorecards.rank(cards)
    assert [(c.department.name, c.rank) for c in ranked] == [
        ("乙", 1),
        ("丙", 2),
        ("甲", 2),
        ("丁", None),
    ]


def test_the_summary_gives_the_satisfaction_rate_of_a_period(personas):
    appeal = answered(personas, at=moment("2024-07-03"))
    actions.mark_answer(
        appeal, acting_user=personas.enterprise_user, satisfaction="basic", resolution="resolved"
    )
    dispatched(personas, at=moment("2024-07-04"))
    dispatched(personas, at=moment("2024-08-04"))
    figures = scorecards.county_appeal_figures(
        "140725", D(2024, 7, 1), D(2024, 7, 31), as_of=D(2024, 12, 1)
    )
    summary = figures["summary"]
    assert (summary.total, summary.closed, summary.overdue, summary.satisfaction_rate) == (
        2,
        1,
        1,
        Decimal(100),
    )
    assert figures["scorecards"][0].department == personas.officer.department


def test_scorecards_take_a_bounded_number_of_queries(personas, django_assert_max_num_queries):
    for _ in range(3):
        answered(personas)
    with django_assert_max_num_queries(4):
        scorecards.department_scorecards(Appeal.objects.all(), "140725")
    for _ in range(6):
        answered(personas)
    with django_assert_max_num_queries(4):
        scorecards.department_scorecards(Appeal.objects.all(), "140725")


def test_scorecard_page_opens_on_the_year_of_the_latest_appeal(personas, client_for):
    dispatched(personas, at=moment("2024-07-03"))
    response = client_for(personas.leader).get("/appeals/scorecards/")
    assert response.context["start"] == datetime.date(2024, 1, 1)
    assert response.context["end"] == datetime.date(2024, 12, 31)
    assert response.context["summary"].total == 1

"""The item clock across the 2024 National Day holiday (1–7 October; Sunday 29 September and
Saturday 12 October are make-up working days) and across a 补正 pause."""

import datetime

import pytest

from rixin.accounts.access import system_actor
from rixin.approvals import actions, figures
from rixin.approvals.models import CaseItem

from .factories import case, item

D = datetime.date


def _fresh(entry):
    return figures.items_with_clocks(CaseItem.objects.filter(pk=entry.pk)).get()


@pytest.fixture
def beian(personas):
    return item(case(personas, opened_on=D(2024, 9, 27)), "xiangmu-beian")


@pytest.mark.django_db
def test_clock_skips_the_national_day_holiday_and_counts_the_make_up_saturday(beian):
    actor = system_actor()
    actions.accept_item(beian, acting_user=actor, on=D(2024, 9, 30))
    actions.decide_item(
        beian, acting_user=actor, granted=True, on=D(2024, 10, 12), document_number="寿发改备1号"
    )
    # 8, 9, 10, 11 October and the make-up Saturday 12 October
    assert figures.working_days_used(_fresh(beian), D(2025, 1, 1)) == 5


@pytest.mark.django_db
def test_due_date_of_a_three_day_item_accepted_before_the_holiday(beian):
    actions.accept_item(beian, acting_user=system_actor(), on=D(2024, 9, 30))
    assert figures.due_date(_fresh(beian)) == D(2024, 10, 10)


@pytest.mark.django_db
def test_clock_stops_during_correction_and_restarts(beian):
    actor = system_actor()
    beian.case.items.update(time_limit_days=3)
    actions.accept_item(beian, acting_user=actor, on=D(2024, 9, 30))
    actions.request_correction(beian, acting_user=actor, on=D(2024, 10, 9), note="补充备案表")
    paused = _fresh(beian)
    assert figures.due_date(paused) is None
    assert not figures.is_overdue(paused, D(2024, 12, 31))
    assert figures.working_days_used(paused, D(2024, 12, 31)) == 2  # 8 and 9 October
    actions.resume_item(beian, acting_user=actor, on=D(2024, 10, 14))
    resumed = _fresh(beian)
    # paused over 10, 11, 12 and 14 October: the limit of 3 runs out on 15 October
    assert figures.due_date(resumed) == D(2024, 10, 15)
    actions.decide_item(
        beian, acting_user=actor, granted=True, on=D(2024, 10, 16), document_number="寿发改备2号"
    )
    decided = _fresh(beian)
    assert figures.working_days_used(decided, D(2025, 1, 1)) == 4
    assert not figures.decided_on_time(decided)


@pytest.mark.django_db
def test_case_time_counts_parallel_items_once_and_pauses_not_at_all(personas):
    actor = system_actor()
    c = case(personas, opened_on=D(2024, 3, 1))
    first, second = item(c, "xiangmu-beian"), item(c, "xuanzhi")
    actions.accept_item(first, acting_user=actor, on=D(2024, 3, 4))  # Monday
    actions.accept_item(second, acting_user=actor, on=D(2024, 3, 4))
    actions.decide_item(
        first, acting_user=actor, granted=True, on=D(2024, 3, 6), document_number="1"
    )
    actions.request_correction(second, acting_user=actor, on=D(2024, 3, 5), note="位置图")
    actions.resume_item(second, acting_user=actor, on=D(2024, 3, 8))
    actions.decide_item(
        second, acting_user=actor, granted=True, on=D(2024, 3, 11), document_number="2"
    )
    items = list(figures.items_with_clocks(c.items.all()))
    # running: 5 and 6 March (both), then 11 March (second): 3 working days
    assert figures.case_working_days(items, D(2024, 12, 31)) == 3

"""The dispatcher gives the deadline in working days, within the county's policy; a 重办
gets its own new deadline."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.appeals import actions
from rixin.appeals.models import AppealPolicy
from rixin.testing import SHOUYANG, division

from .factories import answered, moment, registered

D = datetime.date


def test_the_dispatcher_gives_the_working_days_not_the_category(personas):
    appeal = registered(personas, at=moment("2024-07-01"))  # its category says 5
    actions.dispatch_appeal(
        appeal,
        acting_user=personas.gongshanglian,
        lead=personas.officer.department,
        deadline_days=20,
        at=moment("2024-07-01", 11),
    )
    assert appeal.deadline == D(2024, 7, 29)
    assert appeal.assignments.get().deadline == D(2024, 7, 29)


def test_without_working_days_the_county_default_of_ten_applies(personas):
    assert AppealPolicy.for_county(SHOUYANG).default_deadline_days == 10
    appeal = registered(personas, at=moment("2024-07-01"))
    actions.dispatch_appeal(
        appeal,
        acting_user=personas.gongshanglian,
        lead=personas.officer.department,
        at=moment("2024-07-01", 11),
    )
    assert appeal.deadline == D(2024, 7, 15)


@pytest.mark.parametrize("days", [0, 31])
def test_working_days_outside_the_default_policy_are_refused(personas, days):
    appeal = registered(personas)
    with pytest.raises(ValidationError) as raised:
        actions.dispatch_appeal(
            appeal,
            acting_user=personas.gongshanglian,
            lead=personas.officer.department,
            deadline_days=days,
        )
    assert "deadline_days" in raised.value.message_dict
    assert not appeal.assignments.exists()


def test_the_county_policy_sets_the_maximum(personas):
    actions.save_policy(
        division(SHOUYANG),
        {"default_deadline_days": 5, "max_deadline_days": 12},
        acting_user=system_actor(),
    )
    appeal = registered(personas)
    with pytest.raises(ValidationError):
        actions.dispatch_appeal(
            appeal,
            acting_user=personas.gongshanglian,
            lead=personas.officer.department,
            deadline_days=13,
        )


def test_a_default_above_the_maximum_is_refused(personas):
    with pytest.raises(ValidationError):
        actions.save_policy(
            division(SHOUYANG),
            {"default_deadline_days": 20, "max_deadline_days": 12},
            acting_user=system_actor(),
        )


def test_the_dispatch_form_offers_the_working_days(personas, client_for):
    appeal = registered(personas, at=moment("2024-07-01"))
    client = client_for(personas.gongshanglian)
    page = client.get(f"/appeals/{appeal.pk}/").content.decode()
    assert 'name="deadline_days"' in page and 'max="30"' in page
    client.post(
        f"/appeals/{appeal.pk}/dispatch/",
        {"lead": personas.officer.department_id, "deadline_days": "3"},
    )
    appeal.refresh_from_db()
    assert appeal.deadline == actions.add_working_days(
        timezone.localdate(appeal.assignments.get().dispatched_at), 3, SHOUYANG
    )


def test_a_redo_gets_its_own_new_deadline(personas):
    appeal = answered(personas, at=moment("2024-07-01"))
    actions.mark_answer(
        appeal,
        acting_user=personas.enterprise_user,
        satisfaction="unsatisfied",
        resolution="partly",
    )
    actions.reopen_appeal(
        appeal,
        "请上门核实",
        acting_user=personas.gongshanglian,
        deadline_days=3,
        at=moment("2024-07-15"),
    )
    redo = appeal.assignments.get(is_redo=True)
    assert appeal.deadline == redo.deadline == D(2024, 7, 18)

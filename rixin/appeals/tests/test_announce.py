"""Every notice-worthy step of an appeal goes through ``announce``, in its transaction."""

import pytest

from rixin.accounts.access import system_actor
from rixin.appeals import actions
from rixin.appeals import announce as events
from rixin.appeals.choices import Satisfaction

from .factories import answered, dispatched, moment, registered


@pytest.fixture
def heard(monkeypatch):
    calls = []

    def record(event, appeal, *, recipients, acting_user, at, details=None):
        events.announce(
            event, appeal, recipients=recipients, acting_user=acting_user, at=at, details=details
        )
        calls.append((event, appeal.pk, list(recipients)))

    monkeypatch.setattr(actions, "announce", record)
    return calls


def _events(calls):
    return [event for event, _pk, _recipients in calls]


def test_dispatch_and_reassign_reach_the_departments(personas, heard):
    appeal = registered(personas)
    actions.dispatch_appeal(
        appeal,
        acting_user=personas.gongshanglian,
        lead=personas.officer.department,
        co=[personas.tongji.department],
    )
    actions.dispatch_appeal(
        appeal, acting_user=personas.gongshanglian, lead=personas.transport.department
    )
    assert _events(heard) == [events.DISPATCHED, events.REASSIGNED]
    assert heard[0][2] == [personas.officer.department, personas.tongji.department]
    assert heard[1][2] == [personas.transport.department]


def test_return_reaches_the_desk(personas, heard):
    appeal = dispatched(personas)
    actions.return_appeal(appeal, "非本部门职责", acting_user=personas.officer)
    assert _events(heard)[-1] == events.RETURNED
    assert personas.gongshanglian.department in heard[-1][2]


def test_the_clock_and_the_leader_announce(personas, heard):
    appeal = dispatched(personas, at=moment("2024-07-01"))
    assignment = appeal.assignments.get()
    actions.remind_assignment(assignment, acting_user=system_actor(), at=moment("2024-07-05"))
    actions.flag_overdue(assignment, acting_user=system_actor(), at=moment("2024-07-10"))
    actions.escalate_appeal(appeal, "请加快", acting_user=personas.leader)
    assert _events(heard)[-3:] == [events.REMINDER, events.OVERDUE, events.ESCALATED]
    assert heard[-1][2] == [personas.officer.department]


def test_an_answer_waits_for_the_enterprise(personas, heard):
    answered(personas)
    assert _events(heard)[-1] == events.AWAITING_MARK
    assert heard[-1][2] == [personas.enterprise]


def test_a_mark_is_not_announced(personas, heard):
    appeal = answered(personas)
    before = len(heard)
    actions.mark_answer(
        appeal,
        acting_user=personas.enterprise_user,
        satisfaction=Satisfaction.SATISFIED,
        resolution="resolved",
    )
    assert len(heard) == before


def test_an_unknown_event_is_refused(personas):
    with pytest.raises(ValueError):
        events.announce(
            "appeal.unknown",
            registered(personas),
            recipients=[],
            acting_user=system_actor(),
            at=moment("2024-07-01"),
        )


def test_a_dispatch_puts_a_notice_in_the_departments_inboxes_and_the_outbox(personas):
    from rixin.notices.choices import Event
    from rixin.notices.models import Notice

    appeal = registered(personas)
    actions.dispatch_appeal(
        appeal, acting_user=personas.gongshanglian, lead=personas.officer.department
    )
    notice = Notice.objects.get(recipient=personas.officer)
    assert notice.event == Event.DISPATCH
    assert appeal.number in notice.title
    assert notice.link == f"/appeals/{appeal.pk}/"
    assert not Notice.objects.filter(recipient=personas.tongji).exists()


def test_a_rolled_back_step_leaves_no_notice(personas):
    from django.core.exceptions import ValidationError

    from rixin.notices.models import Notice

    appeal = registered(personas)
    with pytest.raises(ValidationError):
        actions.dispatch_appeal(
            appeal,
            acting_user=personas.gongshanglian,
            lead=personas.officer.department,
            deadline_days=999,
        )
    assert not Notice.objects.exists()

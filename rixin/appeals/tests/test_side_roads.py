"""退单 and 改派, 并单, 督办, 重办."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.accounts.access import system_actor
from rixin.appeals import actions
from rixin.appeals.choices import Resolution, Satisfaction, Status, Step
from rixin.appeals.models import Appeal, Assignment

from .factories import answered, dispatched, moment, registered, yuci_department


def test_a_returned_appeal_is_reassigned_by_the_desk(personas):
    appeal = dispatched(personas, lead=personas.transport.department)
    actions.return_appeal(
        appeal, "不属于本部门职责,应由发改局办理。", acting_user=personas.transport
    )
    assert appeal.status == Status.RETURNED
    actions.dispatch_appeal(
        appeal, acting_user=personas.yingshang, lead=personas.officer.department
    )
    assert (
        appeal.status == Status.DISPATCHED and appeal.lead_department == personas.officer.department
    )
    assert appeal.transitions.filter(step=Step.REASSIGN).count() == 1
    first, second = Assignment.objects.filter(appeal=appeal)
    assert first.returned_at and first.ended_at and second.ended_at is None


def test_return_needs_a_reason(personas):
    appeal = dispatched(personas)
    with pytest.raises(ValidationError):
        actions.return_appeal(appeal, "  ", acting_user=personas.officer)
    assert Appeal.objects.get(pk=appeal.pk).status == Status.DISPATCHED


def test_dispatching_to_another_countys_department_is_refused(personas):
    appeal = registered(personas)
    with pytest.raises(ValidationError, match="其他县"):
        actions.dispatch_appeal(appeal, acting_user=personas.gongshanglian, lead=yuci_department())
    assert not Assignment.objects.exists()


def test_only_the_desk_dispatches(personas):
    appeal = registered(personas)
    with pytest.raises(PermissionDenied):
        actions.dispatch_appeal(
            appeal, acting_user=personas.officer, lead=personas.officer.department
        )
    assert not Assignment.objects.exists()


def test_every_merged_enterprise_receives_the_answer_and_marks_it(personas):
    from rixin.testing import make_enterprise

    other = make_enterprise("140725", "晋荞米业")
    master = dispatched(personas)
    duplicate = registered(personas, enterprise=other)
    actions.merge_appeal(duplicate, master, acting_user=personas.gongshanglian)
    assert duplicate.status == Status.MERGED
    actions.acknowledge_appeal(master, acting_user=personas.officer)
    actions.answer_appeal(
        master, acting_user=personas.officer, solution="统一协调解决。", post="发改局"
    )
    duplicate.refresh_from_db()
    assert duplicate.status == Status.ANSWERED and duplicate.answer_solution == "统一协调解决。"
    actions.mark_answer(
        duplicate,
        acting_user=system_actor(),
        satisfaction=Satisfaction.BASICALLY,
        resolution=Resolution.PARTLY,
    )
    assert duplicate.status == Status.CLOSED


def test_an_appeal_cannot_merge_into_itself(personas):
    appeal = registered(personas)
    with pytest.raises(ValidationError):
        actions.merge_appeal(appeal, appeal, acting_user=personas.gongshanglian)


def test_a_leader_escalates_and_an_officer_cannot(personas):
    appeal = dispatched(personas)
    with pytest.raises(PermissionDenied):
        actions.escalate_appeal(appeal, "请加快办理", acting_user=personas.officer)
    actions.escalate_appeal(appeal, "请加快办理", acting_user=personas.leader)
    assert appeal.is_escalated and appeal.transitions.filter(step=Step.ESCALATE).exists()


def test_unsatisfied_goes_back_to_the_department_and_is_counted(personas):
    appeal = answered(personas, at=moment("2024-07-01"))
    actions.mark_answer(
        appeal,
        acting_user=personas.enterprise_user,
        satisfaction=Satisfaction.UNSATISFIED,
        resolution=Resolution.UNRESOLVED,
    )
    assert appeal.status == Status.UNSATISFIED
    actions.reopen_appeal(
        appeal,
        "企业反映未落实,请重新办理。",
        acting_user=personas.yingshang,
        at=moment("2024-07-05"),
    )
    assert appeal.status == Status.DISPATCHED and appeal.reopen_count == 1
    assert appeal.marked_at is None
    redo = Assignment.objects.get(appeal=appeal, is_redo=True)
    assert redo.ended_at is None and redo.department == personas.officer.department
    actions.acknowledge_appeal(appeal, acting_user=personas.officer)
    actions.answer_appeal(appeal, acting_user=personas.officer, solution="已落实。", post="发改局")
    assert Assignment.objects.get(pk=redo.pk).answered_at is not None


def test_the_desk_may_conclude_an_unsatisfied_appeal_keeping_the_mark(personas):
    appeal = answered(personas)
    actions.mark_answer(
        appeal,
        acting_user=personas.enterprise_user,
        satisfaction="unsatisfied",
        resolution="unresolved",
    )
    actions.conclude_appeal(appeal, "政策不允许,已解释。", acting_user=personas.gongshanglian)
    assert appeal.status == Status.CLOSED and appeal.satisfaction == Satisfaction.UNSATISFIED

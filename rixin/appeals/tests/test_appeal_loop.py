import datetime

import pytest
from django.core.exceptions import PermissionDenied

from rixin.appeals import actions
from rixin.appeals.choices import Resolution, Satisfaction, Status, Step
from rixin.appeals.models import Transition

from .factories import category, dispatched, moment, registered


def test_an_appeal_goes_around_the_whole_loop_and_each_step_is_a_row(personas):
    appeal = actions.submit_appeal(
        acting_user=personas.enterprise_user,
        category=category(personas),
        title="申请用地指标",
        content="扩建仓库需要 20 亩建设用地。",
        at=moment("2024-07-01"),
    )
    assert appeal.status == Status.SUBMITTED and appeal.enterprise == personas.enterprise
    actions.accept_appeal(appeal, acting_user=personas.gongshanglian, at=moment("2024-07-02"))
    actions.dispatch_appeal(
        appeal,
        acting_user=personas.yingshang,
        lead=personas.officer.department,
        co=[personas.transport.department],
        deadline_days=5,
        at=moment("2024-07-02", 11),
    )
    assert appeal.deadline == datetime.date(2024, 7, 9)
    actions.acknowledge_appeal(appeal, acting_user=personas.officer, at=moment("2024-07-03"))
    actions.acknowledge_appeal(appeal, acting_user=personas.transport, at=moment("2024-07-03"))
    actions.add_progress(
        appeal, "已现场踏勘。", acting_user=personas.transport, at=moment("2024-07-04")
    )
    actions.answer_appeal(
        appeal,
        acting_user=personas.officer,
        solution="纳入三季度供地计划。",
        post="发改局项目股",
        done_on=datetime.date(2024, 7, 8),
        at=moment("2024-07-08"),
    )
    actions.mark_answer(
        appeal,
        acting_user=personas.enterprise_user,
        satisfaction=Satisfaction.SATISFIED,
        resolution=Resolution.RESOLVED,
        comment="感谢",
        at=moment("2024-07-10"),
    )
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED and appeal.closed_at == moment("2024-07-10")
    steps = list(
        Transition.objects.filter(appeal=appeal).values_list("step", "old_status", "new_status")
    )
    assert steps == [
        (Step.SUBMIT, "", Status.SUBMITTED),
        (Step.REGISTER, Status.SUBMITTED, Status.REGISTERED),
        (Step.DISPATCH, Status.REGISTERED, Status.DISPATCHED),
        (Step.ACKNOWLEDGE, Status.DISPATCHED, Status.IN_PROGRESS),
        (Step.ACKNOWLEDGE, Status.IN_PROGRESS, Status.IN_PROGRESS),
        (Step.PROGRESS, Status.IN_PROGRESS, Status.IN_PROGRESS),
        (Step.ANSWER, Status.IN_PROGRESS, Status.ANSWERED),
        (Step.MARK, Status.ANSWERED, Status.CLOSED),
    ]


def test_a_co_handling_department_cannot_answer(personas):
    appeal = registered(personas)
    actions.dispatch_appeal(
        appeal,
        acting_user=personas.gongshanglian,
        lead=personas.officer.department,
        co=[personas.transport.department],
    )
    actions.acknowledge_appeal(appeal, acting_user=personas.officer)
    with pytest.raises(PermissionDenied):
        actions.answer_appeal(appeal, acting_user=personas.transport, solution="x", post="y")
    appeal.refresh_from_db()
    assert appeal.status == Status.IN_PROGRESS


def test_a_deadline_dispatched_before_national_day_skips_the_holiday(personas):
    appeal = dispatched(personas, at=moment("2024-09-27"))
    assert appeal.deadline == datetime.date(2024, 10, 10)

"""Which steps a user may take on an appeal now: what the appeal page offers.
The actions remain the authority; this only decides which forms to show."""

from __future__ import annotations

from .choices import WITH_DEPARTMENT, AssignmentRole, Status
from .models import Appeal, is_coordinator

DESK_OPEN = frozenset(
    {Status.SUBMITTED, Status.REGISTERED, Status.DISPATCHED, Status.IN_PROGRESS, Status.RETURNED}
)


def _desk_steps(appeal: Appeal) -> set[str]:
    steps = set()
    if appeal.status == Status.SUBMITTED:
        steps.add("accept")
    if appeal.status in DESK_OPEN - {Status.SUBMITTED}:
        steps.add("dispatch")
    if appeal.status in DESK_OPEN:
        steps.add("merge")
    if appeal.status == Status.UNSATISFIED:
        steps |= {"reopen", "conclude"}
    if not (appeal.is_complaint or appeal.is_confidential) and appeal.status != Status.SUBMITTED:
        steps.add("publish")
    return steps


def _department_steps(user, appeal: Appeal, assignments) -> set[str]:
    mine = [a for a in assignments if a.department_id == user.department_id and a.ended_at is None]
    if not mine or appeal.status not in WITH_DEPARTMENT:
        return set()
    assignment, steps = mine[0], set()
    lead = assignment.role == AssignmentRole.LEAD
    if assignment.acknowledged_at is None:
        steps.add("acknowledge")
    if lead:
        steps.add("return")
    if appeal.status == Status.IN_PROGRESS:
        steps.add("progress")
        if lead and assignment.acknowledged_at is not None:
            steps.add("answer")
    return steps


def available_steps(user, appeal: Appeal, assignments) -> set[str]:
    steps: set[str] = set()
    own_county = user.county_code == appeal.county_id
    if is_coordinator(user) and own_county:
        steps |= _desk_steps(appeal)
    if user.role == "officer" and own_county:
        steps |= _department_steps(user, appeal, assignments)
    if user.role == "leader" and own_county and appeal.status != Status.CLOSED:
        steps.add("escalate")
    if (
        user.is_enterprise_user
        and appeal.enterprise_id == user.enterprise_id
        and appeal.status == Status.ANSWERED
        and appeal.marked_at is None
    ):
        steps.add("mark")
    return steps

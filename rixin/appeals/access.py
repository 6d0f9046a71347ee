"""Who may do what in the appeal loop (营商环境), in one place.

The desk (工商联 and 营商环境局 officers) registers, dispatches, merges, reopens, concludes,
publishes and issues the paper; a department answers what was dispatched to it; a county
leader escalates; an enterprise marks its own answers. Leaders, the county administrator,
city and province viewers read. A complainant's identity is for the desk (not the department
complained about) and the county's leaders only.

Pages, the API and the nav ask the predicates; the actions call the ``check_*`` functions,
which need an actor (``require_actor``): the system actor, which commands and the demo
loader pass, may take every step, and is recorded as itself.

This module does not import the models (they ask it who sees what); the functions take the
objects.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rixin.accounts.access import (
    has_role_in_county,
    is_system,
    reads_county_data_or_enterprise,
    require_actor,
)
from rixin.accounts.roles import Role

from .choices import (
    COORDINATOR_KINDS,
    DESK_OPEN,
    EXTENSION_DECIDER_KIND,
    FEDERATION_KIND,
    WITH_DEPARTMENT,
    AssignmentRole,
    Status,
)

# ---------------------------------------------------------------- predicates for pages and nav


def is_coordinator(user) -> bool:
    """工商联 and 营商环境局 officers run the desk."""
    return (
        user is not None
        and user.is_authenticated
        and user.role == Role.OFFICER
        and user.county_code is not None
        and user.department_kind in COORDINATOR_KINDS
    )


def is_officer(user) -> bool:
    """A department officer of a county: has an inbox."""
    return user.is_authenticated and user.role == Role.OFFICER and user.county_code is not None


def reads_appeals(user) -> bool:
    """County staff, city and province viewers, and enterprise users (their own)."""
    return reads_county_data_or_enterprise(user)


def acts_on_appeals(user) -> bool:
    """May post a step at all (which step, the action decides)."""
    return (
        user.is_authenticated
        and user.county_code is not None
        and user.role in (Role.OFFICER, Role.LEADER, Role.ENTERPRISE)
    )


def opens_appeals(user) -> bool:
    """The desk registers appeals and complaints; an enterprise user submits its own."""
    return is_coordinator(user) or (
        user.is_authenticated and user.is_enterprise_user and bool(user.enterprise_id)
    )


def submits_in_county(user, county_code: str) -> bool:
    """An enterprise user of the county (Open311 submissions)."""
    return bool(
        user.is_enterprise_user and user.enterprise_id and user.enterprise.county_id == county_code
    )


def registers_for_county(user) -> bool:
    """Opening an appeal registers it at the desk (rather than submitting it online)."""
    return is_coordinator(user)


def edits_category(user, category) -> bool:
    return is_coordinator(user) and (category is None or category.county_id == user.county_code)


def category_or_403(user, category) -> None:
    if not edits_category(user, category):
        raise PermissionDenied


def reads_own_county_scorecards(user) -> bool:
    """The scorecard API answers for the county of a county account."""
    return user.is_authenticated and user.reads_county_data and user.county_code is not None


# ---------------------------------------------------------------- what a user sees


def sees_only_own_department(user) -> bool:
    """A department officer (not the desk) sees only what was dispatched to or complains
    about their department."""
    return (
        user is not None
        and user.is_authenticated
        and user.role == Role.OFFICER
        and not is_coordinator(user)
    )


def shows_complainant_to(user, appeal) -> bool:
    """A complainant's identity is for the desk and the county's leaders only."""
    if not appeal.is_complaint:
        return True
    if is_system(user) or user.role in (Role.LEADER, Role.COUNTY_ADMIN):
        return True
    if is_coordinator(user):
        return user.department_id != appeal.complained_department_id
    return False


def shows_complainant_on_page(user, appeal) -> bool:
    return shows_complainant_to(user, appeal) and not user.is_enterprise_user


def visible_transitions(user, transitions):
    """An enterprise reads only the steps meant for it."""
    if user.is_enterprise_user:
        return transitions.filter(for_enterprise=True)
    return transitions


def shows_internal_notes_to(user) -> bool:
    """The internal part of a step (the dispatch note) is for staff, never the enterprise."""
    return not user.is_enterprise_user


def inbox_assignments(user, assignments):
    """The desk's inbox holds the county's waiting dispatches; a department's, its own."""
    assignments = assignments.filter(appeal__county_id=user.county_code)
    if not is_coordinator(user):
        assignments = assignments.filter(department_id=user.department_id)
    return assignments


def scorecard_county_code(user, wanted: str = "") -> str | None:
    """The county whose scorecards a user opens: the one asked for (404 if not visible), else
    their own, else the first they see."""
    codes = user.visible_county_codes()
    if wanted and wanted not in codes:
        raise Http404
    return wanted or user.county_code or (codes[0] if codes else None)


# ---------------------------------------------------------------- which steps the page offers


def _desk_steps(appeal) -> set[str]:
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


def decides_extensions(user) -> bool:
    """营商环境局 officers grant or refuse extensions (延期)."""
    return is_coordinator(user) and user.department_kind == EXTENSION_DECIDER_KIND


def is_federation(user) -> bool:
    """工商联 officers send marking links and record marks taken by phone (回访)."""
    return is_coordinator(user) and user.department_kind == FEDERATION_KIND


def _department_steps(user, appeal, assignments, extension) -> set[str]:
    mine = [a for a in assignments if a.department_id == user.department_id and a.ended_at is None]
    if not mine or appeal.status not in WITH_DEPARTMENT:
        return set()
    assignment, steps = mine[0], set()
    lead = assignment.role == AssignmentRole.LEAD
    if assignment.acknowledged_at is None:
        steps.add("acknowledge")
    if lead:
        steps.add("return")
        if extension is None:
            steps.add("extend")
    if appeal.status == Status.IN_PROGRESS:
        steps.add("progress")
        if lead and assignment.acknowledged_at is not None:
            steps.add("answer")
    return steps


def available_steps(user, appeal, assignments, extension=None) -> set[str]:
    """Which steps ``user`` may take on ``appeal`` now: the forms the appeal page shows.
    ``extension`` is the appeal's pending extension request, if any. The actions remain the
    authority (``check_*`` below)."""
    steps: set[str] = set()
    own_county = user.county_code == appeal.county_id
    if is_coordinator(user) and own_county:
        steps |= _desk_steps(appeal)
        if extension is not None and decides_extensions(user):
            steps |= {"grant_extension", "refuse_extension"}
        if is_federation(user) and appeal.status == Status.ANSWERED and appeal.marked_at is None:
            steps |= {"mark_link", "callback"}
    if user.role == Role.OFFICER and own_county:
        steps |= _department_steps(user, appeal, assignments, extension)
    if user.role == Role.LEADER and own_county and appeal.status != Status.CLOSED:
        steps.add("escalate")
    if (
        user.is_enterprise_user
        and appeal.enterprise_id == user.enterprise_id
        and appeal.status == Status.ANSWERED
        and appeal.marked_at is None
    ):
        steps.add("mark")
    return steps


# ---------------------------------------------------------------- checks the actions make


def check_desk(user, county_code: str) -> None:
    """The desk of ``county_code`` (or the system actor)."""
    require_actor(user)
    if not (is_system(user) or (is_coordinator(user) and user.county_code == county_code)):
        raise PermissionDenied(_("只有本县工商联、营商环境局可以办理此环节。"))


def check_submitter(user) -> None:
    """An enterprise user submits appeals for their own enterprise."""
    require_actor(user)
    if not (user.is_enterprise_user and user.enterprise_id):
        raise PermissionDenied(_("只有企业用户可以提交企业诉求。"))


def department_assignment(user, appeal, *, lead_only: bool):
    """The active dispatch of the acting officer's department on this appeal. The system
    actor acts for the department the appeal was dispatched to (the lead first)."""
    require_actor(user)
    assignments = appeal.assignments.active()
    if lead_only:
        assignments = assignments.filter(role=AssignmentRole.LEAD)
    found = None
    if is_system(user):
        found = assignments.first()
    elif has_role_in_county(user, appeal.county_id, Role.OFFICER):
        found = assignments.filter(department_id=user.department_id).first()
    if found is None:
        raise PermissionDenied(_("此诉求没有派给您的部门办理。"))
    return found


def check_marks(user, appeal) -> None:
    """The enterprise marks its own appeal's answer."""
    require_actor(user)
    if is_system(user):
        return
    if not (
        user.is_enterprise_user
        and appeal.enterprise_id
        and user.enterprise_id == appeal.enterprise_id
    ):
        raise PermissionDenied(_("只能评价本企业的诉求。"))


def check_extension_decider(user, county_code: str) -> None:
    """营商环境局 of ``county_code`` (or the system actor)."""
    require_actor(user)
    if not (is_system(user) or (decides_extensions(user) and user.county_code == county_code)):
        raise PermissionDenied(_("只有本县营商环境局可以审批延期。"))


def check_federation(user, county_code: str) -> None:
    """工商联 of ``county_code`` (or the system actor)."""
    require_actor(user)
    if not (is_system(user) or (is_federation(user) and user.county_code == county_code)):
        raise PermissionDenied(_("只有本县工商联可以办理此环节。"))


def check_escalates(user, appeal) -> None:
    """A leader of the appeal's county."""
    if not has_role_in_county(user, appeal.county_id, Role.LEADER):
        raise PermissionDenied(_("只有本县领导可以督办。"))


def check_clock(user) -> None:
    """Reminders, overdue flags and closing unmarked answers are the system's (the
    ``appeal_deadlines`` command)."""
    require_actor(user)
    if not is_system(user):
        raise PermissionDenied(_("只有系统任务可以登记到期提醒、超期和自动办结。"))

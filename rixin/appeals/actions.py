"""Every write of the appeal loop: 受理 → 派单 → 签收 → 办理 → 答复 → 阅卷 → 办结, and the
side roads 退单, 改派, 并单, 督办, 重办. Each step validates, writes the appeal, one
Transition row and the audit record, in one transaction.

``at`` pins a step's time (the demo loader and tests); people's requests leave it None.
"""

from __future__ import annotations

import datetime
import functools
import secrets
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.accounts.access import system_actor
from rixin.audit.actions import audited_create, audited_update, record_event, snapshot
from rixin.audit.models import AuditAction
from rixin.directory.models import Department, Enterprise
from rixin.regions.models import Division
from rixin.uploads import clean_image

from . import access
from . import announce as events
from .announce import announce
from .choices import (
    APPEAL_CHANNELS,
    COMPLAINT_CHANNELS,
    COORDINATOR_KINDS,
    MARKING_LINK_WORKING_DAYS,
    WITH_DEPARTMENT,
    AppealKind,
    AssignmentRole,
    Channel,
    ExtensionDecision,
    MarkSource,
    PaperStatus,
    Resolution,
    Satisfaction,
    Status,
    Step,
)
from .models import (
    Appeal,
    AppealNumberSequence,
    AppealPolicy,
    Assignment,
    Attachment,
    Category,
    Extension,
    MarkingLink,
    Paper,
    Transition,
)
from .validation import MAX_ATTACHMENTS, check_attachment, check_coordinates, check_text
from .workdays import add_working_days

if TYPE_CHECKING:
    from rixin.accounts.models import User

# ---------------------------------------------------------------- status


def _require_status(appeal: Appeal, allowed: Iterable[str], doing: str) -> None:
    if appeal.status not in allowed:
        raise ValidationError(
            _("诉求当前为“%(status)s”,不能%(doing)s。")
            % {"status": appeal.get_status_display(), "doing": doing}
        )


# ---------------------------------------------------------------- the transition row


def _locked(action):
    """Work on the appeal as it is in the database now (locked on PostgreSQL): another step
    may have changed it since the caller loaded it."""

    @functools.wraps(action)
    def wrapper(appeal: Appeal, *args, **kwargs):
        appeal.refresh_from_db(from_queryset=Appeal.objects.select_for_update())
        return action(appeal, *args, **kwargs)

    return wrapper


def _step(
    appeal: Appeal,
    step: str,
    *,
    acting_user: User,
    at: datetime.datetime,
    status: str | None = None,
    changes: dict | None = None,
    note: str = "",
    internal_note: str = "",
    department: Department | None = None,
    for_enterprise: bool = True,
) -> Transition:
    """Change the appeal and write the Transition row (old, new, actor, time, note; the
    internal note is for staff only)."""
    old = appeal.status
    new = status or old
    audited_update(
        appeal,
        {**(changes or {}), "status": new},
        acting_user=acting_user,
        action=AuditAction.TRANSITION,
        message=Step(step).label,
    )
    return Transition.objects.create(
        appeal=appeal,
        step=step,
        old_status=old,
        new_status=new,
        actor=acting_user,
        department=department,
        at=at,
        note=note,
        internal_note=internal_note,
        for_enterprise=for_enterprise,
    )


def _dispatch_to(
    appeal: Appeal,
    department: Department,
    role: str,
    *,
    acting_user: User,
    at: datetime.datetime,
    deadline: datetime.date,
    is_redo: bool = False,
) -> Assignment:
    """One dispatch (派单) row, with its audit record."""
    return audited_create(
        Assignment,
        acting_user=acting_user,
        appeal=appeal,
        department=department,
        role=role,
        is_redo=is_redo,
        dispatched_at=at,
        deadline=deadline,
        **Assignment.local_dates({"dispatched_at": at}),
    )


def _mark_assignment(assignment: Assignment, changes: dict, *, acting_user: User) -> None:
    """Set a dispatch's timestamps, with the audit record. Only these columns are written:
    the clock and the department may be marking the same dispatch at once."""
    before = snapshot(assignment)
    changes = {**changes, **Assignment.local_dates(changes)}
    Assignment.objects.filter(pk=assignment.pk).update(**changes)
    for name, value in changes.items():
        setattr(assignment, name, value)
    after = snapshot(assignment)
    changed = [name for name in after if before.get(name) != after[name]]
    record_event(
        AuditAction.UPDATE,
        acting_user=acting_user,
        obj=assignment,
        before={name: before.get(name) for name in changed},
        after={name: after[name] for name in changed},
    )


def _end_assignments(
    appeal: Appeal, *, acting_user: User, at: datetime.datetime, returned: Assignment | None = None
) -> None:
    """End the appeal's active dispatches (改派, 退单, 重办, 并单); ``returned`` is the one
    its department sent back."""
    for assignment in appeal.assignments.active().select_related("department"):
        changes = {"ended_at": at}
        if returned is not None and assignment.pk == returned.pk:
            changes["returned_at"] = at
        _mark_assignment(assignment, changes, acting_user=acting_user)


def _now(at: datetime.datetime | None) -> datetime.datetime:
    return at or timezone.now()


def _desk(county_code: str) -> list[Department]:
    """The county's desk (工商联, 营商环境局): who hears of a 退单 or an extension request."""
    return list(Department.objects.filter(county_id=county_code, kind__in=COORDINATOR_KINDS))


def _working_departments(appeal: Appeal) -> list[Department]:
    """The departments the appeal is dispatched to now."""
    return [a.department for a in appeal.assignments.active().select_related("department")]


def _contact(appeal: Appeal) -> list:
    """Who hears of an answer: the enterprise, or the complainant's phone."""
    if appeal.enterprise_id:
        return [appeal.enterprise]
    return [appeal.complainant_phone] if appeal.complainant_phone else []


def _number_prefix(county_code: str, month: datetime.date) -> str:
    return f"{county_code}-{month:%Y%m}-"


def _numbers_given(county_code: str, month: datetime.date) -> int:
    """The highest number given in the month before its sequence row existed."""
    prefix = _number_prefix(county_code, month)
    taken = Appeal.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    return max((int(n[len(prefix) :]) for n in taken if n[len(prefix) :].isdigit()), default=0)


def _sequence_row(county_code: str, month: datetime.date) -> AppealNumberSequence:
    """The month's sequence row, locked (on PostgreSQL; SQLite's IMMEDIATE transactions
    already hold the write lock). The first submissions of a month may race to create it:
    the loser's insert fails on the unique constraint, inside its savepoint, and it takes
    the winner's row."""
    rows = AppealNumberSequence.objects.select_for_update()
    for _attempt in range(5):
        try:
            with transaction.atomic():
                row, _created = rows.get_or_create(
                    county_id=county_code,
                    month=month,
                    defaults={"last": _numbers_given(county_code, month)},
                )
            return row
        except IntegrityError:
            continue
    return rows.get(county_id=county_code, month=month)


def _next_number(county_code: str, at: datetime.datetime) -> str:
    """The next number of the county's month, taken under the sequence row's lock (the
    caller's transaction holds it until the appeal is written)."""
    month = timezone.localtime(at).date().replace(day=1)
    row = _sequence_row(county_code, month)
    row.last += 1
    row.save(update_fields=["last"])
    return f"{_number_prefix(county_code, month)}{row.last:03d}"


def _attach(appeal: Appeal, uploads: Sequence) -> None:
    """Attach photos (re-encoded by ``rixin.uploads.clean_image``: no EXIF, no GPS) and PDFs."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("最多上传 %(n)s 个附件。") % {"n": MAX_ATTACHMENTS}}
        )
    prepared = []
    for upload in uploads:
        content_type, extension = check_attachment(upload)
        if content_type.startswith("image/"):
            image = clean_image(upload, field="attachments")
            content = image.file.read()
            content_type, extension = image.content_type, image.extension
        else:
            content = upload.read()
        prepared.append((upload.name, content_type, extension, content))
    for name, content_type, extension, content in prepared:
        attachment = Attachment(
            appeal=appeal, original_name=name[:200], content_type=content_type, size=len(content)
        )
        attachment.file.save(
            f"{timezone.now():%Y%m%d%H%M%S%f}.{extension}", ContentFile(content), save=False
        )
        attachment.save()


# ---------------------------------------------------------------- intake


def _check_category(category: Category, county_code: str, kind: str) -> None:
    if category.county_id != county_code or not category.is_active:
        raise ValidationError({"category": _("请选择本县启用的诉求类别。")})
    if category.kind != kind:
        raise ValidationError(
            {"category": _("类别“%(name)s”不适用于此类诉求。") % {"name": category.name}}
        )


@transaction.atomic
def submit_appeal(
    *,
    acting_user: User,
    category: Category,
    title: str,
    content: str,
    address: str = "",
    attachments: Sequence = (),
    latitude=None,
    longitude=None,
    at: datetime.datetime | None = None,
) -> Appeal:
    """An enterprise user submits an appeal for their own enterprise (网上); it waits for 受理."""
    access.check_submitter(acting_user)
    enterprise = acting_user.enterprise
    texts = check_text(
        {"title": title, "content": content, "address": address}, required=("title", "content")
    )
    latitude, longitude = check_coordinates(latitude, longitude)
    _check_category(category, enterprise.county_id, AppealKind.APPEAL)
    when = _now(at)
    appeal = audited_create(
        Appeal,
        acting_user=acting_user,
        county_id=enterprise.county_id,
        kind=AppealKind.APPEAL,
        number=_next_number(enterprise.county_id, when),
        enterprise=enterprise,
        channel=Channel.ONLINE,
        category=category,
        latitude=latitude,
        longitude=longitude,
        submitted_at=when,
        submitted_by=acting_user,
        **texts,
    )
    _attach(appeal, attachments)
    Transition.objects.create(
        appeal=appeal, step=Step.SUBMIT, new_status=Status.SUBMITTED, actor=acting_user, at=when
    )
    return appeal


@transaction.atomic
def register_appeal(
    *,
    acting_user: User,
    county: Division,
    kind: str,
    channel: str,
    category: Category,
    title: str,
    content: str,
    enterprise: Enterprise | None = None,
    complainant_name: str = "",
    complainant_phone: str = "",
    complained_department: Department | None = None,
    address: str = "",
    is_confidential: bool = False,
    attachments: Sequence = (),
    latitude=None,
    longitude=None,
    is_illustrative: bool = False,
    at: datetime.datetime | None = None,
) -> Appeal:
    """The desk registers (受理) an appeal or complaint it collected itself."""
    access.check_desk(acting_user, county.code)
    texts = check_text(
        {
            "title": title,
            "content": content,
            "address": address,
            "complainant_name": complainant_name,
            "complainant_phone": complainant_phone,
        },
        required=("title", "content"),
    )
    latitude, longitude = check_coordinates(latitude, longitude)
    _check_intake(county, kind, channel, category, enterprise, complained_department)
    when = _now(at)
    appeal = audited_create(
        Appeal,
        acting_user=acting_user,
        county=county,
        kind=kind,
        number=_next_number(county.code, when),
        enterprise=enterprise,
        complained_department=complained_department,
        channel=channel,
        category=category,
        status=Status.REGISTERED,
        submitted_at=when,
        registered_at=when,
        submitted_by=acting_user,
        is_confidential=is_confidential or kind == AppealKind.COMPLAINT,
        is_illustrative=is_illustrative,
        latitude=latitude,
        longitude=longitude,
        **texts,
    )
    _attach(appeal, attachments)
    Transition.objects.create(
        appeal=appeal,
        step=Step.REGISTER,
        new_status=Status.REGISTERED,
        actor=acting_user,
        at=when,
    )
    return appeal


def _check_intake(county, kind, channel, category, enterprise, complained_department) -> None:
    _check_category(category, county.code, kind)
    channels = APPEAL_CHANNELS if kind == AppealKind.APPEAL else COMPLAINT_CHANNELS
    if channel not in channels:
        raise ValidationError({"channel": _("该渠道不适用于此类诉求。")})
    if kind == AppealKind.APPEAL and enterprise is None:
        raise ValidationError({"enterprise": _("企业诉求必须选择企业。")})
    if enterprise is not None and enterprise.county_id != county.code:
        raise ValidationError({"enterprise": _("企业不属于本县。")})
    if kind == AppealKind.COMPLAINT and complained_department is None:
        raise ValidationError({"complained_department": _("投诉必须选择被投诉部门。")})
    if complained_department is not None and complained_department.county_id != county.code:
        raise ValidationError({"complained_department": _("被投诉部门不属于本县。")})


@transaction.atomic
@_locked
def accept_appeal(
    appeal: Appeal, *, acting_user: User, at: datetime.datetime | None = None
) -> Appeal:
    """受理 an appeal an enterprise submitted online."""
    access.check_desk(acting_user, appeal.county_id)
    _require_status(appeal, [Status.SUBMITTED], _("受理"))
    when = _now(at)
    _step(
        appeal,
        Step.REGISTER,
        acting_user=acting_user,
        at=when,
        status=Status.REGISTERED,
        changes={"registered_at": when},
    )
    return appeal


# ---------------------------------------------------------------- dispatch


def _check_departments(appeal: Appeal, lead: Department, co: Sequence[Department]) -> None:
    for department in [lead, *co]:
        if department.county_id != appeal.county_id:
            raise ValidationError(
                {
                    "lead_department": _("不能派单给其他县的部门:%(name)s。")
                    % {"name": department.name}
                }
            )
    if lead in co:
        raise ValidationError({"co_departments": _("主办部门不能同时是协办部门。")})
    about = appeal.complained_department_id
    if appeal.is_complaint and about is not None:
        message = _("投诉不能派给被投诉部门办理:%(name)s。")
        if lead.pk == about:
            raise ValidationError({"lead_department": message % {"name": lead.name}})
        for department in co:
            if department.pk == about:
                raise ValidationError({"co_departments": message % {"name": department.name}})


def deadline_days_within_policy(county_code: str, days: int | None) -> int:
    """The working days a dispatcher gives (派单, 改派, 重办, 延期): the county's default
    when none is given, refused outside 1 to the county's maximum."""
    policy = AppealPolicy.for_county(county_code)
    if days is None:
        return policy.default_deadline_days
    if not 1 <= days <= policy.max_deadline_days:
        raise ValidationError(
            {
                "deadline_days": _("办理时限须为 1 至 %(max)s 个工作日。")
                % {"max": policy.max_deadline_days}
            }
        )
    return days


def _deadline_from(when: datetime.datetime, days: int, county_code: str) -> datetime.date:
    return add_working_days(timezone.localtime(when).date(), days, county_code)


@transaction.atomic
@_locked
def dispatch_appeal(
    appeal: Appeal,
    *,
    acting_user: User,
    lead: Department,
    co: Sequence[Department] = (),
    note: str = "",
    deadline_days: int | None = None,
    at: datetime.datetime | None = None,
) -> Appeal:
    """派单 (or 改派, when it had been dispatched or returned): the department's clock starts;
    the deadline counts the working days the dispatcher gives, within the county's policy
    (its default when none is given)."""
    access.check_desk(acting_user, appeal.county_id)
    _require_status(
        appeal,
        [Status.REGISTERED, Status.RETURNED, Status.DISPATCHED, Status.IN_PROGRESS],
        _("派单"),
    )
    _check_departments(appeal, lead, co)
    note = check_text({"note": note})["note"]
    days = deadline_days_within_policy(appeal.county_id, deadline_days)
    when = _now(at)
    step = Step.DISPATCH if appeal.status == Status.REGISTERED else Step.REASSIGN
    _end_assignments(appeal, acting_user=acting_user, at=when)
    deadline = _deadline_from(when, days, appeal.county_id)
    for department, role in [(lead, AssignmentRole.LEAD), *[(d, AssignmentRole.CO) for d in co]]:
        _dispatch_to(appeal, department, role, acting_user=acting_user, at=when, deadline=deadline)
    names = "、".join(d.name for d in co)
    _step(
        appeal,
        step,
        acting_user=acting_user,
        at=when,
        status=Status.DISPATCHED,
        changes={"lead_department": lead, "deadline": deadline},
        note=(_("主办:%(lead)s") % {"lead": lead.name})
        + (_(";协办:%(co)s") % {"co": names} if co else "")
        + (_(";办理时限 %(d)s") % {"d": deadline.isoformat()}),
        # The dispatcher's note is for the departments, not the enterprise.
        internal_note=note,
        department=lead,
    )
    announce(
        events.DISPATCHED if step == Step.DISPATCH else events.REASSIGNED,
        appeal,
        recipients=[lead, *co],
        acting_user=acting_user,
        at=when,
        details={"deadline": deadline},
    )
    return appeal


@transaction.atomic
@_locked
def acknowledge_appeal(
    appeal: Appeal, *, acting_user: User, at: datetime.datetime | None = None
) -> Appeal:
    """签收: the department takes the appeal; the lead's 签收 starts 办理."""
    _require_status(appeal, WITH_DEPARTMENT, _("签收"))
    assignment = access.department_assignment(acting_user, appeal, lead_only=False)
    if assignment.acknowledged_at:
        raise ValidationError(_("本部门已签收。"))
    when = _now(at)
    _mark_assignment(assignment, {"acknowledged_at": when}, acting_user=acting_user)
    status = Status.IN_PROGRESS if assignment.role == AssignmentRole.LEAD else appeal.status
    _step(
        appeal,
        Step.ACKNOWLEDGE,
        acting_user=acting_user,
        at=when,
        status=status,
        department=assignment.department,
    )
    return appeal


@transaction.atomic
@_locked
def add_progress(
    appeal: Appeal,
    note: str,
    *,
    acting_user: User,
    for_enterprise: bool = True,
    at: datetime.datetime | None = None,
) -> Transition:
    """A progress note (办理进展), which the enterprise reads unless kept internal."""
    _require_status(appeal, [Status.IN_PROGRESS], _("填写办理进展"))
    assignment = access.department_assignment(acting_user, appeal, lead_only=False)
    note = check_text({"note": note}, required=("note",))["note"]
    return _step(
        appeal,
        Step.PROGRESS,
        acting_user=acting_user,
        at=_now(at),
        note=note,
        department=assignment.department,
        for_enterprise=for_enterprise,
    )


@transaction.atomic
@_locked
def return_appeal(
    appeal: Appeal, reason: str, *, acting_user: User, at: datetime.datetime | None = None
) -> Appeal:
    """退单: the lead department disputes the dispatch; the desk reassigns."""
    _require_status(appeal, WITH_DEPARTMENT, _("退单"))
    assignment = access.department_assignment(acting_user, appeal, lead_only=True)
    reason = check_text({"reason": reason}, required=("reason",))["reason"]
    when = _now(at)
    _end_assignments(appeal, acting_user=acting_user, at=when, returned=assignment)
    _step(
        appeal,
        Step.RETURN,
        acting_user=acting_user,
        at=when,
        status=Status.RETURNED,
        note=reason,
        department=assignment.department,
        for_enterprise=False,
    )
    announce(
        events.RETURNED,
        appeal,
        recipients=_desk(appeal.county_id),
        acting_user=acting_user,
        at=when,
    )
    return appeal


@transaction.atomic
@_locked
def answer_appeal(
    appeal: Appeal,
    *,
    acting_user: User,
    solution: str,
    post: str,
    done_on: datetime.date | None = None,
    at: datetime.datetime | None = None,
) -> Appeal:
    """答复: the solution, the responsible post and the date done. Merged appeals receive it too."""
    _require_status(appeal, [Status.IN_PROGRESS], _("答复"))
    assignment = access.department_assignment(acting_user, appeal, lead_only=True)
    texts = check_text(
        {"answer_solution": solution, "answer_post": post},
        required=("answer_solution", "answer_post"),
    )
    when = _now(at)
    _mark_assignment(assignment, {"answered_at": when}, acting_user=acting_user)
    answer = {
        **texts,
        "answer_done_on": done_on,
        "answered_at": when,
        "lead_department": appeal.lead_department,
    }
    for target in [appeal, *appeal.merged.filter(status=Status.MERGED)]:
        _step(
            target,
            Step.ANSWER,
            acting_user=acting_user,
            at=when,
            status=Status.ANSWERED,
            changes=answer,
            note=texts["answer_solution"],
            department=assignment.department,
        )
        announce(
            events.AWAITING_MARK,
            target,
            recipients=_contact(target),
            acting_user=acting_user,
            at=when,
        )
    return appeal


# ---------------------------------------------------------------- 延期


def pending_extension(appeal: Appeal) -> Extension | None:
    """The appeal's extension request still waiting for 营商环境局."""
    return appeal.extensions.filter(decision=ExtensionDecision.PENDING).first()


@transaction.atomic
@_locked
def request_extension(
    appeal: Appeal,
    days: int | None,
    reason: str,
    *,
    acting_user: User,
    at: datetime.datetime | None = None,
) -> Extension:
    """延期: the lead department asks for ``days`` more working days, with a reason;
    营商环境局 decides. The deadline does not move until it is granted."""
    _require_status(appeal, WITH_DEPARTMENT, _("申请延期"))
    assignment = access.department_assignment(acting_user, appeal, lead_only=True)
    reason = check_text({"reason": reason}, required=("reason",))["reason"]
    if days is None:
        raise ValidationError({"deadline_days": _("请填写延长的工作日数。")})
    days = deadline_days_within_policy(appeal.county_id, days)
    if pending_extension(appeal) is not None:
        raise ValidationError(_("已有一项延期申请待审批。"))
    when = _now(at)
    extension = audited_create(
        Extension,
        acting_user=acting_user,
        appeal=appeal,
        assignment=assignment,
        department=assignment.department,
        days=days,
        reason=reason,
        requested_by=acting_user,
        requested_at=when,
        old_deadline=appeal.deadline,
    )
    _step(
        appeal,
        Step.EXTENSION_REQUEST,
        acting_user=acting_user,
        at=when,
        note=_("申请延期 %(n)s 个工作日:%(reason)s") % {"n": days, "reason": reason},
        department=assignment.department,
        for_enterprise=False,
    )
    return extension


@transaction.atomic
@_locked
def decide_extension(
    appeal: Appeal,
    *,
    granted: bool,
    note: str = "",
    acting_user: User,
    at: datetime.datetime | None = None,
) -> Extension:
    """营商环境局 grants or refuses the pending extension. On grant the appeal's deadline and
    its active dispatches' move by the days asked, counted from the old deadline, and the
    clock may remind and flag the new deadline again."""
    access.check_extension_decider(acting_user, appeal.county_id)
    extension = pending_extension(appeal)
    if extension is None:
        raise ValidationError(_("没有待审批的延期申请。"))
    note = check_text({"note": note})["note"]
    when = _now(at)
    changes = {
        "decision": ExtensionDecision.GRANTED if granted else ExtensionDecision.REFUSED,
        "decided_by": acting_user,
        "decided_at": when,
        "decision_note": note,
    }
    if granted:
        changes["new_deadline"] = add_working_days(
            extension.old_deadline, extension.days, appeal.county_id
        )
    audited_update(extension, changes, acting_user=acting_user, action=AuditAction.TRANSITION)
    if granted:
        for assignment in appeal.assignments.active():
            _mark_assignment(
                assignment,
                {"deadline": extension.new_deadline, "reminded_at": None, "overdue_at": None},
                acting_user=acting_user,
            )
        text = _("同意延期 %(n)s 个工作日,办理时限延至 %(d)s") % {
            "n": extension.days,
            "d": extension.new_deadline.isoformat(),
        }
    else:
        text = _("不同意延期,办理时限仍为 %(d)s") % {"d": extension.old_deadline.isoformat()}
    _step(
        appeal,
        Step.EXTENSION_GRANT if granted else Step.EXTENSION_REFUSE,
        acting_user=acting_user,
        at=when,
        changes={"deadline": extension.new_deadline} if granted else None,
        note=f"{text}{':' + note if note else ''}",
        department=extension.department,
        for_enterprise=granted,
    )
    announce(
        events.EXTENSION_DECIDED,
        appeal,
        recipients=[extension.department],
        acting_user=acting_user,
        at=when,
        details={"granted": granted, "deadline": appeal.deadline},
    )
    return extension


# ---------------------------------------------------------------- marking


@transaction.atomic
@_locked
def mark_answer(
    appeal: Appeal,
    *,
    acting_user: User,
    satisfaction: str,
    resolution: str,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> Appeal:
    """阅卷: the enterprise marks the answer. 不满意 sends it to the desk for 重办."""
    access.check_marks(acting_user, appeal)
    return _record_mark(
        appeal,
        acting_user=acting_user,
        satisfaction=satisfaction,
        resolution=resolution,
        comment=comment,
        source=MarkSource.ACCOUNT,
        at=at,
    )


def _record_mark(
    appeal: Appeal,
    *,
    acting_user: User,
    satisfaction: str,
    resolution: str,
    comment: str,
    source: str,
    at: datetime.datetime | None,
    step: str = Step.MARK,
    changes: dict | None = None,
    prefix: str = "",
) -> Appeal:
    """The mark, however it came (the enterprise's account, a marking link, 回访)."""
    if appeal.marked_at is not None:
        raise ValidationError(_("此答复已评价,不能重复评价。"))
    _require_status(appeal, [Status.ANSWERED], _("评价"))
    if satisfaction not in Satisfaction.values or satisfaction == Satisfaction.UNRATED:
        raise ValidationError({"satisfaction": _("请选择满意、基本满意或不满意。")})
    if resolution not in Resolution.values:
        raise ValidationError({"resolution": _("请选择已解决、部分解决或未解决。")})
    comment = check_text({"mark_comment": comment})["mark_comment"]
    when = _now(at)
    unhappy = satisfaction == Satisfaction.UNSATISFIED
    changes = {
        **(changes or {}),
        "satisfaction": satisfaction,
        "resolution": resolution,
        "mark_comment": comment,
        "marked_at": when,
        "mark_source": source,
    }
    if not unhappy:
        changes["closed_at"] = when
    label = f"{Satisfaction(satisfaction).label} · {Resolution(resolution).label}"
    _step(
        appeal,
        step,
        acting_user=acting_user,
        at=when,
        status=Status.UNSATISFIED if unhappy else Status.CLOSED,
        changes=changes,
        note=f"{prefix}{label}{':' + comment if comment else ''}",
    )
    return appeal


def _contact_address(appeal: Appeal) -> str:
    if appeal.enterprise_id:
        return appeal.enterprise.contact_phone
    return appeal.complainant_phone


@transaction.atomic
@_locked
def issue_marking_link(
    appeal: Appeal, *, acting_user: User, at: datetime.datetime | None = None
) -> str:
    """工商联 sends the appeal's contact a one-time link to mark the answer without an
    account; it expires after 15 working days. Returns the link's path (its token is kept
    only as a hash); the notice that carries it goes through ``announce``."""
    access.check_federation(acting_user, appeal.county_id)
    _require_status(appeal, [Status.ANSWERED], _("发送评价链接"))
    contact = _contact_address(appeal)
    if not contact:
        raise ValidationError(_("该诉求没有联系人电话,无法发送评价链接,请改为回访。"))
    when = _now(at)
    token = secrets.token_urlsafe(32)
    expires_on = add_working_days(
        timezone.localtime(when).date(), MARKING_LINK_WORKING_DAYS, appeal.county_id
    )
    audited_create(
        MarkingLink,
        acting_user=acting_user,
        appeal=appeal,
        token_hash=MarkingLink.hash_token(token),
        sent_to=contact,
        created_by=acting_user,
        created_at=when,
        expires_on=expires_on,
    )
    _step(
        appeal,
        Step.MARK_LINK,
        acting_user=acting_user,
        at=when,
        note=_("评价链接已发送至 %(to)s,有效期至 %(d)s")
        % {"to": contact, "d": expires_on.isoformat()},
        for_enterprise=False,
    )
    path = reverse("appeal_mark_link", args=[token])
    announce(
        events.MARKING_LINK,
        appeal,
        recipients=[contact],
        acting_user=acting_user,
        at=when,
        details={"path": path, "expires_on": expires_on},
    )
    return path


@transaction.atomic
def mark_by_link(
    token: str,
    *,
    satisfaction: str,
    resolution: str,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> Appeal:
    """The contact marks the answer through a marking link. The token is the credential:
    the system actor records the mark on the contact's behalf, once (the link is used up)."""
    link = MarkingLink.objects.for_token(token).select_for_update().select_related("appeal").first()
    when = _now(at)
    if link is None or not link.is_open(timezone.localtime(when).date()):
        raise ValidationError(_("评价链接无效或已失效。"))
    actor = system_actor()
    appeal = link.appeal
    appeal.refresh_from_db(from_queryset=Appeal.objects.select_for_update())
    _record_mark(
        appeal,
        acting_user=actor,
        satisfaction=satisfaction,
        resolution=resolution,
        comment=comment,
        source=MarkSource.LINK,
        at=when,
        prefix=_("(经评价链接)"),
    )
    _mark_link_used(link, when, acting_user=actor)
    return appeal


def _mark_link_used(link: MarkingLink, when: datetime.datetime, *, acting_user: User) -> None:
    updated = MarkingLink.objects.filter(pk=link.pk, used_at__isnull=True).update(used_at=when)
    if not updated:
        raise ValidationError(_("评价链接无效或已失效。"))
    record_event(
        AuditAction.UPDATE,
        acting_user=acting_user,
        obj=link,
        before={"used_at": None},
        after={"used_at": when.isoformat()},
    )


@transaction.atomic
@_locked
def record_callback(
    appeal: Appeal,
    *,
    acting_user: User,
    called_by: str,
    called_at: datetime.datetime,
    satisfaction: str,
    resolution: str,
    comment: str = "",
    at: datetime.datetime | None = None,
) -> Appeal:
    """回访: 工商联 records the mark the enterprise gave by phone: who called, when, the
    verdict. It counts as a mark, and apart as a 回访 in the scorecards."""
    access.check_federation(acting_user, appeal.county_id)
    called_by = check_text({"answer_post": called_by}, required=("answer_post",))["answer_post"]
    if called_at is None:
        raise ValidationError({"called_at": _("请填写回访时间。")})
    if appeal.answered_at is not None and called_at < appeal.answered_at:
        raise ValidationError({"called_at": _("回访时间不能早于答复时间。")})
    return _record_mark(
        appeal,
        acting_user=acting_user,
        satisfaction=satisfaction,
        resolution=resolution,
        comment=comment,
        source=MarkSource.PHONE,
        at=at,
        step=Step.CALLBACK,
        changes={"callback_by": called_by, "callback_at": called_at},
        prefix=_("%(who)s于 %(when)s 电话回访:")
        % {"who": called_by, "when": timezone.localtime(called_at).strftime("%Y-%m-%d %H:%M")},
    )


@transaction.atomic
@_locked
def reopen_appeal(
    appeal: Appeal,
    note: str,
    *,
    acting_user: User,
    deadline_days: int | None = None,
    at: datetime.datetime | None = None,
) -> Appeal:
    """重办: back to the lead department with the supervisor's note and its own new deadline
    (the working days the desk gives, within the county's policy)."""
    access.check_desk(acting_user, appeal.county_id)
    _require_status(appeal, [Status.UNSATISFIED], _("重办"))
    note = check_text({"note": note}, required=("note",))["note"]
    days = deadline_days_within_policy(appeal.county_id, deadline_days)
    when = _now(at)
    deadline = _deadline_from(when, days, appeal.county_id)
    _end_assignments(appeal, acting_user=acting_user, at=when)
    _dispatch_to(
        appeal,
        appeal.lead_department,
        AssignmentRole.LEAD,
        acting_user=acting_user,
        at=when,
        deadline=deadline,
        is_redo=True,
    )
    _step(
        appeal,
        Step.REOPEN,
        acting_user=acting_user,
        at=when,
        status=Status.DISPATCHED,
        note=note,
        department=appeal.lead_department,
        changes={
            "deadline": deadline,
            "reopen_count": appeal.reopen_count + 1,
            "satisfaction": "",
            "resolution": "",
            "mark_comment": "",
            "marked_at": None,
            "mark_source": "",
            "callback_by": "",
            "callback_at": None,
            "answered_at": None,
        },
    )
    return appeal


@transaction.atomic
@_locked
def conclude_appeal(
    appeal: Appeal, note: str, *, acting_user: User, at: datetime.datetime | None = None
) -> Appeal:
    """办结 an appeal marked 不满意 that cannot be done better (the mark stays 不满意)."""
    access.check_desk(acting_user, appeal.county_id)
    _require_status(appeal, [Status.UNSATISFIED], _("办结"))
    note = check_text({"note": note}, required=("note",))["note"]
    when = _now(at)
    _step(
        appeal,
        Step.CONCLUDE,
        acting_user=acting_user,
        at=when,
        status=Status.CLOSED,
        note=note,
        changes={"closed_at": when},
    )
    return appeal


# ---------------------------------------------------------------- the desk's side roads


@transaction.atomic
@_locked
def merge_appeal(
    appeal: Appeal, master: Appeal, *, acting_user: User, at: datetime.datetime | None = None
) -> Appeal:
    """并单: a duplicate follows its master; its enterprise receives the master's answer."""
    access.check_desk(acting_user, appeal.county_id)
    open_ = [
        Status.SUBMITTED,
        Status.REGISTERED,
        Status.DISPATCHED,
        Status.IN_PROGRESS,
        Status.RETURNED,
    ]
    _require_status(appeal, open_, _("并单"))
    if master.pk == appeal.pk or master.county_id != appeal.county_id or master.master_id:
        raise ValidationError({"master": _("请选择本县另一件未并单的诉求作为主诉求。")})
    if master.status not in open_ or master.kind != appeal.kind:
        raise ValidationError({"master": _("主诉求须为同类、尚未答复的诉求。")})
    when = _now(at)
    _end_assignments(appeal, acting_user=acting_user, at=when)
    _step(
        appeal,
        Step.MERGE,
        acting_user=acting_user,
        at=when,
        status=Status.MERGED,
        changes={
            "master": master,
            "lead_department": master.lead_department,
            "deadline": master.deadline,
        },
        note=_("并入 %(number)s") % {"number": master.number},
    )
    return appeal


@transaction.atomic
@_locked
def escalate_appeal(
    appeal: Appeal, note: str, *, acting_user: User, at: datetime.datetime | None = None
) -> Appeal:
    """督办: a county leader puts the appeal under supervision."""
    access.check_escalates(acting_user, appeal)
    if appeal.status == Status.CLOSED:
        raise ValidationError(_("诉求已办结,无需督办。"))
    note = check_text({"note": note}, required=("note",))["note"]
    when = _now(at)
    _step(
        appeal,
        Step.ESCALATE,
        acting_user=acting_user,
        at=when,
        changes={"is_escalated": True},
        note=note,
        department=appeal.lead_department,
    )
    announce(
        events.ESCALATED,
        appeal,
        recipients=_working_departments(appeal) or _desk(appeal.county_id),
        acting_user=acting_user,
        at=when,
    )
    return appeal


@transaction.atomic
@_locked
def publish_appeal(
    appeal: Appeal, is_public: bool, *, acting_user: User, at: datetime.datetime | None = None
) -> Appeal:
    """The desk marks an appeal public (Open311); complaints and confidential ones never are."""
    access.check_desk(acting_user, appeal.county_id)
    if is_public and (appeal.is_complaint or appeal.is_confidential):
        raise ValidationError({"is_public": _("投诉和保密诉求不能公开。")})
    _step(
        appeal,
        Step.PUBLISH,
        acting_user=acting_user,
        at=_now(at),
        changes={"is_public": is_public},
        note=_("公开") if is_public else _("取消公开"),
        for_enterprise=False,
    )
    return appeal


# ---------------------------------------------------------------- the clock (appeal_deadlines)


def remind_assignment(assignment: Assignment, *, acting_user: User, at: datetime.datetime) -> None:
    _clock_step(
        assignment, Step.REMIND, "reminded_at", events.REMINDER, acting_user=acting_user, at=at
    )


def flag_overdue(assignment: Assignment, *, acting_user: User, at: datetime.datetime) -> None:
    _clock_step(
        assignment, Step.OVERDUE, "overdue_at", events.OVERDUE, acting_user=acting_user, at=at
    )


@transaction.atomic
def _clock_step(
    assignment: Assignment,
    step: str,
    mark: str,
    event: str,
    *,
    acting_user: User,
    at: datetime.datetime,
) -> None:
    """A step the clock takes on a dispatch: mark it (so it happens once) and write the row."""
    access.check_clock(acting_user)
    _mark_assignment(assignment, {mark: at}, acting_user=acting_user)
    assignment.appeal.refresh_from_db()
    _step(
        assignment.appeal,
        step,
        acting_user=acting_user,
        at=at,
        department=assignment.department,
        note=_("办理时限 %(d)s") % {"d": assignment.deadline.isoformat()},
        for_enterprise=False,
    )
    announce(
        event,
        assignment.appeal,
        recipients=[assignment.department],
        acting_user=acting_user,
        at=at,
        details={"deadline": assignment.deadline},
    )


@transaction.atomic
@_locked
def close_unmarked(appeal: Appeal, *, acting_user: User, at: datetime.datetime) -> Appeal:
    """An answer left unmarked closes as 未评价, never as satisfied."""
    access.check_clock(acting_user)
    _require_status(appeal, [Status.ANSWERED], _("自动办结"))
    _step(
        appeal,
        Step.AUTO_CLOSE,
        acting_user=acting_user,
        at=at,
        status=Status.CLOSED,
        changes={"satisfaction": Satisfaction.UNRATED, "closed_at": at},
    )
    return appeal


# ---------------------------------------------------------------- catalogue, policy, paper


def create_category(*, acting_user: User, county: Division, **fields) -> Category:
    access.check_desk(acting_user, county.code)
    department = fields.get("default_department")
    if department is not None and department.county_id != county.code:
        raise ValidationError({"default_department": _("默认承办部门不属于本县。")})
    check_text(
        {"name": fields.get("name", ""), "description": fields.get("description", "")},
        required=("name",),
    )
    return audited_create(Category, acting_user=acting_user, county=county, **fields)


def update_category(
    category: Category, changes: dict, *, acting_user: User, expected_version=None
) -> Category:
    access.check_desk(acting_user, category.county_id)
    check_text({k: v for k, v in changes.items() if k in ("name", "description")})
    return audited_update(
        category, changes, acting_user=acting_user, expected_version=expected_version
    )


@transaction.atomic
def save_policy(county: Division, changes: dict, *, acting_user: User) -> AppealPolicy:
    """Set the county's unmarked-close days and scorecard weights (营商环境局 or 工商联)."""
    access.check_desk(acting_user, county.code)
    policy = AppealPolicy.objects.filter(county=county).first()
    if policy is None:
        return audited_create(AppealPolicy, acting_user=acting_user, county=county, **changes)
    return audited_update(policy, changes, acting_user=acting_user)


def paper_for(
    county: Division, month: datetime.date, *, acting_user: User, is_illustrative: bool = False
) -> Paper:
    """The county's paper of that month, started when first needed."""
    access.check_desk(acting_user, county.code)
    month = month.replace(day=1)
    paper = Paper.objects.filter(county=county, month=month).first()
    return paper or audited_create(
        Paper,
        acting_user=acting_user,
        county=county,
        month=month,
        is_illustrative=is_illustrative,
    )


@transaction.atomic
def issue_paper(
    county: Division,
    month: datetime.date,
    *,
    acting_user: User,
    meeting_on: datetime.date | None = None,
    at: datetime.datetime | None = None,
    is_illustrative: bool = False,
) -> Paper:
    """出卷: the federation puts the month's registered enterprise appeals on the paper."""
    access.check_desk(acting_user, county.code)
    paper = paper_for(county, month, acting_user=acting_user, is_illustrative=is_illustrative)
    if paper.status == PaperStatus.ISSUED:
        raise ValidationError(_("%(title)s 已出卷。") % {"title": paper.title})
    start = timezone.make_aware(datetime.datetime.combine(paper.month, datetime.time.min))
    end = start + datetime.timedelta(days=(paper.month_end - paper.month).days + 1)
    candidates = Appeal.objects.filter(
        county=county,
        kind=AppealKind.APPEAL,
        paper__isnull=True,
        registered_at__gte=start,
        registered_at__lt=end,
    )
    for appeal in candidates:
        audited_update(appeal, {"paper": paper}, acting_user=acting_user, message=paper.title)
    return audited_update(
        paper,
        {"status": PaperStatus.ISSUED, "issued_at": _now(at), "meeting_on": meeting_on},
        acting_user=acting_user,
        action=AuditAction.TRANSITION,
    )

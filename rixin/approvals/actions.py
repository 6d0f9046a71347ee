"""Every write of 并联审批: the catalogue, opening a case, each step of an item, the joint
acceptance and the applicant's supplementary materials. Each checks permission (access.py),
validates, runs in one transaction and leaves its audit record; each step of a case is also a
Transition row."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from rixin.accounts.access import require_actor
from rixin.audit.actions import audited_create, audited_update, record_event, snapshot
from rixin.audit.models import AuditAction
from rixin.directory.choices import DepartmentKind as K
from rixin.directory.models import Department
from rixin.projects.models import Project
from rixin.projects.validators import validate_project_code

from . import access
from .choices import CLOSED, AcceptanceStatus, CaseStatus, ItemKind, ItemStatus, Step
from .models import (
    Case,
    CaseItem,
    CaseStage,
    CatalogueItem,
    JointAcceptance,
    SignOff,
    Stage,
    SupplementaryFile,
    Transition,
)

# The national four stages (国办发〔2019〕11号) and their usual items; the limits are a
# starting point each county edits.
# (order, name, lead kind, limit, [(code, name, kind of the deciding department, limit, materials, joint)])
NATIONAL_CATALOGUE = [
    (
        1,
        "立项用地规划许可",
        K.NATURAL_RESOURCES,
        20,
        [
            ("xiangmu-beian", "企业投资项目备案", K.DEVELOPMENT_REFORM, 3, "项目备案申请表", False),
            (
                "yongdi-yushen",
                "用地预审",
                K.NATURAL_RESOURCES,
                15,
                "用地预审申请表\n项目用地范围图",
                False,
            ),
            ("xuanzhi", "选址意见书", K.NATURAL_RESOURCES, 10, "选址申请表\n建设项目位置图", False),
            (
                "yongdi-guihua",
                "建设用地规划许可证",
                K.NATURAL_RESOURCES,
                15,
                "申请表\n国有土地使用权出让合同",
                False,
            ),
        ],
    ),
    (
        2,
        "工程建设许可",
        K.NATURAL_RESOURCES,
        20,
        [
            (
                "gongcheng-guihua",
                "建设工程规划许可证",
                K.NATURAL_RESOURCES,
                15,
                "申请表\n设计方案总平面图",
                False,
            ),
        ],
    ),
    (
        3,
        "施工许可",
        K.HOUSING,
        15,
        [
            ("shigongtu", "施工图审查", K.HOUSING, 10, "施工图设计文件\n勘察文件", False),
            (
                "shigong-xuke",
                "施工许可证",
                K.HOUSING,
                5,
                "施工许可申请表\n施工合同\n安全措施资料",
                False,
            ),
        ],
    ),
    (
        4,
        "竣工验收",
        K.HOUSING,
        12,
        [
            (
                "xiaofang-yanshou",
                "消防验收",
                K.HOUSING,
                10,
                "消防验收申请表\n工程竣工验收报告",
                True,
            ),
            (
                "guihua-heshi",
                "规划条件核实",
                K.NATURAL_RESOURCES,
                10,
                "规划核实申请表\n竣工测量成果",
                True,
            ),
            (
                "jungong-beian",
                "竣工验收备案",
                K.HOUSING,
                5,
                "竣工验收备案表\n工程质量监督报告",
                True,
            ),
        ],
    ),
]

SUPPLEMENT_SIGNATURES = {
    "pdf": (b"%PDF-", "application/pdf"),
    "jpg": (b"\xff\xd8\xff", "image/jpeg"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
}


def _not_future(on: datetime.date, field: str = "on") -> None:
    if on is None:
        raise ValidationError({field: _("请填写日期。")})
    if on > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天。")})


# The catalogue -----------------------------------------------------------------------------


@transaction.atomic
def seed_catalogue(county, *, acting_user, is_illustrative: bool = False) -> int:
    """Put the national four stages and their items into a county's empty catalogue; the
    departments must be in the county's directory. Returns the number of items created."""
    access.check_catalogue_editor(acting_user, county.code)
    if Stage.objects.filter(county=county).exists():
        raise ValidationError(_("本县的审批事项目录已有内容,不能重复初始化。"))
    departments = {}
    for kind in {K.NATURAL_RESOURCES, K.HOUSING, K.DEVELOPMENT_REFORM}:
        departments[kind] = Department.objects.filter(county=county, kind=kind).first()
    missing = [str(K(kind).label) for kind, dept in departments.items() if dept is None]
    if missing:
        raise ValidationError(
            _("部门名录中还没有:%(names)s。请先新增这些部门,再初始化审批事项目录。")
            % {"names": "、".join(sorted(missing))}
        )
    created = 0
    for order, name, lead, limit, items in NATIONAL_CATALOGUE:
        stage = audited_create(
            Stage,
            acting_user=acting_user,
            county=county,
            order=order,
            name=name,
            lead_department=departments[lead],
            time_limit_days=limit,
            is_illustrative=is_illustrative,
        )
        for code, item_name, kind, item_limit, materials, joint in items:
            audited_create(
                CatalogueItem,
                acting_user=acting_user,
                county=county,
                stage=stage,
                code=code,
                name=item_name,
                department=departments[kind],
                time_limit_days=item_limit,
                materials=materials,
                joint_acceptance=joint,
                is_illustrative=is_illustrative,
            )
            created += 1
    return created


def save_stage(
    *, acting_user, county, order: int, expected_version: int | None = None, **fields: Any
) -> Stage:
    """Create or change the county's stage of ``order``."""
    access.check_catalogue_editor(acting_user, county.code)
    stage = Stage.objects.filter(county=county, order=order).first()
    if stage is None:
        return audited_create(Stage, acting_user=acting_user, county=county, order=order, **fields)
    return audited_update(stage, fields, acting_user=acting_user, expected_version=expected_version)


def update_stage(
    stage: Stage, changes: dict, *, acting_user, expected_version: int | None = None
) -> Stage:
    access.check_catalogue_editor(acting_user, stage.county_id)
    return audited_update(
        stage, changes, acting_user=acting_user, expected_version=expected_version
    )


def save_catalogue_item(
    *, acting_user, county, code: str, expected_version: int | None = None, **fields: Any
) -> CatalogueItem:
    """Create or change the county's item of ``code``."""
    access.check_catalogue_editor(acting_user, county.code)
    item = CatalogueItem.objects.filter(county=county, code=code).first()
    if item is None:
        return audited_create(
            CatalogueItem, acting_user=acting_user, county=county, code=code, **fields
        )
    return audited_update(item, fields, acting_user=acting_user, expected_version=expected_version)


def update_catalogue_item(
    item: CatalogueItem, changes: dict, *, acting_user, expected_version: int | None = None
) -> CatalogueItem:
    access.check_catalogue_editor(acting_user, item.county_id)
    return audited_update(item, changes, acting_user=acting_user, expected_version=expected_version)


# Cases -------------------------------------------------------------------------------------


def _transition(
    case: Case,
    step: str,
    *,
    acting_user,
    on: datetime.date,
    item: CaseItem | None = None,
    old: str = "",
    new: str = "",
    department=None,
    note: str = "",
) -> Transition:
    row = Transition.objects.create(
        case=case,
        item=item,
        step=step,
        old_status=old,
        new_status=new,
        on=on,
        actor=acting_user,
        department=department,
        note=note[:300],
    )
    record_event(
        AuditAction.TRANSITION,
        acting_user=acting_user,
        obj=item or case,
        before={"status": old} if old else None,
        after={"step": step, "status": new, "on": on.isoformat(), "note": note[:300]},
        message=str(Step(step).label),
    )
    return row


def find_project(county, project_code: str) -> Project:
    """The project of the county's library with this 24-character code."""
    code = (project_code or "").strip()
    try:
        validate_project_code(code)
    except ValidationError as exc:
        raise ValidationError({"project_code": exc.messages}) from exc
    project = Project.objects.filter(county=county, code=code).first()
    if project is None:
        raise ValidationError(
            {
                "project_code": _(
                    "项目代码“%(code)s”不在本县项目库中。请先在项目库登记该项目并填写项目代码。"
                )
                % {"code": code}
            }
        )
    return project


@transaction.atomic
def open_case(
    *,
    acting_user,
    county,
    project_code: str,
    project_type: str,
    opened_on: datetime.date,
    is_illustrative: bool = False,
) -> Case:
    """Open the approval case of a library project: every active item of the catalogue,
    with its department, limit and kind copied, waiting for 受理."""
    access.check_desk(acting_user, county.code)
    project = find_project(county, project_code)
    _not_future(opened_on, "opened_on")
    if Case.objects.filter(project=project, status=CaseStatus.OPEN).exists():
        raise ValidationError({"project_code": _("该项目已有办理中的审批案件。")})
    stages = list(Stage.objects.filter(county=county).prefetch_related("items"))
    if not stages:
        raise ValidationError(_("本县还没有审批事项目录,请县级业务管理员先初始化目录。"))
    case = audited_create(
        Case,
        acting_user=acting_user,
        county=county,
        project=project,
        project_type=project_type,
        opened_on=opened_on,
        is_illustrative=is_illustrative,
    )
    for stage in stages:
        case_stage = CaseStage.objects.create(case=case, stage=stage)
        CaseItem.objects.bulk_create(
            CaseItem(
                case=case,
                case_stage=case_stage,
                catalogue_item=entry,
                name=entry.name,
                department_id=entry.department_id,
                time_limit_days=entry.time_limit_days,
                kind=entry.kind,
            )
            for entry in stage.items.all()
            if entry.is_active
        )
    _transition(case, Step.OPEN, acting_user=acting_user, on=opened_on, new=CaseStatus.OPEN)
    return case


def _locked(item: CaseItem) -> CaseItem:
    return (
        CaseItem.objects.select_for_update()
        .select_related("case", "case__project", "case_stage__stage", "department")
        .get(pk=item.pk)
    )


def _check_stage_start(case_stage: CaseStage, on: datetime.date) -> bool:
    """May this stage start on ``on``? Returns whether that is early (并肩跑): allowed when
    the county marks the stage as allowed to overlap, or when an item of the previous stage
    was granted on the applicant's commitment."""
    previous = (
        CaseStage.objects.filter(case=case_stage.case, stage__order__lt=case_stage.stage.order)
        .select_related("stage")
        .order_by("-stage__order")
        .first()
    )
    if previous is None or (previous.finished_on and previous.finished_on <= on):
        return False
    if previous.started_on is None or previous.started_on > on:
        raise ValidationError(
            {"on": _("上一阶段“%(stage)s”尚未开始,不能开始本阶段。") % {"stage": previous.stage}}
        )
    committed = previous.items.filter(
        kind=ItemKind.COMMITMENT, status=ItemStatus.GRANTED, decided_on__lte=on
    ).exists()
    if not (case_stage.stage.may_overlap or committed):
        raise ValidationError(
            {
                "on": _(
                    "上一阶段“%(stage)s”尚未办结。本县未允许“%(this)s”与其并行,上一阶段也没有按告知承诺制准予的事项,不能提前开始。"
                )
                % {"stage": previous.stage, "this": case_stage.stage}
            }
        )
    return True


@transaction.atomic
def accept_item(
    item: CaseItem,
    *,
    acting_user,
    on: datetime.date,
    kind: str | None = None,
    missing_materials: str = "",
    supply_by: datetime.date | None = None,
) -> CaseItem:
    """受理: the item's clock starts. 容缺受理 names the missing materials and a date."""
    item = _locked(item)
    access.check_department(acting_user, item.department)
    if item.status != ItemStatus.PENDING:
        raise ValidationError(_("该事项已受理,不能重复受理。"))
    _not_future(on)
    if on < item.case.opened_on:
        raise ValidationError({"on": _("受理日期不能早于立案日期。")})
    kind = kind or item.kind
    missing_materials = (missing_materials or "").strip()
    if kind == ItemKind.TOLERANT:
        if not missing_materials or supply_by is None:
            raise ValidationError({"missing_materials": _("容缺受理须写明欠缺的材料和补齐期限。")})
        if supply_by <= on:
            raise ValidationError({"supply_by": _("补齐期限应晚于受理日期。")})
    case_stage = item.case_stage
    if case_stage.started_on is None:
        case_stage.started_early = _check_stage_start(case_stage, on)
        case_stage.started_on = on
        case_stage.save(update_fields=["started_on", "started_early"])
    old = item.status
    item.status, item.accepted_on, item.kind = ItemStatus.RUNNING, on, kind
    item.missing_materials, item.supply_by = missing_materials, supply_by
    item.save()
    _transition(
        item.case,
        Step.ACCEPT,
        acting_user=acting_user,
        on=on,
        item=item,
        old=old,
        new=item.status,
        department=item.department,
        note=str(ItemKind(kind).label),
    )
    return item


def _check_after_acceptance(item: CaseItem, on: datetime.date, what: str) -> None:
    _not_future(on)
    if item.accepted_on and on < item.accepted_on:
        raise ValidationError(
            {
                "on": _("%(what)s日期(%(on)s)早于该事项的受理日期(%(accepted)s)。")
                % {"what": what, "on": on, "accepted": item.accepted_on}
            }
        )
    if item.paused_on and on < item.paused_on:
        raise ValidationError(
            {"on": _("%(what)s日期早于补正开始日期(%(p)s)。") % {"what": what, "p": item.paused_on}}
        )


@dataclass(frozen=True)
class _ClockStep:
    """补正 stops an item's clock, 重新计时 restarts it: one step each way."""

    step: str
    before: str  # the status the item must have
    after: str
    refused: str  # the message when it has another
    what: str  # the step's name in a date message


def _clock_steps() -> dict[str, _ClockStep]:
    return {
        Step.REQUEST: _ClockStep(
            Step.REQUEST,
            ItemStatus.RUNNING,
            ItemStatus.PAUSED,
            _("只有办理中的事项可以要求补正。"),
            _("补正"),
        ),
        Step.RESUME: _ClockStep(
            Step.RESUME,
            ItemStatus.PAUSED,
            ItemStatus.RUNNING,
            _("该事项的计时没有暂停(未处于补正中),不能重新计时。"),
            _("重新计时"),
        ),
    }


@transaction.atomic
def toggle_clock(
    item: CaseItem, step: str, *, acting_user, on: datetime.date, note: str = ""
) -> CaseItem:
    """补正 (``Step.REQUEST``: materials are requested, the clock stops; the note names them)
    or 重新计时 (``Step.RESUME``: the materials are in, the clock restarts)."""
    rule = _clock_steps()[step]
    item = _locked(item)
    access.check_department(acting_user, item.department)
    if item.status != rule.before:
        raise ValidationError(rule.refused)
    note = (note or "").strip()
    if step == Step.REQUEST and not note:
        raise ValidationError({"note": _("请写明需要补正的材料。")})
    _check_after_acceptance(item, on, rule.what)
    old = item.status
    item.status, item.paused_on = rule.after, on if step == Step.REQUEST else None
    item.save(update_fields=["status", "paused_on"])
    _transition(
        item.case,
        step,
        acting_user=acting_user,
        on=on,
        item=item,
        old=old,
        new=item.status,
        department=item.department,
        note=note,
    )
    return item


def request_correction(item: CaseItem, *, acting_user, on: datetime.date, note: str) -> CaseItem:
    """补正: materials are requested and the clock stops."""
    return toggle_clock(item, Step.REQUEST, acting_user=acting_user, on=on, note=note)


def resume_item(item: CaseItem, *, acting_user, on: datetime.date, note: str = "") -> CaseItem:
    """The materials are in: the clock restarts."""
    return toggle_clock(item, Step.RESUME, acting_user=acting_user, on=on, note=note)


def _close_stage_and_case(item: CaseItem, acting_user) -> None:
    case_stage = item.case_stage
    siblings = list(case_stage.items.all())
    if all(s.status in CLOSED for s in siblings):
        case_stage.finished_on = max(s.decided_on for s in siblings)
        case_stage.save(update_fields=["finished_on"])
    _maybe_complete(item.case, acting_user)


def _maybe_complete(case: Case, acting_user) -> None:
    items = list(case.items.select_related("catalogue_item"))
    if not all(i.status in CLOSED for i in items):
        return
    last = max(i.decided_on for i in items)
    if all(i.status == ItemStatus.WITHDRAWN for i in items):
        new = CaseStatus.WITHDRAWN
    else:
        if any(
            i.catalogue_item.joint_acceptance and i.status != ItemStatus.WITHDRAWN for i in items
        ):
            acceptance = JointAcceptance.objects.filter(case=case).first()
            if acceptance is None or acceptance.status != AcceptanceStatus.PASSED:
                return
            last = max(last, acceptance.concluded_on)
        new = CaseStatus.COMPLETED
    old = case.status
    Case.objects.filter(pk=case.pk).update(status=new, closed_on=last, version=F("version") + 1)
    case.status, case.closed_on = new, last
    record_event(
        AuditAction.TRANSITION,
        acting_user=acting_user,
        obj=case,
        before={"status": old},
        after={"status": new, "closed_on": last.isoformat()},
        message=str(CaseStatus(new).label),
    )


@transaction.atomic
def decide_item(
    item: CaseItem,
    *,
    acting_user,
    granted: bool,
    on: datetime.date,
    document_number: str,
    note: str = "",
) -> CaseItem:
    """办结: granted or refused, with the document number of the decision."""
    item = _locked(item)
    access.check_department(acting_user, item.department)
    if item.status == ItemStatus.PAUSED:
        raise ValidationError(_("该事项正在补正,请先重新计时再办结。"))
    if item.status != ItemStatus.RUNNING:
        raise ValidationError(_("只有已受理、办理中的事项可以办结。"))
    _check_after_acceptance(item, on, _("办结"))
    number = (document_number or "").strip()
    if not number:
        raise ValidationError({"document_number": _("办结须填写决定文书的文号。")})
    old = item.status
    item.status = ItemStatus.GRANTED if granted else ItemStatus.REFUSED
    item.decided_on, item.document_number = on, number[:60]
    item.save(update_fields=["status", "decided_on", "document_number"])
    _transition(
        item.case,
        Step.GRANT if granted else Step.REFUSE,
        acting_user=acting_user,
        on=on,
        item=item,
        old=old,
        new=item.status,
        department=item.department,
        note=(f"{number} {note}").strip(),
    )
    _close_stage_and_case(item, acting_user)
    return item


@transaction.atomic
def withdraw_item(item: CaseItem, *, acting_user, on: datetime.date, note: str = "") -> CaseItem:
    """撤回: the applicant withdraws the application for an item not yet decided."""
    item = _locked(item)
    access.check_withdrawer(acting_user, item.case)
    if item.status in CLOSED:
        raise ValidationError(_("该事项已办结或已撤回,不能撤回。"))
    _check_after_acceptance(item, on, _("撤回"))
    if on < item.case.opened_on:
        raise ValidationError({"on": _("撤回日期不能早于立案日期。")})
    old = item.status
    item.status, item.decided_on, item.paused_on = ItemStatus.WITHDRAWN, on, None
    item.save(update_fields=["status", "decided_on", "paused_on"])
    _transition(
        item.case,
        Step.WITHDRAW,
        acting_user=acting_user,
        on=on,
        item=item,
        old=old,
        new=item.status,
        department=item.department,
        note=note,
    )
    _close_stage_and_case(item, acting_user)
    return item


# 联合验收 --------------------------------------------------------------------------------


@transaction.atomic
def convene_joint_acceptance(case: Case, *, acting_user, on: datetime.date) -> JointAcceptance:
    """One joint acceptance, with a sign-off for each department of the joint items."""
    access.check_desk(acting_user, case.county_id)
    _not_future(on)
    if case.status != CaseStatus.OPEN:
        raise ValidationError(_("该案件不在办理中。"))
    if JointAcceptance.objects.filter(case=case).exists():
        raise ValidationError(_("该案件已发起联合验收。"))
    joint = list(
        case.items.filter(catalogue_item__joint_acceptance=True)
        .exclude(status=ItemStatus.WITHDRAWN)
        .select_related("case_stage")
    )
    if not joint:
        raise ValidationError(_("该案件没有参加联合验收的事项。"))
    started = [i.case_stage.started_on for i in joint if i.case_stage.started_on]
    if not started or min(started) > on:
        raise ValidationError({"on": _("竣工验收阶段尚未开始,不能发起联合验收。")})
    acceptance = audited_create(JointAcceptance, acting_user=acting_user, case=case, convened_on=on)
    for department_id in sorted({i.department_id for i in joint}):
        SignOff.objects.create(acceptance=acceptance, department_id=department_id)
    _transition(case, Step.CONVENE, acting_user=acting_user, on=on, new=AcceptanceStatus.OPEN)
    return acceptance


@transaction.atomic
def sign_off(
    signoff: SignOff, *, acting_user, passed: bool, on: datetime.date, opinion: str = ""
) -> SignOff:
    """A department signs its part of the joint acceptance; the last signature concludes it."""
    signoff = (
        SignOff.objects.select_for_update()
        .select_related("acceptance__case", "department")
        .get(pk=signoff.pk)
    )
    access.check_department(acting_user, signoff.department)
    acceptance = signoff.acceptance
    if signoff.signed_on is not None:
        raise ValidationError(_("本部门已签署验收意见。"))
    _not_future(on)
    if on < acceptance.convened_on:
        raise ValidationError({"on": _("签署日期不能早于组织验收日期。")})
    if not passed and not (opinion or "").strip():
        raise ValidationError({"opinion": _("验收不合格须写明意见。")})
    before = snapshot(signoff)
    signoff.signed_on, signoff.passed, signoff.opinion = on, passed, (opinion or "").strip()
    signoff.save()
    record_event(
        AuditAction.UPDATE,
        acting_user=acting_user,
        obj=signoff,
        before=before,
        after=snapshot(signoff),
    )
    case = acceptance.case
    _transition(
        case,
        Step.SIGN,
        acting_user=acting_user,
        on=on,
        new="passed" if passed else "failed",
        department=signoff.department,
        note=signoff.opinion,
    )
    others = list(acceptance.signoffs.all())
    if all(s.signed_on for s in others):
        status = (
            AcceptanceStatus.PASSED if all(s.passed for s in others) else AcceptanceStatus.FAILED
        )
        concluded = max(s.signed_on for s in others)
        audited_update(
            acceptance,
            {"status": status, "concluded_on": concluded},
            acting_user=acting_user,
            action=AuditAction.TRANSITION,
        )
        if status == AcceptanceStatus.PASSED:
            _transition(case, Step.ACCEPTED, acting_user=acting_user, on=concluded, new=status)
            _maybe_complete(case, acting_user)
    return signoff


# Supplementary materials -------------------------------------------------------------------


def check_supplement(upload) -> tuple[str, str]:
    """The extension and content type of an upload, after proving that its content is what
    its name claims: a PDF, a JPEG or a PNG of at most the upload limit."""
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SUPPLEMENT_SIGNATURES:
        raise ValidationError(
            {"file": _("只接受 PDF、JPEG 或 PNG 文件。“%(name)s”不是。") % {"name": name}}
        )
    limit = settings.RIXIN_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            {"file": _("文件“%(name)s”超过 %(mb)s MB。") % {"name": name, "mb": limit // 1048576}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("文件“%(name)s”是空的。") % {"name": name}})
    data = upload.read()
    upload.seek(0)
    signature, content_type = SUPPLEMENT_SIGNATURES[extension]
    claimed = {"pdf": "PDF", "jpg": "JPEG", "jpeg": "JPEG", "png": "PNG"}[extension]
    wrong = ValidationError(
        {
            "file": _("文件“%(name)s”的内容不是它声称的 %(kind)s 文件。")
            % {"name": name, "kind": claimed}
        }
    )
    if not data.startswith(signature):
        raise wrong
    if content_type.startswith("image/"):
        try:
            with Image.open(BytesIO(data)) as probe:
                if probe.format != claimed:
                    raise wrong
                probe.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise wrong from exc
    return ("jpg" if extension == "jpeg" else extension), content_type


@transaction.atomic
def add_supplementary_file(item: CaseItem, upload, *, acting_user) -> SupplementaryFile:
    """The applicant uploads a material for an item not yet closed."""
    require_actor(acting_user)
    item = _locked(item)
    access.check_uploader(acting_user, item.case)
    if item.status in CLOSED:
        raise ValidationError({"file": _("该事项已办结或已撤回,不能再上传材料。")})
    extension, content_type = check_supplement(upload)
    row = SupplementaryFile(
        item=item,
        original_name=(upload.name or "")[:120],
        content_type=content_type,
        size=upload.size,
        uploaded_by=acting_user,
    )
    row.file.save(
        f"{item.pk}-{uuid.uuid4().hex[:12]}.{extension}", ContentFile(upload.read()), save=False
    )
    row.save()
    record_event(
        AuditAction.CREATE,
        acting_user=acting_user,
        obj=row,
        after=snapshot(row),
        county=item.case.county_id,
    )
    return row


STEPS = ("accept", "request", "resume", "grant", "refuse", "withdraw")


def take_step(item: CaseItem, step: str, data: dict, *, acting_user) -> CaseItem:
    """One item step by name, as the pages and the API post it."""
    on = data.get("on")
    if step == "accept":
        return accept_item(
            item,
            acting_user=acting_user,
            on=on,
            kind=data.get("kind") or None,
            missing_materials=data.get("missing_materials", ""),
            supply_by=data.get("supply_by"),
        )
    if step in (Step.REQUEST, Step.RESUME):
        return toggle_clock(item, step, acting_user=acting_user, on=on, note=data.get("note", ""))
    if step in ("grant", "refuse"):
        return decide_item(
            item,
            acting_user=acting_user,
            granted=step == "grant",
            on=on,
            document_number=data.get("document_number", ""),
            note=data.get("note", ""),
        )
    if step == "withdraw":
        return withdraw_item(item, acting_user=acting_user, on=on, note=data.get("note", ""))
    raise ValidationError({"step": _("未知的办理步骤“%(step)s”。") % {"step": step}})

"""Writes of 产学研 and 科技创新. Each checks permission, validates, runs in one transaction and
leaves an audit record; a case's change of stage is a row of its own."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update, record_event
from rixin.audit.models import AuditAction
from rixin.directory import actions as directory_actions
from rixin.directory.models import Enterprise, University
from rixin.regions.models import Division

from . import matcher
from .access import check_answer, check_enter_innovation
from .choices import NEXT_STAGES, Answer, FaceStatus, TransferStage
from .models import (
    CooperationAgreement,
    EnterpriseProfile,
    HighTechCertificate,
    JointLab,
    Mine,
    Patent,
    Push,
    SmartMineTarget,
    TransferCase,
    TransferStageChange,
    WorkingFace,
)
from .validators import validate_patent_number


def _own_enterprise(county: Division, enterprise: Enterprise | None, field: str = "enterprise"):
    if enterprise is not None and enterprise.county_id != county.code:
        raise ValidationError(
            {field: _("企业“%(e)s”不是%(c)s的企业。") % {"e": enterprise.name, "c": county.name}}
        )


@transaction.atomic
def create_cooperation_agreement(
    *, acting_user, county: Division, university: University, enterprise=None, **fields
) -> CooperationAgreement:
    check_enter_innovation(acting_user, county.code)
    _own_enterprise(county, enterprise)
    return audited_create(
        CooperationAgreement,
        acting_user=acting_user,
        county=county,
        university=university,
        enterprise=enterprise,
        **fields,
    )


@transaction.atomic
def create_joint_lab(
    *, acting_user, county: Division, university: University, enterprise: Enterprise, **fields
) -> JointLab:
    check_enter_innovation(acting_user, county.code)
    _own_enterprise(county, enterprise)
    if JointLab.objects.filter(county=county, name=fields.get("name", "")).exists():
        raise ValidationError({"name": _("本县已有同名实验室。")})
    return audited_create(
        JointLab,
        acting_user=acting_user,
        county=county,
        university=university,
        enterprise=enterprise,
        **fields,
    )


@transaction.atomic
def record_certificate(
    *,
    acting_user,
    enterprise: Enterprise,
    number: str,
    certified_on: datetime.date,
    today: datetime.date | None = None,
    **fields,
) -> HighTechCertificate:
    """A high-tech enterprise certificate. A date in the future is refused."""
    check_enter_innovation(acting_user, enterprise.county_id)
    today = today or timezone.localdate()
    if certified_on is None:
        raise ValidationError({"certified_on": _("请填写发证日期。")})
    if certified_on > today:
        raise ValidationError(
            {
                "certified_on": _("发证日期 %(d)s 晚于今天(%(t)s),证书日期不能是将来的日期。")
                % {"d": certified_on.isoformat(), "t": today.isoformat()}
            }
        )
    number = (number or "").strip().upper()
    if HighTechCertificate.objects.filter(number=number).exists():
        raise ValidationError({"number": _("证书编号 %(n)s 已登记。") % {"n": number}})
    certificate = audited_create(
        HighTechCertificate,
        acting_user=acting_user,
        county_id=enterprise.county_id,
        enterprise=enterprise,
        number=number,
        certified_on=certified_on,
        expires_on=HighTechCertificate.expiry_of(certified_on),
        **fields,
    )
    _mark_high_tech(enterprise, certified_on, acting_user)
    return certificate


def _mark_high_tech(enterprise: Enterprise, certified_on: datetime.date, acting_user) -> None:
    """The directory's 高新技术企业 flag and certificate date follow the newest certificate
    (an older one entered later leaves the date alone), through the directory's action."""
    current = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    changes: dict = {}
    if not current.is_high_tech:
        changes["is_high_tech"] = True
    if current.high_tech_certified_on is None or current.high_tech_certified_on < certified_on:
        changes["high_tech_certified_on"] = certified_on
    if changes:
        directory_actions.update_enterprise(current, changes, acting_user=acting_user)


@transaction.atomic
def set_enterprise_profile(
    enterprise: Enterprise, *, acting_user, products: str = "", business_scope: str = ""
) -> EnterpriseProfile:
    check_enter_innovation(acting_user, enterprise.county_id)
    current = EnterpriseProfile.objects.filter(enterprise=enterprise).first()
    changes = {"products": products, "business_scope": business_scope}
    if current is None:
        return audited_create(
            EnterpriseProfile,
            acting_user=acting_user,
            county_id=enterprise.county_id,
            enterprise=enterprise,
            **changes,
        )
    return audited_update(current, changes, acting_user=acting_user)


@transaction.atomic
def list_patent(
    *, acting_user, county: Division, university: University, number: str, **fields
) -> Patent:
    """A university patent listed for transfer; the number must be well formed and new."""
    check_enter_innovation(acting_user, county.code)
    try:
        number = validate_patent_number(number)
    except ValidationError as exc:
        raise ValidationError({"number": exc.messages}) from exc
    if Patent.objects.filter(county=county, number=number).exists():
        raise ValidationError(
            {"number": _("专利号 %(n)s 已在本县的待转化清单中。") % {"n": number}}
        )
    return audited_create(
        Patent,
        acting_user=acting_user,
        county=county,
        university=university,
        number=number,
        **fields,
    )


@transaction.atomic
def push_patent(
    patent: Patent, *, acting_user, enterprises: Iterable[Enterprise] | None = None, limit: int = 5
) -> list[Push]:
    """Send the patent to the enterprises the matcher ranks highest (or to those given),
    each with its explained score. An enterprise already sent it is skipped."""
    check_enter_innovation(acting_user, patent.county_id)
    candidates = Enterprise.objects.filter(county_id=patent.county_id).select_related(
        "innovation_profile"
    )
    ranked = matcher.rank(patent, list(candidates))
    if enterprises is not None:
        wanted = {e.pk for e in enterprises}
        ranked = [m for m in ranked if m.enterprise.pk in wanted]
    else:
        ranked = [m for m in ranked if m.score > 0][:limit]
    done = set(Push.objects.filter(patent=patent).values_list("enterprise_id", flat=True))
    pushes = []
    for match in ranked:
        if match.enterprise.pk in done:
            continue
        pushes.append(
            audited_create(
                Push,
                acting_user=acting_user,
                county_id=patent.county_id,
                patent=patent,
                enterprise=match.enterprise,
                score=Decimal(str(round(match.score, 3))),
                explanation=match.explanation(),
            )
        )
    return pushes


@transaction.atomic
def answer_push(push: Push, *, acting_user, answer: str, note: str = "") -> Push:
    """The enterprise's answer. Interest (有意向, 需要对接) opens a transfer case at 对接."""
    check_answer(acting_user, push)
    if answer not in Answer.values:
        raise ValidationError({"answer": _("请选择答复:有意向、暂无需求或需要对接。")})
    push = audited_update(
        push,
        {"answer": answer, "answer_note": note, "answered_at": timezone.now()},
        acting_user=acting_user,
    )
    if answer != Answer.NO_NEED and not TransferCase.objects.filter(push=push).exists():
        case = audited_create(
            TransferCase, acting_user=acting_user, county_id=push.county_id, push=push
        )
        TransferStageChange.objects.create(
            case=case, old_stage="", new_stage=TransferStage.CONTACT, actor=acting_user
        )
    return push


@transaction.atomic
def move_case(case: TransferCase, stage: str, *, acting_user, reason: str = "") -> TransferCase:
    check_enter_innovation(acting_user, case.county_id)
    case = TransferCase.objects.select_for_update().get(pk=case.pk)
    if stage not in NEXT_STAGES.get(case.stage, set()):
        raise ValidationError(
            {
                "stage": _("案例不能从“%(a)s”转到“%(b)s”。")
                % {
                    "a": TransferStage(case.stage).label,
                    "b": TransferStage(stage).label if stage in TransferStage.values else stage,
                }
            }
        )
    reason = (reason or "").strip()
    if stage == TransferStage.ENDED and not reason:
        raise ValidationError({"reason": _("终止案例须说明原因。")})
    old = case.stage
    case = audited_update(
        case,
        {"stage": stage, "end_reason": reason if stage == TransferStage.ENDED else case.end_reason},
        acting_user=acting_user,
    )
    TransferStageChange.objects.create(
        case=case, old_stage=old, new_stage=stage, actor=acting_user, reason=reason
    )
    record_event(
        AuditAction.TRANSITION,
        acting_user=acting_user,
        obj=case,
        before={"stage": old},
        after={"stage": stage},
        message=reason,
    )
    return case


@transaction.atomic
def create_mine(*, acting_user, county: Division, enterprise: Enterprise, **fields) -> Mine:
    check_enter_innovation(acting_user, county.code)
    _own_enterprise(county, enterprise)
    return audited_create(
        Mine, acting_user=acting_user, county=county, enterprise=enterprise, **fields
    )


@transaction.atomic
def set_mine_status(mine: Mine, status: str, *, acting_user) -> Mine:
    check_enter_innovation(acting_user, mine.county_id)
    return audited_update(mine, {"status": status}, acting_user=acting_user)


@transaction.atomic
def add_working_face(
    mine: Mine, *, acting_user, name: str, kind: str, status: str = FaceStatus.UNDER_WAY, **fields
) -> WorkingFace:
    check_enter_innovation(acting_user, mine.county_id)
    return audited_create(
        WorkingFace,
        acting_user=acting_user,
        county_id=mine.county_id,
        mine=mine,
        name=name,
        kind=kind,
        status=status,
        **fields,
    )


@transaction.atomic
def set_smart_mine_target(
    *,
    acting_user,
    county: Division,
    year: int,
    intelligent_mines: int,
    intelligent_faces: int,
    **fields,
) -> SmartMineTarget:
    check_enter_innovation(acting_user, county.code)
    current = SmartMineTarget.objects.filter(county=county, year=year).first()
    values = {
        "intelligent_mines": intelligent_mines,
        "intelligent_faces": intelligent_faces,
        **fields,
    }
    if current is None:
        return audited_create(
            SmartMineTarget, acting_user=acting_user, county=county, year=year, **values
        )
    return audited_update(current, values, acting_user=acting_user)

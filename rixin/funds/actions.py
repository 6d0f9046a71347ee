"""Writes of fiscal support funds. Each checks permission, validates, runs in one transaction
under a row lock on the parent (programme or allocation) so that two concurrent writes cannot
both pass the ceiling, and leaves an audit record."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update
from rixin.directory.models import Department, Enterprise
from rixin.money import plain
from rixin.projects.models import Project
from rixin.regions.models import Division

from .access import check_enter_funds
from .models import Allocation, Disbursement, Programme, _sum


def _positive(amount: Decimal | None, field: str) -> None:
    if amount is None or Decimal(amount) <= 0:
        raise ValidationError({field: _("金额必须大于0。")})


@transaction.atomic
def create_programme(
    *, acting_user, county: Division, department: Department, amount: Decimal, **fields
) -> Programme:
    check_enter_funds(acting_user, county.code)
    _positive(amount, "amount")
    if department.county_id != county.code:
        raise ValidationError({"department": _("主管部门不属于该县。")})
    if Programme.objects.filter(
        county=county, year=fields.get("year"), name=fields.get("name", "")
    ).exists():
        raise ValidationError({"name": _("本县该年度已有同名资金项目。")})
    return audited_create(
        Programme,
        acting_user=acting_user,
        county=county,
        department=department,
        amount=amount,
        **fields,
    )


@transaction.atomic
def update_programme(
    programme: Programme, changes: dict, *, acting_user, expected_version: int | None = None
) -> Programme:
    check_enter_funds(acting_user, programme.county_id)
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if "amount" in changes:
        _positive(changes["amount"], "amount")
        allocated = _sum(locked.allocations.all())
        if changes["amount"] < allocated:
            raise ValidationError(
                {"amount": _("资金总额不能少于已安排的%(a)s万元。") % {"a": plain(allocated)}}
            )
    return audited_update(
        locked, changes, acting_user=acting_user, expected_version=expected_version
    )


def _check_same_county(programme: Programme, enterprise, project) -> None:
    if enterprise is not None and enterprise.county_id != programme.county_id:
        raise ValidationError(
            {
                "enterprise": _("企业“%(e)s”不是%(c)s的企业,不能安排本县资金。")
                % {"e": enterprise.name, "c": programme.county.name}
            }
        )
    if project is not None and project.county_id != programme.county_id:
        raise ValidationError({"project": _("项目“%(p)s”不是本县项目库的项目。") % {"p": project}})
    if enterprise is None and project is None:
        raise ValidationError({"enterprise": _("资金安排应指定企业或项目。")})


@transaction.atomic
def create_allocation(
    *,
    acting_user,
    programme: Programme,
    amount: Decimal,
    document_number: str,
    enterprise: Enterprise | None = None,
    project: Project | None = None,
    **fields,
) -> Allocation:
    """Allocate part of a programme. Refused, with nothing written, when the enterprise or
    project belongs to another county or the allocations would exceed the programme."""
    check_enter_funds(acting_user, programme.county_id)
    _positive(amount, "amount")
    _check_same_county(programme, enterprise, project)
    # The lock makes the ceiling check and the insert one step for concurrent writers.
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    allocated = _sum(locked.allocations.all())
    if allocated + amount > locked.amount:
        raise ValidationError(
            {
                "amount": _(
                    "安排金额超出资金总额:%(p)s共%(total)s万元,已安排%(done)s万元,"
                    "尚可安排%(left)s万元,本次%(amount)s万元。"
                )
                % {
                    "p": locked,
                    "total": plain(locked.amount),
                    "done": plain(allocated),
                    "left": plain(locked.amount - allocated),
                    "amount": plain(amount),
                }
            }
        )
    document_number = (document_number or "").strip()
    if Allocation.objects.filter(
        county_id=locked.county_id, document_number=document_number
    ).exists():
        raise ValidationError(
            {"document_number": _("文号 %(d)s 已登记。") % {"d": document_number}}
        )
    return audited_create(
        Allocation,
        acting_user=acting_user,
        county_id=locked.county_id,
        programme=locked,
        enterprise=enterprise,
        project=project,
        amount=amount,
        document_number=document_number,
        **fields,
    )


@transaction.atomic
def record_disbursement(
    *,
    acting_user,
    allocation: Allocation,
    paid_on: datetime.date,
    amount: Decimal,
    voucher: str,
    is_illustrative: bool = False,
) -> Disbursement:
    """Pay part of an allocation. Refused, with nothing written, beyond what is left of it."""
    check_enter_funds(acting_user, allocation.county_id)
    _positive(amount, "amount")
    if paid_on is None:
        raise ValidationError({"paid_on": _("请填写拨付日期。")})
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("拨付日期不能晚于今天。")})
    locked = Allocation.objects.select_for_update().get(pk=allocation.pk)
    disbursed = _sum(locked.disbursements.all())
    if disbursed + amount > locked.amount:
        raise ValidationError(
            {
                "amount": _(
                    "拨付金额超过资金安排:安排%(total)s万元,已拨付%(done)s万元,"
                    "尚可拨付%(left)s万元,本次%(amount)s万元。"
                )
                % {
                    "total": plain(locked.amount),
                    "done": plain(disbursed),
                    "left": plain(locked.amount - disbursed),
                    "amount": plain(amount),
                }
            }
        )
    voucher = (voucher or "").strip()
    if Disbursement.objects.filter(county_id=locked.county_id, voucher=voucher).exists():
        raise ValidationError({"voucher": _("凭证号 %(v)s 已登记。") % {"v": voucher}})
    return audited_create(
        Disbursement,
        acting_user=acting_user,
        county_id=locked.county_id,
        allocation=locked,
        paid_on=paid_on,
        amount=amount,
        voucher=voucher,
        is_illustrative=is_illustrative,
    )

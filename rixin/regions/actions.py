"""Writes of the divisions module: recording a change of division (更名, 撤县设区, 合并)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update

from .access import changes_divisions_of
from .models import Division, DivisionChange, DivisionChangeKind
from .validators import level_of, validate_division_code

ENDS_DIVISION = {
    DivisionChangeKind.REDESIGNATION,
    DivisionChangeKind.MERGER,
    DivisionChangeKind.ABOLITION,
}


def _check(
    division: Division, kind: str, effective_date: datetime.date, new_name: str, new_code: str
) -> None:
    if kind not in DivisionChangeKind.values:
        raise ValidationError({"kind": _("未知的区划变更类型。")})
    if not isinstance(effective_date, datetime.date):
        raise ValidationError({"effective_date": _("请填写生效日期。")})
    if division.valid_until is not None:
        raise ValidationError(
            _("该区划已于%(date)s停用,不能再变更。") % {"date": division.valid_until}
        )
    last = division.changes.order_by("-effective_date").values_list("effective_date", flat=True)
    if last.first() and effective_date < last.first():
        raise ValidationError(
            {
                "effective_date": _("生效日期不能早于该区划上一次变更(%(date)s)。")
                % {"date": last.first()}
            }
        )
    if kind == DivisionChangeKind.RENAME and (not new_name or new_name == division.name):
        raise ValidationError({"new_name": _("更名须填写与现名不同的新名称。")})
    if kind == DivisionChangeKind.RENAME and new_code and new_code != division.code:
        raise ValidationError({"new_code": _("代码改变的,请按撤县设区(市)或合并登记。")})
    if kind in (DivisionChangeKind.REDESIGNATION, DivisionChangeKind.MERGER):
        if not new_code or new_code == division.code:
            raise ValidationError({"new_code": _("须填写承继区划的新代码。")})
        validate_division_code(new_code)
        if level_of(new_code) != division.level:
            raise ValidationError({"new_code": _("新代码与原区划的级别不符。")})


def _successor(division: Division, new_code: str, new_name: str, effective_date, acting_user):
    """The division that takes over: an existing one with the new code, or a new one."""
    existing = Division.objects.filter(code=new_code).first()
    if existing is not None:
        if not changes_divisions_of(acting_user, existing):
            raise PermissionDenied(_("无权变更该省的行政区划。"))
        if existing.valid_until is not None:
            raise ValidationError({"new_code": _("承继区划已停用。")})
        return existing
    if not new_name:
        raise ValidationError({"new_name": _("新设区划须填写名称。")})
    successor = Division(code=new_code, name=new_name, level=division.level)
    if not changes_divisions_of(acting_user, successor):
        raise PermissionDenied(_("无权变更该省的行政区划。"))
    return audited_create(
        Division,
        acting_user=acting_user,
        code=new_code,
        name=new_name,
        level=division.level,
        parent_id=division.parent_id,
        lon=division.lon,
        lat=division.lat,
        valid_from=effective_date,
    )


@transaction.atomic
def record_division_change(
    division: Division,
    *,
    acting_user,
    kind: str,
    effective_date: datetime.date,
    new_name: str = "",
    new_code: str = "",
    document: str = "",
    reason: str = "",
) -> DivisionChange:
    """Record a change of ``division`` taking effect on ``effective_date``.

    A rename keeps the division (and every row that points at its code) and keeps the old
    name in the change row. A redesignation or merger links the division to its successor
    (``new_code``: an existing division, or a new one named ``new_name``) and ends it the day
    before; an abolition ends it. Nothing is deleted."""
    if not changes_divisions_of(acting_user, division):
        raise PermissionDenied(_("无权变更该省的行政区划。"))
    division = Division.objects.select_for_update().get(pk=division.pk)
    new_name, new_code = new_name.strip(), new_code.strip()
    _check(division, kind, effective_date, new_name, new_code)
    successor = None
    if kind in (DivisionChangeKind.REDESIGNATION, DivisionChangeKind.MERGER):
        successor = _successor(division, new_code, new_name, effective_date, acting_user)
    change = audited_create(
        DivisionChange,
        acting_user=acting_user,
        division=division,
        kind=kind,
        effective_date=effective_date,
        old_name=division.name if kind == DivisionChangeKind.RENAME else "",
        old_code=division.code,
        new_name=successor.name if successor else new_name,
        new_code=successor.code if successor else (new_code or division.code),
        successor=successor,
        document=document.strip(),
        reason=reason.strip(),
        recorded_by=acting_user,
    )
    if kind == DivisionChangeKind.RENAME:
        # The English name belonged to the old name; nobody has given one for the new.
        audited_update(division, {"name": new_name, "name_en": ""}, acting_user=acting_user)
    elif kind in ENDS_DIVISION:
        last_day = effective_date - datetime.timedelta(days=1)
        audited_update(division, {"valid_until": last_day}, acting_user=acting_user)
    return change

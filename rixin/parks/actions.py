"""Writes to parks: the county's parks, their capacity targets, their chain leaders, and the
capacity a project of the library declares. Each checks the permission, validates, runs in
one transaction and leaves an audit record."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_delete, audited_update, record_event
from rixin.audit.models import AuditAction
from rixin.directory.models import Enterprise
from rixin.money import plain
from rixin.regions.models import Division

from . import access
from .models import DEFAULT_UNIT, Park, ParkCapacity, ProjectCapacity


@transaction.atomic
def create_park(
    *, acting_user, county: Division, chain_leaders: Iterable[Enterprise] = (), **fields
) -> Park:
    access.check_keep_parks(acting_user, county.code)
    park = audited_create(Park, acting_user=acting_user, county=county, **fields)
    if chain_leaders:
        set_chain_leaders(park, chain_leaders, acting_user=acting_user)
    return park


@transaction.atomic
def update_park(
    park: Park, changes: dict, *, acting_user, expected_version: int | None = None
) -> Park:
    access.check_keep_parks(acting_user, park.county_id)
    changes = dict(changes)
    leaders = changes.pop("chain_leaders", None)
    if changes:
        park = audited_update(
            park, changes, acting_user=acting_user, expected_version=expected_version
        )
    if leaders is not None:
        set_chain_leaders(park, leaders, acting_user=acting_user)
    return park


@transaction.atomic
def set_chain_leaders(park: Park, enterprises: Iterable[Enterprise], *, acting_user) -> Park:
    """The park's chain-leader enterprises (链主企业), all of the park's county."""
    access.check_keep_parks(acting_user, park.county_id)
    enterprises = list(enterprises)
    foreign = [e.name for e in enterprises if e.county_id != park.county_id]
    if foreign:
        raise ValidationError(
            {"chain_leaders": _("链主企业须是本县企业:%(e)s。") % {"e": "、".join(foreign)}}
        )
    before = sorted(park.chain_leaders.values_list("name", flat=True))
    after = sorted(e.name for e in enterprises)
    if before != after:
        park.chain_leaders.set(enterprises)
        record_event(
            AuditAction.UPDATE,
            acting_user=acting_user,
            obj=park,
            before={"chain_leaders": before},
            after={"chain_leaders": after},
        )
    return park


@transaction.atomic
def add_capacity(
    park: Park,
    *,
    acting_user,
    product: str,
    amount: Decimal,
    unit: str = DEFAULT_UNIT,
    **fields,
) -> ParkCapacity:
    """A capacity target of the park: one product, how much a year, in which unit."""
    access.check_keep_parks(acting_user, park.county_id)
    product = (product or "").strip()
    if amount is None or Decimal(amount) <= 0:
        raise ValidationError({"amount": _("产能目标必须大于0。")})
    if park.capacities.filter(product=product).exists():
        raise ValidationError({"product": _("%(p)s已有产品“%(x)s”。") % {"p": park, "x": product}})
    return audited_create(
        ParkCapacity,
        acting_user=acting_user,
        park=park,
        product=product,
        amount=amount,
        unit=(unit or DEFAULT_UNIT).strip(),
        **fields,
    )


def _check_declaration(project, product: ParkCapacity, amount: Decimal, unit: str) -> None:
    if project.park_id is None:
        raise ValidationError(
            {"product": _("项目“%(p)s”未填写所在园区,不能申报园区产能。") % {"p": project}}
        )
    if product.park_id != project.park_id:
        raise ValidationError(
            {
                "product": _("“%(x)s”是%(other)s的产品,项目“%(p)s”在%(park)s。")
                % {"x": product.product, "other": product.park, "p": project, "park": project.park}
            }
        )
    if unit != product.unit:
        raise ValidationError(
            {
                "unit": _(
                    "%(park)s的“%(x)s”以“%(u)s”计,不能以“%(given)s”申报;请换算为%(u)s后填写。"
                )
                % {"park": product.park, "x": product.product, "u": product.unit, "given": unit}
            }
        )
    if amount is None or Decimal(amount) <= 0:
        raise ValidationError({"amount": _("新增产能必须大于0。")})
    if project.capacities.filter(product=product).exists():
        raise ValidationError(
            {
                "product": _("项目“%(p)s”已申报“%(x)s”的产能。")
                % {"p": project, "x": product.product}
            }
        )


@transaction.atomic
def declare_project_capacity(
    project,
    *,
    acting_user,
    product: ParkCapacity,
    amount: Decimal,
    unit: str,
    is_illustrative: bool = False,
) -> ProjectCapacity:
    """The capacity ``project`` adds to a product of its park. Refused, with nothing written,
    when the project is in no park or another park, or the unit is not the product's."""
    access.check_keep_parks(acting_user, project.county_id)
    unit = (unit or "").strip()
    _check_declaration(project, product, amount, unit)
    return audited_create(
        ProjectCapacity,
        acting_user=acting_user,
        county_id=project.county_id,
        project=project,
        product=product,
        amount=amount,
        unit=unit,
        is_illustrative=is_illustrative,
        message=_("申报产能 %(a)s%(u)s") % {"a": plain(amount), "u": unit},
    )


@transaction.atomic
def withdraw_project_capacity(declaration: ProjectCapacity, *, acting_user) -> None:
    access.check_keep_parks(acting_user, declaration.county_id)
    audited_delete(declaration, acting_user=acting_user)

"""Writes to parks: the county administrator keeps the list."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update

from .models import Park, ParkCapacity


def _check_county_admin(acting_user, county_code: str) -> None:
    # acting_user None is the set-up path (the demo loader and commands).
    if acting_user is not None and not (
        acting_user.role == "county_admin" and acting_user.county_code == county_code
    ):
        raise PermissionDenied(_("只有本县的县级业务管理员可以维护园区。"))


def create_park(*, acting_user, county, **fields) -> Park:
    _check_county_admin(acting_user, county.code)
    return audited_create(Park, acting_user=acting_user, county=county, **fields)


def update_park(park: Park, changes: dict, *, acting_user, expected_version=None) -> Park:
    _check_county_admin(acting_user, park.county_id)
    return audited_update(park, changes, acting_user=acting_user, expected_version=expected_version)


def add_capacity(
    park: Park, *, acting_user, product: str, amount: Decimal, unit: str = "万吨/年", **fields
) -> ParkCapacity:
    _check_county_admin(acting_user, park.county_id)
    return audited_create(
        ParkCapacity,
        acting_user=acting_user,
        park=park,
        product=product,
        amount=amount,
        unit=unit,
        **fields,
    )

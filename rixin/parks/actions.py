"""Writes to parks: the county administrator keeps the list."""

from __future__ import annotations

from decimal import Decimal

from rixin.audit.actions import audited_create, audited_update

from . import access
from .models import Park, ParkCapacity


def create_park(*, acting_user, county, **fields) -> Park:
    access.check_keep_parks(acting_user, county.code)
    return audited_create(Park, acting_user=acting_user, county=county, **fields)


def update_park(park: Park, changes: dict, *, acting_user, expected_version=None) -> Park:
    access.check_keep_parks(acting_user, park.county_id)
    return audited_update(park, changes, acting_user=acting_user, expected_version=expected_version)


def add_capacity(
    park: Park, *, acting_user, product: str, amount: Decimal, unit: str = "万吨/年", **fields
) -> ParkCapacity:
    access.check_keep_parks(acting_user, park.county_id)
    return audited_create(
        ParkCapacity,
        acting_user=acting_user,
        park=park,
        product=product,
        amount=amount,
        unit=unit,
        **fields,
    )

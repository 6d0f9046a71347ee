"""Writes to 经济运行: observations (with corrections and status changes), targets and
counties' own indicators. Statistics-bureau officers write their county; a city statistician
writes every county of the city."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rixin.accounts.roles import Role
from rixin.audit.actions import audited_create, audited_update
from rixin.directory.choices import DepartmentKind
from rixin.regions.models import Division

from .choices import ObservationStatus, RevisionKind
from .models import Indicator, Observation, ObservationRevision, Target
from .periods import Period

# Path segments of the pages under /indicators/, which an indicator's code must not shadow.
RESERVED_CODES = frozenset({"matrix", "entry", "targets", "catalogue", "county"})


def enters_indicators(user) -> bool:
    """A statistics-bureau officer of a county, or a city statistician."""
    if not (user.is_authenticated and user.is_active and user.division_id):
        return False
    if user.role == Role.CITY_STATISTICIAN:
        return True
    return (
        user.role == Role.OFFICER
        and user.department_kind == DepartmentKind.STATISTICS
        and user.county_code is not None
    )


def writable_county_codes(user) -> list[str]:
    if user is None or not enters_indicators(user):
        return []
    if user.role == Role.CITY_STATISTICIAN:
        return user.visible_county_codes()
    return [user.county_code]


def _check_writer(acting_user, county_code: str) -> None:
    # acting_user None is the set-up path (the demo loader and commands).
    if acting_user is not None and county_code not in writable_county_codes(acting_user):
        raise PermissionDenied(_("无权填报该县(市、区)的经济指标。"))


@transaction.atomic
def save_observation(
    *,
    acting_user,
    county: Division,
    indicator: Indicator,
    period: Period,
    value: Decimal | None,
    rate: Decimal | None,
    source: str = "",
    status: str = ObservationStatus.PUBLISHED,
    is_illustrative: bool = False,
    reason: str = "",
) -> tuple[Observation, str]:
    """Record a county's figures for a period. A second record for the same county, indicator
    and period is a correction: the row is updated and the revision kept. Returns the
    observation and what happened: "create", "correction", "status" (only the status
    changed) or "unchanged"."""
    _check_writer(acting_user, county.code)
    current = (
        Observation.objects.select_for_update()
        .filter(county=county, indicator=indicator, year=period.year, month=period.month)
        .first()
    )
    if current is None:
        observation = audited_create(
            Observation,
            acting_user=acting_user,
            county=county,
            indicator=indicator,
            year=period.year,
            month=period.month,
            value=value,
            rate=rate,
            source=source,
            status=status,
            is_illustrative=is_illustrative,
        )
        return observation, "create"
    return current, _correct(current, value, rate, source, status, acting_user, reason)


def _correct(current: Observation, value, rate, source, status, acting_user, reason) -> str:
    old_value, old_rate, old_status = current.value, current.rate, current.status
    changes = {
        name: new
        for name, new in (("value", value), ("rate", rate), ("source", source), ("status", status))
        if getattr(current, name) != new and not (name == "source" and not new)
    }
    if not changes:
        return "unchanged"
    figures_changed = "value" in changes or "rate" in changes
    audited_update(
        current,
        changes,
        acting_user=acting_user,
        message=reason or (_("更正") if figures_changed else _("状态变更")),
    )
    ObservationRevision.objects.create(
        observation=current,
        kind=RevisionKind.CORRECTION if figures_changed else RevisionKind.STATUS,
        old_value=old_value,
        new_value=current.value,
        old_rate=old_rate,
        new_rate=current.rate,
        old_status=old_status,
        new_status=current.status,
        actor=acting_user if acting_user is not None else None,
        reason=reason[:200],
    )
    return "correction" if figures_changed else "status"


@transaction.atomic
def set_target(
    *,
    acting_user,
    county: Division,
    indicator: Indicator,
    year: int,
    growth: Decimal,
    is_illustrative: bool = False,
) -> Target:
    """Set (or change) a county's annual growth target for an indicator."""
    _check_writer(acting_user, county.code)
    current = Target.objects.filter(county=county, indicator=indicator, year=year).first()
    if current is None:
        return audited_create(
            Target,
            acting_user=acting_user,
            county=county,
            indicator=indicator,
            year=year,
            growth=growth,
            is_illustrative=is_illustrative,
        )
    if current.growth == growth:
        return current
    return audited_update(current, {"growth": growth}, acting_user=acting_user)


def create_indicator(*, acting_user, county: Division, **fields) -> Indicator:
    """A county's own indicator. It is reported by that county alone, so it is not ranked."""
    if acting_user is not None and not (
        enters_indicators(acting_user) and acting_user.county_code == county.code
    ):
        raise PermissionDenied(_("只有本县统计局工作人员可以新增自设指标。"))
    code = fields.get("code", "")
    if code in RESERVED_CODES or Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": _("指标代码“%(code)s”已被使用。") % {"code": code}})
    fields["is_ranked"] = False
    return audited_create(Indicator, acting_user=acting_user, county=county, **fields)


def create_standard_indicator(**fields) -> Indicator:
    """The standard catalogue, written by the set-up path only (migrations, the demo loader)."""
    existing = Indicator.objects.filter(code=fields["code"]).first()
    return existing or audited_create(Indicator, acting_user=None, **fields)

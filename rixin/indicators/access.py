"""Who may enter the figures of 经济运行 (reading them is ``visible_to``): the one place the
module's permission rules live. Statistics-bureau officers write their county; a city
statistician writes every county of the city; the system actor (commands, the demo loader)
writes everywhere."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import is_system, require_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind


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


def enters_own_indicators(user) -> bool:
    """A county statistician adds the county's own indicators (not a city statistician)."""
    return enters_indicators(user) and bool(user.county_code)


def writable_county_codes(user) -> list[str]:
    """The counties whose figures and targets ``user`` enters."""
    if user is None or not user.is_authenticated:
        return []
    if is_system(user):
        return user.visible_county_codes()
    if not enters_indicators(user):
        return []
    if user.role == Role.CITY_STATISTICIAN:
        return user.visible_county_codes()
    return [user.county_code]


def check_writer(acting_user, county_code: str) -> None:
    require_actor(acting_user)
    if is_system(acting_user):
        return
    if county_code not in writable_county_codes(acting_user):
        raise PermissionDenied(_("无权填报该县(市、区)的经济指标。"))


def check_own_indicator_writer(acting_user, county_code: str) -> None:
    require_actor(acting_user)
    if is_system(acting_user):
        return
    if not (enters_own_indicators(acting_user) and acting_user.county_code == county_code):
        raise PermissionDenied(_("只有本县统计局工作人员可以新增自设指标。"))


def check_catalogue_writer(acting_user) -> None:
    """The standard catalogue is written by the system actor alone (migrations, the demo)."""
    require_actor(acting_user)
    if not is_system(acting_user):
        raise PermissionDenied(_("标准指标目录只能由系统维护。"))

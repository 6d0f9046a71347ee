"""Who may do what in the directory, in one place.

County staff who write keep their county's enterprises; the county administrator keeps the
county's departments and the shared list of universities. The system actor (the demo loader
and commands) may do all of it, and is checked and recorded like anyone else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import acts_in_county, has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role


def reads_directory(user) -> bool:
    """Enterprises: county staff, city and province accounts, and an enterprise (its own)."""
    return user.is_authenticated and (user.reads_county_data or user.is_enterprise_user)


def reads_county_directory(user) -> bool:
    """Departments and universities: accounts that read county data."""
    return user.is_authenticated and user.reads_county_data


def writes_enterprises(user) -> bool:
    """County staff who write: their own county's enterprises."""
    return user.is_authenticated and user.writes_county_data and user.county_code is not None


def is_county_admin(user) -> bool:
    """The page predicate for departments and universities."""
    return user.is_authenticated and user.role == Role.COUNTY_ADMIN


def may_write_enterprise(user, county_code: str) -> bool:
    return acts_in_county(user, county_code)


def check_write_enterprise(user, county_code: str) -> None:
    if not may_write_enterprise(user, county_code):
        raise PermissionDenied(_("无权修改该县的数据。"))


def may_keep_departments(user, county_code: str) -> bool:
    return has_role_in_county(user, county_code, Role.COUNTY_ADMIN)


def check_create_department(user, county_code: str) -> None:
    if not may_keep_departments(user, county_code):
        raise PermissionDenied(_("只有县级业务管理员可以新增部门。"))


def check_update_department(user, county_code: str) -> None:
    if not may_keep_departments(user, county_code):
        raise PermissionDenied(_("只有县级业务管理员可以修改部门。"))


def may_keep_universities(user) -> bool:
    require_actor(user)
    return is_system(user) or (user.is_active and user.role == Role.COUNTY_ADMIN)


def check_keep_universities(user) -> None:
    if not may_keep_universities(user):
        raise PermissionDenied(_("只有县级业务管理员可以维护高校名录。"))

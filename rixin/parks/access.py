"""Who may do what with parks.

The county administrator and the officers of the county's 发改局 and 经开区管委会 keep the
county's parks, their targets and the capacity its projects declare; every reader of county
data reads them (another county's park is 404 through ``visible_to``); enterprise users see
no park pages. The system actor (the demo loader and commands) is checked and recorded like
anyone else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind

PARK_DEPARTMENTS = frozenset({DepartmentKind.DEVELOPMENT_REFORM, DepartmentKind.DEVELOPMENT_ZONE})


def reads_parks(user) -> bool:
    """County staff, city and province readers (the view predicate: 403 otherwise)."""
    return user.is_authenticated and user.reads_county_data


def keeps_parks(user) -> bool:
    """The county administrator or a 发改局 / 经开区 officer, of any county (403 otherwise;
    the object's county is checked by ``may_keep_parks``)."""
    if not user.is_authenticated or not user.is_active or not user.county_code:
        return False
    if user.role == Role.COUNTY_ADMIN:
        return True
    return user.role == Role.OFFICER and user.department_kind in PARK_DEPARTMENTS


def may_keep_parks(user, county_code: str) -> bool:
    require_actor(user)
    if is_system(user):
        return True
    if has_role_in_county(user, county_code, Role.COUNTY_ADMIN):
        return True
    return (
        has_role_in_county(user, county_code, Role.OFFICER)
        and user.department_kind in PARK_DEPARTMENTS
    )


def check_keep_parks(user, county_code: str) -> None:
    if not may_keep_parks(user, county_code):
        raise PermissionDenied(_("只有本县的县级业务管理员和发改局、经开区工作人员可以维护园区。"))

"""Who sees and sets what on the maps, on top of the projects' and the appeals' rules.

The project map is for whoever reads the project library. A county's basemap is set by its
county administrator. Project sites are set by those who write projects (the project form).
The appeals density layer is for the county's 营商环境局 and its leaders only (the desk of
``rixin.appeals.access`` without the 工商联, and the leaders who escalate); confidential
appeals are never drawn, for anyone. Public Open311 requests are public: every map reader
sees them as points.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county
from rixin.accounts.roles import Role
from rixin.appeals import access as appeals_access
from rixin.directory.choices import DepartmentKind
from rixin.projects import access as projects_access


def reads_maps(user) -> bool:
    return projects_access.reads_projects(user)


def sets_locations(user) -> bool:
    return projects_access.writes_projects(user)


def administers_basemap(user) -> bool:
    """The page predicate: a county administrator (of their own county)."""
    return (
        user.is_authenticated
        and user.role == Role.COUNTY_ADMIN
        and user.county_code is not None
        and user.writes_county_data
    )


def check_administers_basemap(user, county_code: str) -> None:
    if not has_role_in_county(user, county_code, Role.COUNTY_ADMIN):
        raise PermissionDenied(_("只有本县的县级业务管理员可以设置地图底图。"))


def sees_appeal_density(user) -> bool:
    """营商环境局 officers and the leaders of a county."""
    if not (user.is_authenticated and appeals_access.reads_appeals(user) and user.county_code):
        return False
    if user.role == Role.LEADER:
        return True
    return (
        appeals_access.is_coordinator(user)
        and user.department_kind == DepartmentKind.BUSINESS_ENVIRONMENT
    )


def reads_public_requests(user) -> bool:
    return reads_maps(user)

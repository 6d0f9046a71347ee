"""Who may set a county's 公文 frame and issue its official reports.

Built on ``rixin.accounts.access``: the county administrator of the county (or the system
actor, for ``make_report --official``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county, is_system
from rixin.accounts.roles import Role


def is_county_admin(user) -> bool:
    """The settings page: a county administrator of a county."""
    return bool(user.is_authenticated and user.role == Role.COUNTY_ADMIN and user.county_code)


def administers_frame(user, county_code: str) -> bool:
    return has_role_in_county(user, county_code, Role.COUNTY_ADMIN)


def check_administers_frame(user, county_code: str) -> None:
    if not administers_frame(user, county_code):
        raise PermissionDenied(_("只有本县的县级业务管理员可以修改公文格式。"))


def may_issue(user, county_code: str) -> bool:
    """An official report (a 发文字号 taken) is issued by the county administrator, or by the
    system actor for the command."""
    return is_system(user) or administers_frame(user, county_code)


def check_issues(user, county_code: str) -> None:
    if not may_issue(user, county_code):
        raise PermissionDenied(_("只有本县的县级业务管理员可以签发正式报告。"))

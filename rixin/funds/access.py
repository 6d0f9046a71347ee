"""Who may see and enter fiscal support funds.

The county's 财政局 officers and the county administrator enter programmes, allocations and
disbursements; every reader of county data reads them; an enterprise user sees only what
was allocated to its own enterprise (the querysets' ``for_enterprise``). Another county's
rows are 404 (``visible_to``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind

FUNDS_DEPARTMENT = DepartmentKind.FINANCE


def enters_funds(user) -> bool:
    """A 财政局 officer or the county administrator (the view predicate: 403 otherwise)."""
    if not user.is_authenticated or not user.is_active or not user.county_code:
        return False
    if user.role == Role.COUNTY_ADMIN:
        return True
    return user.role == Role.OFFICER and user.department_kind == FUNDS_DEPARTMENT


def reads_funds(user) -> bool:
    return user.is_authenticated and (user.reads_county_data or user.is_enterprise_user)


def may_enter_funds(user, county_code: str) -> bool:
    require_actor(user)
    if is_system(user):
        return True
    if has_role_in_county(user, county_code, Role.COUNTY_ADMIN):
        return True
    return (
        has_role_in_county(user, county_code, Role.OFFICER)
        and user.department_kind == FUNDS_DEPARTMENT
    )


def check_enter_funds(user, county_code: str) -> None:
    if not may_enter_funds(user, county_code):
        raise PermissionDenied(_("只有本县财政局工作人员和县级业务管理员可以录入资金。"))

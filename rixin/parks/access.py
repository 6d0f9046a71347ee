"""Who may do what with parks: the county administrator keeps the county's list; the system
actor (the demo loader and commands) is checked and recorded like anyone else."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county
from rixin.accounts.roles import Role


def may_keep_parks(user, county_code: str) -> bool:
    return has_role_in_county(user, county_code, Role.COUNTY_ADMIN)


def check_keep_parks(user, county_code: str) -> None:
    if not may_keep_parks(user, county_code):
        raise PermissionDenied(_("只有本县的县级业务管理员可以维护园区。"))

"""Who may see and enter 产学研 and 科技创新.

The development zone's officers (经开区管委会, which runs talent and innovation), the 科技局
(which certifies high-tech enterprises and runs 产学研), the 工信局 and the county
administrator enter cooperation, labs, certificates, patent lists, pushes,
cases and mines; every reader of county data reads them. An enterprise user sees its own
certificates, labs, mines and the patents pushed to it, and answers its pushes.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind

INNOVATION_DEPARTMENTS = frozenset(
    {DepartmentKind.DEVELOPMENT_ZONE, DepartmentKind.SCIENCE, DepartmentKind.INDUSTRY}
)


def enters_innovation(user) -> bool:
    if not user.is_authenticated or not user.is_active or not user.county_code:
        return False
    if user.role == Role.COUNTY_ADMIN:
        return True
    return user.role == Role.OFFICER and user.department_kind in INNOVATION_DEPARTMENTS


def reads_innovation(user) -> bool:
    return user.is_authenticated and (user.reads_county_data or user.is_enterprise_user)


def answers_pushes(user) -> bool:
    return user.is_authenticated and user.is_enterprise_user and bool(user.enterprise_id)


def check_enter_innovation(user, county_code: str) -> None:
    require_actor(user)
    if is_system(user):
        return
    if has_role_in_county(user, county_code, Role.COUNTY_ADMIN):
        return
    if (
        has_role_in_county(user, county_code, Role.OFFICER)
        and user.department_kind in INNOVATION_DEPARTMENTS
    ):
        return
    raise PermissionDenied(
        _("只有本县经开区、科技局、工信局工作人员和县级业务管理员可以录入科技创新数据。")
    )


def check_answer(user, push) -> None:
    require_actor(user)
    if is_system(user):
        return
    if has_role_in_county(user, push.county_id, Role.ENTERPRISE) and (
        user.enterprise_id == push.enterprise_id
    ):
        return
    raise PermissionDenied(_("只有被推送的企业可以答复。"))

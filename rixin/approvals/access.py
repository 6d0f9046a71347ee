"""Who may do what in 并联审批, on the foundation of rixin.accounts.access.

- County staff, city and province accounts read the cases of the counties they see; the
  applicant enterprise reads its own cases (``Case.objects.visible_to``).
- The county administrator keeps the catalogue.
- The approval desk (the 营商环境局, which handles administrative approval, and the county
  administrator) opens cases and convenes the joint acceptance.
- The department that decides an item enters its 受理, 补正, 重新计时 and 办结.
- 撤回 is the applicant's (or the desk's on its behalf).
- Each department signs its own part of the joint acceptance.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind

DESK_KINDS = frozenset({DepartmentKind.BUSINESS_ENVIRONMENT})


# Predicates for @require (the role; the object is checked by the action) ---------------------


def reads_approvals(user) -> bool:
    return user.is_authenticated and (user.reads_county_data or user.is_enterprise_user)


def is_county_officer(user) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.OFFICER
        and user.county_code is not None
        and user.department_id is not None
    )


def is_desk(user) -> bool:
    if not user.is_authenticated or user.county_code is None:
        return False
    return user.role == Role.COUNTY_ADMIN or (
        is_county_officer(user) and user.department_kind in DESK_KINDS
    )


def is_county_admin(user) -> bool:
    return user.is_authenticated and user.role == Role.COUNTY_ADMIN and user.county_code is not None


def is_applicant(user) -> bool:
    return user.is_authenticated and user.is_enterprise_user and bool(user.enterprise_id)


def acts_on_items(user) -> bool:
    """Who may post an item step at all: officers, the desk and applicants."""
    return is_county_officer(user) or is_desk(user) or is_applicant(user)


# Checks the actions make (raise PermissionDenied with a Chinese message) ---------------------


def check_catalogue_editor(user, county_code: str) -> None:
    if not has_role_in_county(user, county_code, Role.COUNTY_ADMIN):
        raise PermissionDenied(_("只有本县的县级业务管理员可以维护审批事项目录。"))


def check_desk(user, county_code: str) -> None:
    require_actor(user)
    if is_system(user):
        return
    if not (is_desk(user) and user.county_code == county_code):
        raise PermissionDenied(_("只有本县营商环境局(行政审批)或县级业务管理员可以办理此项。"))


def check_department(user, department) -> None:
    """Only an officer of ``department`` (of its county) acts for it."""
    require_actor(user)
    if is_system(user):
        return
    if not (
        is_county_officer(user)
        and user.county_code == department.county_id
        and user.department_id == department.pk
    ):
        raise PermissionDenied(
            _("该事项由%(department)s办理,%(mine)s不能作出处理。")
            % {
                "department": department.name,
                "mine": user.department.name if user.department_id else _("您的账户"),
            }
        )


def is_applicant_of(user, case) -> bool:
    return is_applicant(user) and case.project.owner_id == user.enterprise_id


def check_withdrawer(user, case) -> None:
    require_actor(user)
    if is_system(user) or is_applicant_of(user, case):
        return
    if is_desk(user) and user.county_code == case.county_id:
        return
    raise PermissionDenied(_("只有申请企业或本县营商环境局可以撤回申请。"))


def check_uploader(user, case) -> None:
    require_actor(user)
    if not (is_system(user) or is_applicant_of(user, case)):
        raise PermissionDenied(_("只有申请企业可以上传补充材料。"))


def may_decide(user, item) -> bool:
    return is_county_officer(user) and user.department_id == item.department_id


def may_sign(user, signoff) -> bool:
    return is_county_officer(user) and user.department_id == signoff.department_id

"""Who may do what in the project library, in one place.

Department officers of the county write the projects their department is responsible for;
the 发改局 officer and the county administrator write every project of the county, and the
发改局 officer reviews monthly reports. Leaders, city and province viewers read. Enterprise
users see nothing of this module. The system actor (the demo loader and commands) may do
everything, and is checked and recorded like anyone else.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind

from .models import Problem, Project


def reads_projects(user) -> bool:
    return user.is_authenticated and user.reads_county_data


def writes_projects(user) -> bool:
    """County staff who write (the page predicate: the system actor never opens a page)."""
    return user.is_authenticated and user.writes_county_data and user.county_code is not None


def writes_every_project(user) -> bool:
    """The county administrator and the 发改局 officer (and the system actor)."""
    if is_system(user):
        return True
    return writes_projects(user) and (
        user.role == Role.COUNTY_ADMIN or user.department_kind == DepartmentKind.DEVELOPMENT_REFORM
    )


def reviews_reports(user) -> bool:
    return (
        writes_projects(user)
        and user.role == Role.OFFICER
        and user.department_kind == DepartmentKind.DEVELOPMENT_REFORM
    )


def is_county_admin(user) -> bool:
    return writes_projects(user) and user.role == Role.COUNTY_ADMIN


def may_write(user, project: Project) -> bool:
    require_actor(user)
    if is_system(user):
        return True
    if not writes_projects(user) or user.county_code != project.county_id:
        return False
    return writes_every_project(user) or project.department_id == user.department_id


def check_write(user, project: Project) -> None:
    if not may_write(user, project):
        raise PermissionDenied(_("您不是该项目的责任单位,无权修改或填报。"))


def check_create(user, county_code: str, department) -> None:
    """A new project of ``county_code`` with ``department`` responsible."""
    require_actor(user)
    if is_system(user):
        return
    if not writes_projects(user) or user.county_code != county_code:
        raise PermissionDenied(_("无权在该县新增项目。"))
    if not writes_every_project(user) and (
        department is None or department.pk != user.department_id
    ):
        raise PermissionDenied(_("只能新增本部门作为责任单位的项目。"))


def check_change_department(user) -> None:
    require_actor(user)
    if not writes_every_project(user):
        raise PermissionDenied(_("只有发改局或县级业务管理员可以更换责任单位。"))


def may_review(user, county_code: str) -> bool:
    """The 发改局 officer of the county reviews its monthly reports."""
    require_actor(user)
    if is_system(user):
        return True
    return reviews_reports(user) and user.county_code == county_code


def check_review(user, county_code: str) -> None:
    if not may_review(user, county_code):
        raise PermissionDenied(_("只有本县发改局可以审核月度报告。"))


def check_resolve(user, problem: Problem) -> None:
    """The project's writers, or the department the problem was routed to."""
    if may_write(user, problem.project):
        return
    if not (user.department_id == problem.department_id and user.writes_county_data):
        raise PermissionDenied(_("无权办理该问题。"))


def administers(user, county_code: str) -> bool:
    """The county administrator of ``county_code`` keeps the industries and the settings."""
    return has_role_in_county(user, county_code, Role.COUNTY_ADMIN)


def check_administers(user, county_code: str) -> None:
    if not administers(user, county_code):
        raise PermissionDenied(_("只有本县的县级业务管理员可以修改。"))


def writable_projects(user):
    """The projects ``user`` may write: the whole county, or the department's own."""
    queryset = Project.objects.visible_to(user)
    if is_system(user):
        return queryset
    if not writes_projects(user):
        return queryset.none()
    queryset = queryset.filter(county_id=user.county_code)
    return (
        queryset
        if writes_every_project(user)
        else queryset.filter(department_id=user.department_id)
    )

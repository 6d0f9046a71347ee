"""Who may do what in the project library, in one place.

Department officers of the county write the projects their department is responsible for;
the 发改局 officer and the county administrator write every project of the county, and the
发改局 officer reviews monthly reports. Leaders, city and province viewers read. Enterprise
users see nothing of this module.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind

from .models import Project


def reads_projects(user) -> bool:
    return user.is_authenticated and user.reads_county_data


def writes_projects(user) -> bool:
    return user.is_authenticated and user.writes_county_data and user.county_code is not None


def writes_every_project(user) -> bool:
    """The county administrator and the 发改局 officer."""
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
    if user is None:  # the set-up path: demo loader and commands
        return True
    if not writes_projects(user) or user.county_code != project.county_id:
        return False
    return writes_every_project(user) or project.department_id == user.department_id


def check_write(user, project: Project) -> None:
    if not may_write(user, project):
        raise PermissionDenied(_("您不是该项目的责任单位,无权修改或填报。"))


def writable_projects(user):
    """The projects ``user`` may write: the whole county, or the department's own."""
    queryset = Project.objects.visible_to(user)
    if not writes_projects(user):
        return queryset.none()
    queryset = queryset.filter(county_id=user.county_code)
    return (
        queryset
        if writes_every_project(user)
        else queryset.filter(department_id=user.department_id)
    )

"""Who may do what in 招商引资: the one place the module's permission rules live.

Leads and activities are confidential: officers of other departments get 404 — to them the
pages do not exist — and roles outside the county (city, province, enterprise, administrators)
get 403. Teams, targets, events, agreements and KPIs are read by every county-data reader;
city and province viewers thus see the aggregates but never a lead. Writes are made by the
county's investment-promotion centre and its county administrator (reviews also by its
leaders), or by the system actor (commands and the demo loader).
"""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from rixin.accounts.access import acts_in_county, has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role
from rixin.directory.choices import DepartmentKind


def sees_leads(user) -> bool:
    """Investors' intentions: the investment-promotion centre, county leaders, the county admin."""
    if not (user.is_authenticated and user.is_active and user.county_code):
        return False
    if user.role in (Role.LEADER, Role.COUNTY_ADMIN):
        return True
    return user.role == Role.OFFICER and user.department_kind == DepartmentKind.INVESTMENT_PROMOTION


def writes_investment(user) -> bool:
    """Who records leads, activities, events, agreements, teams and targets."""
    if not (user.is_authenticated and user.writes_county_data and user.county_code):
        return False
    return user.role == Role.COUNTY_ADMIN or (
        user.department_kind == DepartmentKind.INVESTMENT_PROMOTION
    )


def reviews_leads(user) -> bool:
    return sees_leads(user) and (user.role == Role.LEADER or writes_investment(user))


def check_writer(acting_user, county_code: str) -> None:
    """Raise unless ``acting_user`` may change the county's investment data."""
    require_actor(acting_user)
    if is_system(acting_user):
        return
    if not (writes_investment(acting_user) and acts_in_county(acting_user, county_code)):
        raise PermissionDenied(_("只有本县招商中心工作人员和县级业务管理员可以修改招商数据。"))


def check_reviewer(acting_user, county_code: str) -> None:
    """A county leader reviews leads too; otherwise the writers' rule."""
    require_actor(acting_user)
    if not has_role_in_county(acting_user, county_code, Role.LEADER):
        check_writer(acting_user, county_code)


def enters_own_department_projects(user) -> bool:
    """An officer hands an agreement to the project library under their own department."""
    return (
        user is not None
        and getattr(user, "role", None) == Role.OFFICER
        and getattr(user, "department", None) is not None
    )


def _gate(user, may) -> None:
    if sees_leads(user) and may(user):
        return
    if user.is_authenticated and user.role == Role.OFFICER and not sees_leads(user):
        raise Http404
    raise PermissionDenied


def confidential(may=sees_leads):
    """Decorate a lead or activity view; ``may`` narrows it (e.g. to writers)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            _gate(request.user, may)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def check_api(user, may=sees_leads) -> None:
    _gate(user, may)

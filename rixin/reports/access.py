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


def generates_city_reports(user) -> bool:
    """A city's reports at once (every county it may read, in the background): the city and
    province accounts, and the system actor for ``make_report --city --background``. A
    county's staff have their county's page."""
    return is_system(user) or bool(
        user.is_authenticated and user.is_active and user.reads_county_data and not user.county_code
    )


def may_generate_city(user, params: dict) -> bool:
    """The rule of the city-report job (rixin.reports.jobs): the city is one of whose
    counties ``user`` reads at least one."""
    from rixin.accounts.access import visible_in_city
    from rixin.regions.models import Division, DivisionLevel

    if not generates_city_reports(user):
        return False
    city = Division.objects.filter(code=params.get("city"), level=DivisionLevel.CITY).first()
    return city is not None and bool(visible_in_city(user, city))


def may_schedule(user, params: dict) -> bool:
    """The county's monthly report on a schedule: its county administrator sets it; the
    worker (the system actor) queues each next month's run."""
    return administers_frame(user, params.get("county", ""))


def check_schedules(user, county_code: str) -> None:
    if not administers_frame(user, county_code):
        raise PermissionDenied(_("只有本县的县级业务管理员可以设置月报定期发送。"))

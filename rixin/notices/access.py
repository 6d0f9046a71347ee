"""Who may do what with notices, in one place.

Everyone with an account reads their own inbox and keeps their own channel preferences;
the county administrator keeps the county's channels (robot addresses, the SMS gateway);
the worker (the system actor) delivers. A notice is its recipient's alone."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rixin.accounts.access import has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role


def has_inbox(user) -> bool:
    """A person with an account (not the system actor, which never logs in)."""
    return user.is_authenticated and user.is_active and not is_system(user)


def keeps_county_channels(user) -> bool:
    return (
        user.is_authenticated
        and user.is_active
        and user.role == Role.COUNTY_ADMIN
        and user.county_code is not None
    )


def check_county_channels(user, county_code: str) -> None:
    if not has_role_in_county(user, county_code, Role.COUNTY_ADMIN):
        raise PermissionDenied(_("只有本县的县级业务管理员可以设置通知渠道。"))


def check_own(user, owner) -> None:
    """A person changes only their own notices and preferences."""
    require_actor(user)
    if not (is_system(user) or user.pk == owner.pk):
        raise PermissionDenied(_("只能处理本人的消息。"))


def check_worker(user) -> None:
    require_actor(user)
    if not is_system(user):
        raise PermissionDenied(_("只有系统任务可以投递消息。"))

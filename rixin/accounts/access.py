"""The foundation every app's ``access.py`` builds on: role predicates, the system actor,
the county and city a user may read, and the view helpers (403 for a wrong role, 404 for an
object the user may not see). No view, model, nav or API module decides a permission itself;
each asks its app's access module, which asks this one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

from .roles import Role


def require(predicate: Callable, message: str = ""):
    """Decorate a view: a logged-in user for whom ``predicate(user)`` is false gets 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied(message or getattr(predicate, "__name__", ""))
            return view(request, *args, **kwargs)

        wrapper.rixin_predicate = predicate
        return wrapper

    return decorator


def has_role(*roles: str) -> Callable:
    def predicate(user) -> bool:
        return user.is_authenticated and user.is_active and user.role in roles

    predicate.__name__ = "has_role(" + ",".join(roles) + ")"
    return predicate


def reads_county_data(user) -> bool:
    return user.is_authenticated and user.reads_county_data


def writes_county_data(user) -> bool:
    return user.is_authenticated and user.writes_county_data


def is_county_staff(user) -> bool:
    return user.is_authenticated and user.is_county_staff


def reads_county_data_or_enterprise(user) -> bool:
    return user.is_authenticated and (user.reads_county_data or user.is_enterprise_user)


def is_county_staff_or_enterprise(user) -> bool:
    return user.is_authenticated and (user.is_county_staff or user.is_enterprise_user)


is_system_admin = has_role(Role.SYSTEM_ADMIN)
is_security_admin = has_role(Role.SECURITY_ADMIN)
is_audit_admin = has_role(Role.AUDIT_ADMIN)


def get_visible_or_404(source, user, **lookup) -> models.Model:
    """The object if ``user`` may see it; 404 otherwise (never a hint that it exists)."""
    queryset = source.objects if isinstance(source, type) else source
    return get_object_or_404(queryset.visible_to(user), **lookup)


def writable_county_or_403(user, county_code: str) -> None:
    if not (user.writes_county_data and user.county_code == county_code):
        raise PermissionDenied("write outside the user's county")


# The system actor --------------------------------------------------------------------------

SYSTEM_USERNAME = "system"


class MissingActor(TypeError):
    """A write was asked for without saying who makes it. Commands and the demo loader pass
    ``system_actor()``; nothing passes None."""


def system_actor():
    """The account commands, the demo loader and the background worker act as. It cannot log
    in (no usable password) and the audit log records it as itself."""
    from .models import User

    user = User.objects.filter(username=SYSTEM_USERNAME, role=Role.SYSTEM).first()
    if user is None:
        from rixin.audit.actions import record_event, snapshot
        from rixin.audit.models import AuditAction

        user = User(username=SYSTEM_USERNAME, role=Role.SYSTEM, display_name="系统任务")
        user.set_unusable_password()
        user.save()
        record_event(AuditAction.CREATE, acting_user=user, obj=user, after=snapshot(user))
    return user


def is_system(user) -> bool:
    return user is not None and getattr(user, "role", None) == Role.SYSTEM


def require_actor(acting_user) -> None:
    if acting_user is None or not getattr(acting_user, "is_authenticated", False):
        raise MissingActor("acting_user is required: pass the user, or system_actor()")


def acts_in_county(user, county_code: str) -> bool:
    """May ``user`` write county data of ``county_code``? The system actor may, everywhere."""
    require_actor(user)
    if is_system(user):
        return True
    return user.writes_county_data and user.county_code == county_code


def has_role_in_county(user, county_code: str, *roles: str) -> bool:
    """``user`` holds one of ``roles`` in ``county_code`` (or is the system actor)."""
    require_actor(user)
    if is_system(user):
        return True
    return user.is_active and user.role in roles and user.county_code == county_code


# Divisions a user may read -----------------------------------------------------------------


def county_or_404(user, county_code: str):
    """The county if the user may read its figures; 404 otherwise."""
    from rixin.regions.models import Division, DivisionLevel

    if not user.is_authenticated or not user.can_see_county(county_code):
        raise Http404
    county = (
        Division.objects.select_related("parent")
        .filter(code=county_code, level=DivisionLevel.COUNTY)
        .first()
    )
    if county is None:
        raise Http404
    return county


def visible_in_city(user, city) -> list[str]:
    """Codes of the city's counties whose figures the user may read (through the division
    tree: the counties whose parent is the city)."""
    from rixin.regions.models import Division

    if not user.is_authenticated or not user.reads_county_data:
        return []
    children = Division.objects.filter(parent_id=city.code).values_list("code", flat=True)
    if is_system(user):
        return list(children)
    visible = set(user.visible_county_codes())
    return [code for code in children if code in visible]


def city_or_404(user, city_code: str):
    """A city of which the user sees at least one county; 404 otherwise."""
    from rixin.regions.models import Division, DivisionLevel

    city = Division.objects.filter(code=city_code, level=DivisionLevel.CITY).first()
    if city is None or not visible_in_city(user, city):
        raise Http404
    return city

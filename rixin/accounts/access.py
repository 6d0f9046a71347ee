"""Access helpers for views: one predicate per capability, 403 for a wrong role,
404 for an object the user may not see."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db import models
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

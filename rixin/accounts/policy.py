"""Callables django-axes reads, so the security policy takes effect without a restart."""

from datetime import timedelta

from .models import SecurityPolicy


def failure_limit(request, credentials) -> int:
    return SecurityPolicy.current().failure_limit


def cooloff_time(request=None) -> timedelta:
    return timedelta(minutes=SecurityPolicy.current().lockout_minutes)

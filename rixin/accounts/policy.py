"""Callables django-axes reads, so the security policy takes effect without a restart."""

from datetime import timedelta

from .models import SecurityPolicy


def failure_limit(request, credentials) -> int:
    return SecurityPolicy.current().failure_limit


def cooloff_time(request=None) -> timedelta:
    return timedelta(minutes=SecurityPolicy.current().lockout_minutes)


def is_locked_out(username: str) -> bool:
    """The account is locked by its login failures (as django-axes counts them, by username,
    within the policy's lockout time). Its API tokens are suspended meanwhile."""
    from axes.models import AccessAttempt
    from django.db.models import Sum
    from django.utils import timezone

    policy = SecurityPolicy.current()
    failures = AccessAttempt.objects.filter(
        username=username,
        attempt_time__gte=timezone.now() - timedelta(minutes=policy.lockout_minutes),
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= policy.failure_limit

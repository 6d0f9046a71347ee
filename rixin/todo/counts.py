"""The counts in the navigation bar: the to-do items and the unread notices, computed once
per request (the to-do page hands its items over, so they are not read twice)."""

from __future__ import annotations

from django.utils import timezone

from rixin.notices.access import has_inbox
from rixin.notices.models import Notice

from .access import has_todo
from .providers import items_for

ATTRIBUTE = "_rixin_todo_items"


def todo_items(request) -> list:
    if not hasattr(request, ATTRIBUTE):
        setattr(request, ATTRIBUTE, items_for(request.user, timezone.localdate()))
    return getattr(request, ATTRIBUTE)


def nav_counts(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    if not hasattr(request, "_rixin_nav_counts"):
        request._rixin_nav_counts = {
            "todo": len(todo_items(request)) if has_todo(user) else None,
            "unread": Notice.objects.visible_to(user).unread().count() if has_inbox(user) else None,
        }
    return request._rixin_nav_counts

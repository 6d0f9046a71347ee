"""The appeal's countdown badge: 剩余N个工作日, 今日到期, 已逾期N个工作日."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("appeals/_countdown.html")
def countdown(appeal, today=None):
    """``Appeal.countdown`` as a badge (nothing when the appeal's clock does not run)."""
    found = appeal.countdown(today)
    kind, days = found if found else ("", 0)
    return {"kind": kind, "days": days}

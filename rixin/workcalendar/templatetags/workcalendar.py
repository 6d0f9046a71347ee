"""Deadline marks and the administrators' notice of a missing year."""

from __future__ import annotations

from django import template
from django.utils import timezone

from ..access import calendar_county, warned_of_missing_year
from ..calendar import deadline_is_provisional, next_year_missing

register = template.Library()


@register.inclusion_tag("workcalendar/_provisional.html")
def provisional_mark(day, county=None):
    """After a deadline: a 暂定 badge when its year is not in the calendar."""
    return {"provisional": bool(day) and deadline_is_provisional(day, county or None)}


@register.inclusion_tag("workcalendar/_notice.html", takes_context=True)
def calendar_notice(context, today=None):
    """From December on, until next year's calendar is entered: a notice for the system
    administrator (the national schedule) and county administrators (their county)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not warned_of_missing_year(user):
        return {"missing": None}
    today = today or timezone.localdate()
    return {"missing": next_year_missing(today, calendar_county(user))}

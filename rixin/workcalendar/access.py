"""Who keeps the holiday calendar.

* The national schedule (the State Council's notice; rows without a county) is kept by the
  system administrator — it is the same for every county, so no county should change it —
  and by the system actor (the seed command, the demo loader).
* A county's own overrides (a local day off, a county-wide make-up day) are kept by that
  county's administrator (县级业务管理员).

Only these two roles open the calendar pages; everyone else gets 403. A county administrator
asking for another county's day, or for a national day, gets 404 (``SpecialDay.objects.visible_to``).
"""

from __future__ import annotations

from rixin.accounts.access import has_role, has_role_in_county, is_system, require_actor
from rixin.accounts.roles import Role

manages_calendar = has_role(Role.SYSTEM_ADMIN, Role.COUNTY_ADMIN)
warned_of_missing_year = manages_calendar


def calendar_county(user) -> str | None:
    """The calendar a manager edits: their county's overrides, or None (the national one)."""
    return user.county_code if user.role == Role.COUNTY_ADMIN else None


def edits_calendar(user, county_code: str | None) -> bool:
    """May ``user`` change the calendar of ``county_code`` (None: the national schedule)?"""
    require_actor(user)
    if is_system(user):
        return True
    if county_code is None:
        return user.is_active and user.role == Role.SYSTEM_ADMIN
    return has_role_in_county(user, county_code, Role.COUNTY_ADMIN)

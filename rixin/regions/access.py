"""Who may record a change of division: the system administrator of the province the
division lies in, or the system actor (commands)."""

from __future__ import annotations

from rixin.accounts.access import is_system, require_actor
from rixin.accounts.roles import Role

from .models import Division


def changes_divisions_of(user, division: Division) -> bool:
    require_actor(user)
    if is_system(user):
        return True
    return (
        user.is_active
        and user.role == Role.SYSTEM_ADMIN
        and user.division_id is not None
        and user.division_id[:2] == division.code[:2]
    )


def records_division_changes(user) -> bool:
    """May ``user`` open the division-change pages: the system actor, or a system
    administrator attached to a division (they record changes in its province)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return is_system(user) or (user.role == Role.SYSTEM_ADMIN and user.division_id is not None)


def province_prefix(user) -> str | None:
    """The province code prefix whose divisions ``user`` may change (None: every province)."""
    return None if is_system(user) else user.division_id[:2]

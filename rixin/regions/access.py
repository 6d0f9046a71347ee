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

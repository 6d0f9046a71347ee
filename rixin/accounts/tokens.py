"""API-token authentication, in one place: the Bearer tokens of /api/v1/ and the
``api_key`` of Open311 are the same per-user tokens, stored as their SHA-256."""

from __future__ import annotations

from django.utils import timezone

from .models import ApiToken, User
from .policy import is_locked_out

TOKEN_PREFIX = "rx_"


def user_for_api_token(key: str | None) -> User | None:
    """The active user whose unrevoked token ``key`` is, or None. Marks the token used.

    A token is suspended while its account is locked out or waits for a new password (a
    reset revokes the tokens; a password change too)."""
    key = (key or "").strip()
    if not key.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related(
            "user", "user__division", "user__department", "user__enterprise"
        )
        .filter(
            key_hash=ApiToken.hash_key(key),
            revoked=False,
            user__is_active=True,
            user__must_change_password=False,
        )
        .first()
    )
    if token is None or is_locked_out(token.user.username):
        return None
    # Bookkeeping on the token, not a change of domain data: no audit record.
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.user

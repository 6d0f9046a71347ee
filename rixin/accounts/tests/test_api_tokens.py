"""API tokens and the password: a temporary password opens no API, and a token ends with a
reset or a change of the password and is suspended while the account is locked out."""

import pytest
from django.test import Client

from rixin.accounts.actions import change_own_password, create_api_token, reset_password

pytestmark = pytest.mark.django_db


def _get(key, path="/api/v1/directory/enterprises"):
    return Client().get(path, HTTP_AUTHORIZATION=f"Bearer {key}")


def test_a_session_with_a_temporary_password_reads_no_api(personas, client_for):
    reset_password(personas.officer, acting_user=personas.sysadmin)
    personas.officer.refresh_from_db()
    client = client_for(personas.officer)
    for path in ("/api/v1/projects/", "/api/v1/directory/enterprises"):
        answer = client.get(path)
        assert answer.status_code == 403
        assert answer.json() == {"detail": "password change required"}


def test_a_password_reset_revokes_the_tokens(personas):
    _token, key = create_api_token(personas.officer, "x", acting_user=personas.officer)
    assert _get(key).status_code == 200
    reset_password(personas.officer, acting_user=personas.sysadmin)
    personas.officer.refresh_from_db()
    change_own_password(personas.officer, "Another-pass-2025")
    assert _get(key).status_code == 401
    assert not personas.officer.api_tokens.filter(revoked=False).exists()


def test_a_password_change_revokes_the_tokens(personas):
    _token, key = create_api_token(personas.officer, "x", acting_user=personas.officer)
    change_own_password(personas.officer, "Another-pass-2025")
    assert _get(key).status_code == 401


def test_a_locked_out_account_tokens_are_suspended(personas):
    _token, key = create_api_token(personas.officer, "x", acting_user=personas.officer)
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "sy_fagai", "password": "wrong-Pass-1"})
    assert _get(key).status_code == 401
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()  # the lockout ends
    assert _get(key).status_code == 200

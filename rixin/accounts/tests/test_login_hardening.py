from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from rixin.audit.models import AuditEvent
from rixin.testing import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, username, password):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_with_right_password_starts_a_new_session(personas):
    client = Client()
    client.get("/accounts/login/")
    before = client.session.session_key
    response = login(client, "sy_fagai", PASSWORD)
    assert response.status_code == 302
    assert client.session.session_key != before
    assert AuditEvent.objects.filter(action="login", username="sy_fagai").exists()


def test_five_failures_lock_the_account_even_with_the_right_password(personas):
    client = Client()
    for _ in range(5):
        assert login(client, "sy_fagai", "wrong-Password-1").status_code in (200, 403)
    response = login(client, "sy_fagai", PASSWORD)
    assert response.status_code == 403
    assert "账户已锁定" in response.text and "30" in response.text
    assert AuditEvent.objects.filter(action="login_failed", username="sy_fagai").count() >= 5
    assert AuditEvent.objects.filter(action="locked_out", username="sy_fagai").exists()


def test_four_failures_do_not_lock(personas):
    client = Client()
    for _ in range(4):
        login(client, "sy_fagai", "wrong-Password-1")
    assert login(client, "sy_fagai", PASSWORD).status_code == 302


def test_lock_expires_after_thirty_minutes(personas, monkeypatch):
    from axes.models import AccessAttempt

    client = Client()
    for _ in range(5):
        login(client, "sy_fagai", "wrong-Password-1")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=31))
    assert login(client, "sy_fagai", PASSWORD).status_code == 302


def test_lock_is_per_account_not_per_office_address(personas):
    client = Client()
    for _ in range(5):
        login(client, "sy_fagai", "wrong-Password-1")
    assert login(client, "sy_leader", PASSWORD).status_code == 302


def test_idle_session_is_logged_out_after_thirty_minutes(personas, client_for):
    client = client_for(personas.officer)
    assert client.get("/enterprises/").status_code == 200
    session = client.session
    session["last_activity"] = session["last_activity"] - 31 * 60
    session.save()
    response = client.get("/enterprises/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/enterprises/").status_code == 302


def test_activity_within_thirty_minutes_keeps_the_session(personas, client_for):
    client = client_for(personas.officer)
    client.get("/enterprises/")
    session = client.session
    session["last_activity"] = session["last_activity"] - 29 * 60
    session.save()
    assert client.get("/enterprises/").status_code == 200


def test_security_policy_changes_the_failure_limit(personas, client_for):
    from rixin.accounts.actions import update_security_policy

    update_security_policy({"failure_limit": 3}, acting_user=personas.secadmin)
    client = Client()
    for _ in range(3):
        login(client, "sy_leader", "wrong-Password-1")
    assert login(client, "sy_leader", PASSWORD).status_code == 403

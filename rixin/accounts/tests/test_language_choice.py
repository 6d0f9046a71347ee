"""A user's choice of language is a write to the account, so it is audited."""

import pytest
from django.test import Client

from rixin.audit.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def _language_events(user):
    return AuditEvent.objects.filter(
        action=AuditAction.UPDATE, object_type="accounts.user", object_id=str(user.pk)
    )


def test_choosing_english_on_the_profile_is_audited(personas, client_for):
    client_for(personas.officer).post("/accounts/language/", {"language": "en"})
    personas.officer.refresh_from_db()
    assert personas.officer.language == "en"
    event = _language_events(personas.officer).get()
    assert (event.username, event.before, event.after) == (
        "sy_fagai",
        {"language": "zh-hans"},
        {"language": "en"},
    )


def test_the_language_switch_of_a_logged_in_user_is_kept_on_the_account_and_audited(
    personas, client_for
):
    response = client_for(personas.leader).post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 302
    personas.leader.refresh_from_db()
    assert personas.leader.language == "en"
    assert _language_events(personas.leader).count() == 1


def test_choosing_the_same_language_again_writes_nothing(personas, client_for):
    client_for(personas.officer).post("/accounts/language/", {"language": "zh-hans"})
    assert not _language_events(personas.officer).exists()


def test_an_anonymous_visitor_switches_only_the_cookie():
    response = Client().post("/i18n/setlang/", {"language": "en"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    assert not AuditEvent.objects.filter(action=AuditAction.UPDATE).exists()

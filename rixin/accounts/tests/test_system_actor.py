"""The system actor: commands and the demo loader act as it, the audit log names it, nobody
logs in as it or manages it, and a write without an actor is refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client

from rixin.accounts import actions
from rixin.accounts.access import SYSTEM_USERNAME, MissingActor, system_actor
from rixin.accounts.forms import LoginForm
from rixin.accounts.models import User
from rixin.accounts.roles import Role
from rixin.audit.actions import audited_create, audited_delete, audited_update, record_event
from rixin.audit.models import AuditAction, AuditEvent, Outcome
from rixin.testing import division

pytestmark = pytest.mark.django_db


def test_system_actor_has_no_usable_password():
    actor = system_actor()
    assert actor.is_system_actor and actor.role == Role.SYSTEM
    assert not actor.has_usable_password()
    assert system_actor().pk == actor.pk  # one account, not one per call


def test_system_actor_cannot_log_in_even_with_a_password_set_behind_the_apps_back():
    actor = system_actor()
    actor.set_password("Some-pass-2024")
    actor.save(update_fields=["password"])
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": SYSTEM_USERNAME, "password": "Some-pass-2024"}
    )
    assert response.status_code == 200  # the form again, no redirect
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(
        action=AuditAction.LOGIN_FAILED, username=SYSTEM_USERNAME
    ).exists()
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()


def test_login_form_refuses_the_system_actor():
    with pytest.raises(ValidationError):
        LoginForm().confirm_login_allowed(system_actor())


def test_a_command_is_recorded_in_the_audit_log_as_the_system_actor():
    call_command("create_account", "sec1", role=Role.SECURITY_ADMIN, division="140725")
    created = User.objects.get(username="sec1")
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(created.pk))
    assert (event.user_id, event.username, event.role) == (
        system_actor().pk,
        SYSTEM_USERNAME,
        Role.SYSTEM,
    )


def test_create_account_does_not_offer_the_system_role():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("create_account", "x", role=Role.SYSTEM, division="140725")
    assert not User.objects.filter(username="x").exists()


def test_an_account_action_without_actor_raises_missing_actor():
    with pytest.raises(MissingActor):
        actions.create_user(
            acting_user=None, username="x", display_name="x", division=division("140725")
        )
    assert not User.objects.filter(username="x").exists()


def test_audit_helpers_without_actor_raise_missing_actor(personas):
    from rixin.accounts.models import ApiToken

    token = ApiToken(user=personas.officer, name="t", prefix="p", key_hash="h")
    with pytest.raises(MissingActor):
        audited_create(ApiToken, acting_user=None, user=personas.officer, name="t")
    with pytest.raises(MissingActor):
        audited_update(personas.officer, {"display_name": "x"}, acting_user=None)
    with pytest.raises(MissingActor):
        audited_delete(token, acting_user=None)
    with pytest.raises(MissingActor):
        record_event(AuditAction.UPDATE, acting_user=None, obj=personas.officer)
    personas.officer.refresh_from_db()
    assert personas.officer.display_name == "sy_fagai"
    assert not ApiToken.objects.exists()


def test_an_event_without_a_user_must_say_it_is_anonymous():
    event = record_event(
        AuditAction.LOGIN_FAILED,
        acting_user=None,
        anonymous=True,
        username="someone",
        outcome=Outcome.FAILURE,
    )
    assert event.user_id is None and event.username == "someone"


def test_system_actor_is_not_among_the_accounts_administrators_manage(personas, client_for):
    actor = system_actor()
    users = client_for(personas.sysadmin).get("/system/users/")
    roles = client_for(personas.secadmin).get("/security/roles/")
    assert users.status_code == roles.status_code == 200
    assert actor not in users.context["users"] and actor not in roles.context["users"]
    assert client_for(personas.sysadmin).get(f"/system/users/{actor.pk}/").status_code == 404


def test_nobody_edits_the_system_actor_or_grants_its_role(personas):
    actor = system_actor()
    with pytest.raises(PermissionDenied):
        actions.reset_password(actor, acting_user=personas.sysadmin)
    with pytest.raises(PermissionDenied):
        actions.assign_role(actor, Role.LEADER, acting_user=personas.secadmin)
    with pytest.raises(ValidationError):
        actions.assign_role(personas.leader, Role.SYSTEM, acting_user=personas.secadmin)
    personas.leader.refresh_from_db()
    assert personas.leader.role == Role.LEADER

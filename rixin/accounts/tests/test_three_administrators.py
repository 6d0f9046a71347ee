import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.accounts.actions import assign_role, create_user, update_user
from rixin.accounts.roles import Role
from rixin.testing import division

pytestmark = pytest.mark.django_db


def test_system_administrator_cannot_grant_roles(personas):
    with pytest.raises(PermissionDenied):
        create_user(
            acting_user=personas.sysadmin,
            username="x",
            display_name="x",
            division=division("140725"),
            role=Role.LEADER,
        )
    with pytest.raises(PermissionDenied):
        update_user(personas.leader, {"role": Role.SYSTEM_ADMIN}, acting_user=personas.sysadmin)


def test_system_administrator_cannot_read_audit_log(personas, client_for):
    assert client_for(personas.sysadmin).get("/audit/").status_code == 403


def test_security_administrator_grants_roles_but_not_to_itself(personas):
    user, _ = create_user(
        acting_user=personas.sysadmin, username="x", display_name="x", division=division("140725")
    )
    assign_role(user, Role.LEADER, acting_user=personas.secadmin)
    user.refresh_from_db()
    assert user.role == Role.LEADER
    with pytest.raises(PermissionDenied):
        assign_role(personas.secadmin, Role.AUDIT_ADMIN, acting_user=personas.secadmin)


def test_no_account_moves_between_the_three_administrators(personas):
    with pytest.raises(ValidationError):
        assign_role(personas.sysadmin, Role.AUDIT_ADMIN, acting_user=personas.secadmin)


def test_only_the_security_administrator_grants_roles(personas):
    for actor in (personas.sysadmin, personas.auditor, personas.county_admin):
        with pytest.raises(PermissionDenied):
            assign_role(personas.leader, Role.OFFICER, acting_user=actor)


def test_audit_administrator_reads_only_the_audit_log(personas, client_for):
    client = client_for(personas.auditor)
    assert client.get("/audit/").status_code == 200
    for url in ("/system/users/", "/security/roles/", "/enterprises/"):
        assert client.get(url).status_code == 403


def test_administrators_see_no_county_data(personas, client_for):
    for admin in (personas.sysadmin, personas.secadmin, personas.auditor):
        assert client_for(admin).get("/enterprises/").status_code == 403
        assert client_for(admin).get("/api/v1/directory/enterprises").status_code == 403


def test_role_change_is_audited(personas):
    from rixin.audit.models import AuditEvent

    user, _ = create_user(
        acting_user=personas.sysadmin, username="y", display_name="y", division=division("140725")
    )
    assign_role(user, Role.LEADER, acting_user=personas.secadmin)
    event = AuditEvent.objects.filter(
        object_type="accounts.user", object_id=str(user.pk), action="security"
    ).get()
    assert (
        event.before == {"role": Role.NONE}
        and event.after == {"role": Role.LEADER}
        and event.username == "secadmin"
    )

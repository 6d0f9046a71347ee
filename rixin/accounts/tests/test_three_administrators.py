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


# 三员 separation over the account's whole life -------------------------------------------


def test_system_administrator_cannot_reset_or_edit_the_other_administrators(personas, client_for):
    from rixin.accounts.actions import reset_password

    for admin in (personas.auditor, personas.secadmin):
        with pytest.raises(PermissionDenied):
            reset_password(admin, acting_user=personas.sysadmin)
        with pytest.raises(PermissionDenied):
            update_user(admin, {"display_name": "x"}, acting_user=personas.sysadmin)
        client = client_for(personas.sysadmin)
        assert client.post(f"/system/users/{admin.pk}/reset-password/").status_code == 404
        assert client.get(f"/system/users/{admin.pk}/").status_code == 404
    listed = client_for(personas.sysadmin).get("/system/users/").content.decode()
    assert "auditor" not in listed and "secadmin" not in listed


def test_security_administrator_resets_the_administrators_passwords_but_not_its_own(
    personas, client_for
):
    from rixin.accounts.actions import reset_password

    client = client_for(personas.secadmin)
    assert client.post(f"/security/users/{personas.auditor.pk}/reset-password/").status_code == 302
    personas.auditor.refresh_from_db()
    assert personas.auditor.must_change_password
    assert client.post(f"/security/users/{personas.secadmin.pk}/reset-password/").status_code == 404
    with pytest.raises(PermissionDenied):
        reset_password(personas.secadmin, acting_user=personas.secadmin)
    # An ordinary account stays the system administrator's.
    with pytest.raises(PermissionDenied):
        reset_password(personas.leader, acting_user=personas.secadmin)


def test_the_auditor_never_becomes_a_system_administrator_through_an_empty_role(personas):
    auditor = personas.auditor
    with pytest.raises(ValidationError):
        assign_role(auditor, Role.SYSTEM_ADMIN, acting_user=personas.secadmin)
    assign_role(auditor, "", acting_user=personas.secadmin, confirm="auditor")  # withdrawn
    auditor.refresh_from_db()
    for role in (Role.SYSTEM_ADMIN, Role.OFFICER, Role.LEADER):
        with pytest.raises(ValidationError):
            assign_role(auditor, role, acting_user=personas.secadmin)
    from rixin.accounts.actions import grant_administrator_role

    with pytest.raises(ValidationError):
        grant_administrator_role(
            auditor, Role.SYSTEM_ADMIN, acting_user=personas.secadmin, confirm=auditor.username
        )
    auditor.refresh_from_db()
    assert auditor.role == ""


def test_an_officer_never_becomes_an_auditor(personas):
    from rixin.accounts.actions import grant_administrator_role

    with pytest.raises(ValidationError):
        assign_role(personas.officer, Role.AUDIT_ADMIN, acting_user=personas.secadmin)
    with pytest.raises(ValidationError):
        grant_administrator_role(
            personas.officer,
            Role.AUDIT_ADMIN,
            acting_user=personas.secadmin,
            confirm=personas.officer.username,
        )
    # Not through an empty role either: the account once held a role.
    assign_role(personas.officer, "", acting_user=personas.secadmin)
    personas.officer.refresh_from_db()
    with pytest.raises(ValidationError):
        grant_administrator_role(
            personas.officer,
            Role.AUDIT_ADMIN,
            acting_user=personas.secadmin,
            confirm=personas.officer.username,
        )


def test_granting_an_administrator_role_is_confirmed_and_audited(personas, client_for):
    from rixin.audit.models import AuditEvent

    user, _ = create_user(
        acting_user=personas.sysadmin,
        username="new_auditor",
        display_name="x",
        division=division("140725"),
    )
    client = client_for(personas.secadmin)
    url = f"/security/roles/{user.pk}/administrator/"
    assert client.get(url).status_code == 200
    answer = client.post(url, {"role": Role.AUDIT_ADMIN, "confirm": "wrong"})
    assert answer.status_code == 200
    user.refresh_from_db()
    assert user.role == ""
    answer = client.post(url, {"role": Role.AUDIT_ADMIN, "confirm": "new_auditor"})
    assert answer.status_code == 302
    user.refresh_from_db()
    assert (user.role, user.administrator_role) == (Role.AUDIT_ADMIN, Role.AUDIT_ADMIN)
    event = AuditEvent.objects.filter(
        object_id=str(user.pk), message="administrator role granted"
    ).get()
    assert event.username == "secadmin" and event.after["role"] == Role.AUDIT_ADMIN
    # The role page's ordinary form does not grant one.
    other, _ = create_user(
        acting_user=personas.sysadmin,
        username="other",
        display_name="x",
        division=division("140725"),
    )
    client.post(f"/security/roles/{other.pk}/", {"role": Role.SYSTEM_ADMIN})
    other.refresh_from_db()
    assert other.role == ""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.audit.actions import record_event
from rixin.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_application_cannot_update_or_delete_an_audit_record():
    event = record_event("create", acting_user=system_actor(), object_type="x", object_repr="a")
    event.message = "changed"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(message="changed")
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.all().delete()


def test_database_refuses_update_even_in_raw_sql():
    event = record_event("create", acting_user=system_actor(), object_type="x", object_repr="a")
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET message = 'changed' WHERE id = %s", [event.pk]
            )
    assert AuditEvent.objects.get(pk=event.pk).message == ""


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite refuses DELETE in the application only"
)
def test_database_refuses_delete_of_a_young_record_in_raw_sql():
    event = record_event("create", acting_user=system_actor(), object_type="x", object_repr="a")
    with pytest.raises(DatabaseError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_purge_refuses_fewer_than_180_days():
    with pytest.raises(CommandError, match="180"):
        call_command("purge_audit", days=90)


def test_purge_removes_only_records_older_than_the_limit():
    young = record_event("create", acting_user=system_actor(), object_type="x", object_repr="young")
    old = AuditEvent.objects.create(
        time=timezone.now() - timedelta(days=400), action="create", object_repr="old"
    )
    call_command("purge_audit", days=365)
    assert AuditEvent.objects.filter(pk=young.pk).exists()
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(message__startswith="purged 1").exists()


def test_denied_request_is_audited(personas, client_for):
    client_for(personas.leader).get("/enterprises/new/")
    event = AuditEvent.objects.get(action="denied")
    assert event.username == "sy_leader" and event.object_repr == "/enterprises/new/"


def test_failed_login_is_audited_with_address(personas):
    from django.test import Client

    Client(REMOTE_ADDR="10.1.2.3").post(
        "/accounts/login/", {"username": "sy_leader", "password": "x"}
    )
    event = AuditEvent.objects.get(action="login_failed")
    assert event.username == "sy_leader" and event.ip == "10.1.2.3" and event.outcome == "failure"

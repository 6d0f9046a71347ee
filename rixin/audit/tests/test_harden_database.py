"""The audit log against the database itself (PostgreSQL): the application's role owns no
table and may only INSERT and SELECT the audit table; TRUNCATE is refused by a trigger too."""

import psycopg
import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from rixin.accounts.access import system_actor
from rixin.audit.actions import record_event

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="roles and TRUNCATE triggers are PostgreSQL's"
    ),
    pytest.mark.django_db(transaction=True),
]

APP_ROLE = "rixin_app_hardening_test"


@pytest.fixture
def app_connection():
    """A connection to the test database as the hardened application role."""
    call_command("harden_database", app_role=APP_ROLE, verbosity=0)
    settings = connection.settings_dict
    conn = psycopg.connect(
        dbname=settings["NAME"],
        user=APP_ROLE,
        host=settings["HOST"],
        port=settings["PORT"],
        autocommit=True,
    )
    yield conn
    conn.close()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {APP_ROLE}")
        cursor.execute(f"DROP ROLE {APP_ROLE}")


def _refused(conn, statement: str, params=()) -> bool:
    try:
        conn.execute(statement, params)
    except psycopg.Error:
        return True
    return False


def test_the_application_role_inserts_and_reads_the_audit_log_but_changes_nothing(
    app_connection,
):
    event = record_event("create", acting_user=system_actor(), object_type="x", object_repr="a")
    conn = app_connection
    assert conn.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] >= 1
    conn.execute(
        "INSERT INTO audit_auditevent (time, username, role, request_id, channel, action,"
        " object_type, object_id, object_repr, county, outcome, message)"
        " VALUES (now(), 'app', '', '', 'web', 'create', 'x', '', 'b', '', 'success', '')"
    )
    for statement in (
        f"UPDATE audit_auditevent SET message = 'x' WHERE id = {event.pk}",
        f"DELETE FROM audit_auditevent WHERE id = {event.pk}",
        "TRUNCATE audit_auditevent",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
        "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
        "DROP TABLE audit_auditevent",
        "CREATE TABLE sneaky (id int)",
    ):
        assert _refused(conn, statement), statement
    # The application's ordinary writes still work.
    conn.execute(
        "UPDATE accounts_user SET display_name = display_name WHERE id = %s", [event.user_id]
    )
    owned = conn.execute(
        "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner"
        " WHERE r.rolname = current_user"
    ).fetchone()[0]
    assert owned == 0


def test_truncate_is_refused_by_a_trigger_for_an_owner_that_is_no_superuser():
    record_event("create", acting_user=system_actor(), object_type="x", object_repr="a")
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE rixin_truncate_test NOSUPERUSER")
        cursor.execute("GRANT TRUNCATE, SELECT ON audit_auditevent TO rixin_truncate_test")
    try:
        with pytest.raises(DatabaseError, match="TRUNCATE refused"), transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL ROLE rixin_truncate_test")
                cursor.execute("TRUNCATE audit_auditevent")
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP OWNED BY rixin_truncate_test")
            cursor.execute("DROP ROLE rixin_truncate_test")


def test_harden_database_prints_its_sql(capsys):
    call_command("harden_database", app_role="rixin_app", print_only=True)
    out = capsys.readouterr().out
    assert 'GRANT SELECT, INSERT ON "audit_auditevent" TO "rixin_app"' in out
    assert 'REVOKE UPDATE, DELETE, TRUNCATE ON "audit_auditevent"' in out

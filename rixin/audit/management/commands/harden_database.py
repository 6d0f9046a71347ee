"""Set up (or print) a PostgreSQL deployment in which the application cannot rewrite its
own audit log.

The database has two roles:

- the **owner** (the role this command and ``migrate`` connect as): owns every table, runs
  the migrations, and runs ``purge_audit`` (deleting records past the retention time);
- the **application role** (``--app-role``, what the web server's ``DATABASE_URL`` names):
  owns no table and may not create one, so it can neither ALTER a table nor DISABLE a
  trigger; it gets SELECT, INSERT, UPDATE and DELETE on the tables, but on the audit table
  only INSERT and SELECT (no UPDATE, DELETE or TRUNCATE). Tables that later migrations
  create get the same grants (default privileges of the owner).

The triggers refuse UPDATE, DELETE of a young record and TRUNCATE on the audit table even
for an owner that is no superuser. Run it after each ``migrate`` (it is idempotent):

    DATABASE_URL=postgres://rixin_owner@db/rixin manage.py migrate
    DATABASE_URL=postgres://rixin_owner@db/rixin manage.py harden_database --app-role rixin_app
    # the web server: DATABASE_URL=postgres://rixin_app:…@db/rixin
"""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from rixin.audit.models import AuditEvent


def statements(app_role: str, owner: str, *, password: str | None = None) -> list[str]:
    from psycopg import sql

    role = sql.Identifier(app_role)
    owner_id = sql.Identifier(owner)
    audit = sql.Identifier(AuditEvent._meta.db_table)
    create = sql.SQL("CREATE ROLE {} LOGIN NOINHERIT NOCREATEDB NOCREATEROLE").format(role)
    if password:
        create = sql.SQL("{} PASSWORD {}").format(create, sql.Literal(password))
    steps = [
        sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) "
            "THEN EXECUTE {create}; END IF; END $$"
        ).format(name=sql.Literal(app_role), create=sql.Literal(create.as_string(None))),
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC, {}").format(role),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(role),
        sql.SQL("REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {}").format(role),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            role
        ),
        sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON {} FROM {}").format(audit, role),
        sql.SQL("GRANT SELECT, INSERT ON {} TO {}").format(audit, role),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(role),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(owner_id, role),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public "
            "GRANT USAGE, SELECT ON SEQUENCES TO {}"
        ).format(owner_id, role),
    ]
    return [step.as_string(None) for step in steps]


class Command(BaseCommand):
    help = "PostgreSQL: an application role that owns no table and may only INSERT and SELECT the audit log."

    def add_arguments(self, parser):
        parser.add_argument("--app-role", required=True, help="the role the web server connects as")
        parser.add_argument(
            "--password-env",
            default="",
            help="name of an environment variable holding the new role's password",
        )
        parser.add_argument(
            "--print", dest="print_only", action="store_true", help="print the SQL, change nothing"
        )

    def handle(self, *args, app_role, password_env, print_only, **options):
        if connection.vendor != "postgresql":
            raise CommandError("harden_database is for PostgreSQL (SQLite has no roles).")
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            owner = cursor.fetchone()[0]
        if app_role == owner:
            raise CommandError("The application role must not be the owner of the tables.")
        password = os.environ.get(password_env) if password_env else None
        sql_steps = statements(app_role, owner, password=password)
        if print_only:
            self.stdout.write(";\n".join(sql_steps) + ";")
            return
        with transaction.atomic(), connection.cursor() as cursor:
            for step in sql_steps:
                cursor.execute(step)
            cursor.execute(
                "SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                "WHERE r.rolname = %s",
                [app_role],
            )
            owned = [row[0] for row in cursor.fetchall()]
        if owned:
            raise CommandError(
                f"{app_role} owns {', '.join(owned)}: give them to {owner} (ALTER … OWNER TO)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{app_role}: no tables owned; INSERT and SELECT only on {AuditEvent._meta.db_table}."
            )
        )

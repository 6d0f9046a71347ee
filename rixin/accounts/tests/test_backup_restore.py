"""Backup and restore, compared table by table: the documented backup (``manage.py backup``:
SQLite's online backup, or pg_dump on PostgreSQL) of a database holding the Shouyang demo is
restored into a fresh database, and every table holds the same number of rows with the same
checksum of its rows as the database had when the backup was taken (PostgreSQL's sequences
too). Runs on the suite's database: SQLite, or PostgreSQL when DATABASE_URL names one."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

from rixin.audit.models import AuditEvent

pytestmark = pytest.mark.django_db(transaction=True)


def _sqlite_tables(db) -> dict[str, tuple[int, str]]:
    """Every table of a SQLite database (a DB-API connection): rows and a checksum of them."""
    tables = {}
    names = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    for (name,) in names:
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{name}")').fetchall()]
        # quote() renders each value as SQL text in the database itself: no type converters.
        row_text = " || char(31) || ".join(f'quote("{c}")' for c in columns)
        rows = sorted(r[0] for r in db.execute(f'SELECT {row_text} FROM "{name}"').fetchall())
        tables[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return tables


PG_TABLES = """SELECT table_name FROM information_schema.tables
WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"""
PG_SEQUENCES = """SELECT sequencename, last_value FROM pg_sequences
WHERE schemaname = 'public' ORDER BY sequencename"""


def _postgres_tables(cursor) -> dict[str, tuple]:
    tables = {}
    cursor.execute(PG_TABLES)
    for (name,) in cursor.fetchall():
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
            f'FROM "{name}" t'
        )
        tables[name] = tuple(cursor.fetchone())
    cursor.execute(PG_SEQUENCES)
    for name, last_value in cursor.fetchall():
        tables[f"sequence {name}"] = (last_value,)
    return tables


def _live_tables() -> dict[str, tuple]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgres_tables(cursor)
        return _sqlite_tables(cursor.connection)


def _restored_tables(backup: Path, tmp_path: Path) -> dict[str, tuple]:
    """Restore ``backup`` into a fresh database and read its tables."""
    if connection.vendor == "sqlite":
        fresh = sqlite3.connect(tmp_path / "restored.sqlite3")
        with sqlite3.connect(backup) as source:
            source.backup(fresh)
        try:
            return _sqlite_tables(fresh)
        finally:
            fresh.close()
    import psycopg

    db = settings.DATABASES["default"]
    server = {
        "host": db.get("HOST") or "localhost",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or "postgres",
        "password": db.get("PASSWORD") or None,
    }
    name = f"rixin_restored_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        restore = subprocess.run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", server["host"]]
            + ["-p", str(server["port"]), "-U", server["user"], "-d", name],
            input=gzip.decompress(backup.read_bytes()),
            capture_output=True,
            env={"PGPASSWORD": server["password"] or "", "PATH": "/usr/bin:/usr/local/bin:/bin"},
            timeout=300,
        )
        assert restore.returncode == 0, restore.stderr.decode()[-2000:]
        with psycopg.connect(dbname=name, **server) as restored, restored.cursor() as cursor:
            return _postgres_tables(cursor)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def demo_database(demo_rows, settings, tmp_path):
    """The Shouyang demo (loaded once per test process, conftest.py), committed: pg_dump
    reads the database from a session of its own. The transactional test empties it after."""
    from django.core.management.color import no_style

    settings.RIXIN_BACKUP_DIR = tmp_path / "backups"
    with transaction.atomic():  # foreign keys checked at the commit, rows in any order
        for model, objs in demo_rows.items():
            model._base_manager.bulk_create(objs, batch_size=500)
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(demo_rows)):
                cursor.execute(sql)


def test_a_restored_backup_holds_every_table_as_it_was(demo_database, tmp_path, reliability):
    before = _live_tables()
    assert sum(rows for rows, *_ in before.values() if isinstance(rows, int)) > 1000
    audit_rows = AuditEvent.objects.count()

    call_command("backup", stdout=open(tmp_path / "backup.out", "w"))
    backup = Path((tmp_path / "backup.out").read_text().strip())
    restored = _restored_tables(backup, tmp_path)

    differing = sorted(
        name for name in before.keys() | restored.keys() if before.get(name) != restored.get(name)
    )
    reliability(
        f"backup and restore ({connection.vendor})",
        cases=1,
        partial_writes=len(differing),
        tables_compared=len(before),
        rows_compared=sum(v[0] for k, v in before.items() if not k.startswith("sequence ")),
    )
    assert differing == [], {n: (before.get(n), restored.get(n)) for n in differing}
    # The backup itself is recorded after it was taken: one audit record more, live only.
    assert AuditEvent.objects.count() == audit_rows + 1

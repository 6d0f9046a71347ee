"""Keeping the database's query planner informed.

SQLite, the default deployment, plans with the statistics of ``sqlite_stat1``, which only
``ANALYZE`` writes: without them the cockpit's progress query took 323 ms instead of 4 ms on
the generated province (docs/performance.md). ``optimize()`` runs after ``migrate`` (a
post_migrate handler), after the demo load and large imports, and from
``manage.py optimize_database`` on a schedule (README). PostgreSQL's autovacuum analyzes
by itself; there ``optimize(full=True)`` runs ``ANALYZE`` and ``optimize()`` nothing.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connections

# Rows ANALYZE reads per index on SQLite: approximate statistics, a second on a province.
ANALYSIS_LIMIT = 1000
# An import of at least this many rows is followed by optimize(full=True).
LARGE_IMPORT_ROWS = 1000


def optimize(using: str = DEFAULT_DB_ALIAS, *, full: bool = False) -> str:
    """Refresh the planner's statistics; returns what was run. ``full``: analyze every
    table now (after a bulk load); else SQLite analyzes only when it has no statistics yet
    and otherwise runs ``PRAGMA optimize``, which analyzes the tables whose statistics it
    finds stale."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            ran = []
            if full or not _has_statistics(cursor):
                cursor.execute("ANALYZE")
                ran.append("ANALYZE")
            cursor.execute("PRAGMA optimize")
            return "; ".join([*ran, "PRAGMA optimize"])
        if connection.vendor == "postgresql" and full:
            cursor.execute("ANALYZE")
            return "ANALYZE"
    return ""


def _has_statistics(cursor) -> bool:
    cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
    if cursor.fetchone() is None:
        return False
    cursor.execute("SELECT 1 FROM sqlite_stat1 LIMIT 1")
    return cursor.fetchone() is not None


def optimize_after_migrate(sender, using: str = DEFAULT_DB_ALIAS, plan=None, **kwargs) -> None:
    """post_migrate: refresh the statistics once the schema has changed."""
    if plan:
        optimize(using)

"""The planner's statistics are refreshed: after migrate, after the demo load and large
imports, and by ``manage.py optimize_database`` (daily)."""

from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_migrate

from rixin.db import LARGE_IMPORT_ROWS, optimize, optimize_after_migrate
from rixin.spreadsheets.imports import optimize_after_import

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite statistics")


def statistics_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return 0
        cursor.execute("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'projects_project'")
        return cursor.fetchone()[0]


@sqlite_only
def test_optimize_writes_the_statistics_of_the_library(personas):

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS sqlite_stat1")
    assert statistics_rows() == 0
    assert optimize() == "ANALYZE; PRAGMA optimize"  # no statistics yet: a full ANALYZE
    assert optimize() == "PRAGMA optimize"
    assert optimize(full=True) == "ANALYZE; PRAGMA optimize"


def test_the_command_analyzes_the_database():
    out = StringIO()
    call_command("optimize_database", stdout=out)
    expected = "ANALYZE" if connection.vendor in ("sqlite", "postgresql") else "nothing"
    assert expected in out.getvalue()


def test_migrate_is_followed_by_optimize():
    keys = [receiver[0][0] for receiver in post_migrate.receivers]
    assert "rixin.db.optimize" in keys
    assert optimize_after_migrate(None, plan=[]) is None  # nothing migrated: nothing to do


def test_a_large_import_is_followed_by_a_full_analyze(django_capture_on_commit_callbacks):
    small = SimpleNamespace(changes=[None] * (LARGE_IMPORT_ROWS - 1))
    large = SimpleNamespace(changes=[None] * LARGE_IMPORT_ROWS)
    with django_capture_on_commit_callbacks() as callbacks:
        optimize_after_import(small)
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        optimize_after_import(large)
    assert len(callbacks) == 1

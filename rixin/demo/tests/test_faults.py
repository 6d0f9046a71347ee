"""Faults: ``generate_scale`` and a monthly-report import killed with SIGKILL, then run again,
on a database file of their own (and on a PostgreSQL database of their own when DATABASE_URL
names a PostgreSQL server). After each kill the application can still insert a project
through the action, and the re-run completes."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[3]
COUNTIES, SHARE = 3, 0.5  # 150 projects a county
PROJECTS = 150

# Run in `manage.py shell`: a county administrator of the county enters a project.
INSERT = """
from decimal import Decimal
from rixin.accounts.models import User
from rixin.accounts.roles import Role
from rixin.directory.models import Department
from rixin.projects import actions
from rixin.projects.models import Project
from rixin.testing import division, make_user
code = "{county}"
user = User.objects.filter(username="fault_admin_" + code).first() or make_user(
    "fault_admin_" + code, Role.COUNTY_ADMIN, code
)
county = division(code)
project = actions.create_project(
    acting_user=user,
    county=county,
    name="故障后新增项目",
    category="industrial",
    department=Department.objects.filter(county=county).first(),
    total_investment=Decimal(100),
)
print("inserted", project.pk, Project.objects.filter(pk__gt=project.pk).count())
"""

COUNT = """
from rixin.demo.scale import PROJECT_PREFIX
from rixin.projects.models import MonthlyReport, Project
generated = Project.objects.filter(name__startswith=PROJECT_PREFIX)
print("counties", generated.values("county_id").distinct().count())
print("projects", generated.count())
print("month", MonthlyReport.objects.filter(county_id="140725", year={year}, month={month}).count())
"""

# A monthly-report file of the current month for every generated Shouyang project, imported
# by the county administrator through rixin/spreadsheets; with STALL, the importer stops
# after writing every row and before the commit (where the test kills it).
IMPORT = """
import sys, time
from django.utils import timezone
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import Project
from rixin.spreadsheets.imports import import_file
from rixin.testing import xlsx_bytes
from rixin.accounts.models import User
from rixin.accounts.roles import Role
from rixin.testing import make_user
code = "140725"
user = User.objects.filter(username="fault_admin_" + code).first() or make_user(
    "fault_admin_" + code, Role.COUNTY_ADMIN, code
)
today = timezone.localdate()
path = "{path}"
rows = [MonthlyReportImporter.header()]
for project in Project.objects.filter(county_id=code, name__startswith="示例规模项目"):
    row = dict.fromkeys(rows[0], "")
    row.update({{"项目ID": project.pk, "年度": today.year, "月份": today.month}})
    row.update({{"本月完成投资(万元)": 12, "形象进度(%)": 50, "形象进度说明": "按计划推进"}})
    rows.append(list(row.values()))
with open(path, "wb") as fh:
    fh.write(xlsx_bytes(rows))


class Stalling(MonthlyReportImporter):
    def apply(self, changes):
        super().apply(changes)
        print("applied", len(changes), flush=True)
        time.sleep(600)


importer = (Stalling if {stall} else MonthlyReportImporter)(user)
result = import_file(importer, path)
print("errors", len(result.errors), "changes", len(result.changes), flush=True)
"""


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture(scope="module")
def migrated_sqlite(tmp_path_factory) -> Path:
    """A migrated SQLite database file, copied for each test (migrating takes a while)."""
    folder = tmp_path_factory.mktemp("migrated")
    _manage(_env(folder), "migrate", "-v", "0")
    return folder / "rixin.sqlite3"


def _env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(RIXIN_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="rixin.settings")
    return env


@pytest.fixture(params=["sqlite", "postgresql"])
def environment(request, tmp_path):
    """The environment of the commands: a migrated database of their own."""
    env = _env(tmp_path)
    if request.param == "sqlite":
        shutil.copy(request.getfixturevalue("migrated_sqlite"), tmp_path / "rixin.sqlite3")
        yield env
        return
    url = _postgres_url()
    if url is None:
        pytest.skip("DATABASE_URL does not name a PostgreSQL database")
    import psycopg

    name = f"rixin_faults_{uuid.uuid4().hex[:8]}"
    # CREATE and DROP DATABASE from the server's maintenance database: the one DATABASE_URL
    # names may not exist (the suite itself runs in the test runner's test_<name>).
    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urlunsplit(urlsplit(url)._replace(path="/" + name))
    try:
        _manage(env, "migrate", "-v", "0")
        yield env
    finally:
        with psycopg.connect(maintenance, autocommit=True) as server:
            server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def _manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _shell(env, code: str) -> dict[str, list[str]]:
    """Run ``code`` in ``manage.py shell``; its output lines, by first word."""
    lines = _manage(env, "shell", "-v", "0", "-c", code).splitlines()
    return {line.split()[0]: line.split()[1:] for line in lines if line.strip()}


def _killed_after(env, args: list[str], marker: str) -> str:
    """Start ``manage.py *args``, SIGKILL it once a line of its output contains ``marker``;
    that line."""
    process = subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        for line in process.stdout:
            if marker in line:
                process.send_signal(signal.SIGKILL)
                return line
        pytest.fail(f"the command ended (rc {process.wait()}) before printing {marker!r}")
    finally:
        process.kill()
        process.wait(timeout=30)
        process.stdout.close()


def _generate(env) -> str:
    return _manage(env, "generate_scale", "--counties", str(COUNTIES), "--share", str(SHARE))


def test_generate_scale_killed_after_the_first_county_leaves_an_insertable_database(environment):
    line = _killed_after(
        environment,
        ["generate_scale", "--counties", str(COUNTIES), "--share", str(SHARE)],
        "rows committed",
    )
    assert line.startswith("140725:")
    kept = _shell(environment, COUNT.format(year=2000, month=1))
    assert 1 <= int(kept["counties"][0]) < COUNTIES  # the first county kept, the next lost
    assert int(kept["projects"][0]) == PROJECTS * int(kept["counties"][0])

    inserted = _shell(environment, INSERT.format(county="140725"))
    assert inserted["inserted"][1] == "0"  # its id is past every generated one

    assert f"{COUNTIES} counties" in _generate(environment)
    after = _shell(environment, COUNT.format(year=2000, month=1))
    assert after["counties"] == [str(COUNTIES)]
    assert after["projects"] == [str(PROJECTS * COUNTIES)]
    assert _shell(environment, INSERT.format(county="140702"))["inserted"][1] == "0"


def test_a_report_import_killed_before_its_commit_writes_nothing_and_runs_again(
    environment, tmp_path
):
    _generate(environment)
    path = tmp_path / "reports.xlsx"
    line = _killed_after(
        environment,
        ["shell", "-v", "0", "-c", IMPORT.format(path=path, stall=True)],
        "applied",
    )
    assert line.split() == ["applied", str(PROJECTS)]
    # The month of the file is the subprocess's own (Asia/Shanghai), read there.
    count = "from django.utils import timezone\n" + COUNT.format(
        year="timezone.localdate().year", month="timezone.localdate().month"
    )
    assert _shell(environment, count)["month"] == ["0"]  # all or nothing: nothing
    assert _shell(environment, INSERT.format(county="140725"))["inserted"][1] == "0"

    done = _shell(environment, IMPORT.format(path=path, stall=False))
    assert done["errors"] == ["0", "changes", str(PROJECTS)]
    assert _shell(environment, count)["month"] == [str(PROJECTS)]

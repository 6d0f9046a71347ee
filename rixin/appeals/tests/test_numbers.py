"""Appeal numbers come from a per-county, per-month sequence row taken under a lock: twenty
submissions at once get twenty distinct numbers, and none is refused."""

import json
import os
import pathlib
import subprocess
import sys

from rixin.appeals.models import Appeal, AppealNumberSequence

from .factories import moment, registered

ROOT = pathlib.Path(__file__).resolve().parents[3]

SUBMISSIONS = 20


def test_numbers_count_up_within_a_county_and_month(personas):
    first = registered(personas, at=moment("2024-07-03"))
    second = registered(personas, at=moment("2024-07-31", 23))
    august = registered(personas, at=moment("2024-08-01", 0))
    assert [first.number, second.number, august.number] == [
        "140725-202407-001",
        "140725-202407-002",
        "140725-202408-001",
    ]


def test_a_number_is_never_given_twice_even_after_a_delete(personas):
    """Counting the month's appeals gave the next one the number of a deleted one's
    successor; the sequence row only ever counts up."""
    first = registered(personas, at=moment("2024-07-03"))
    second = registered(personas, at=moment("2024-07-04"))
    Appeal.objects.filter(pk=first.pk).delete()
    third = registered(personas, at=moment("2024-07-05"))
    assert third.number not in {first.number, second.number}
    assert AppealNumberSequence.objects.get(month="2024-07-01").last == 3


def test_the_sequence_starts_after_numbers_given_before_it_existed(personas):
    registered(personas, at=moment("2024-07-03"))
    registered(personas, at=moment("2024-07-04"))
    AppealNumberSequence.objects.all().delete()  # as on a database from before the sequence
    assert registered(personas, at=moment("2024-07-05")).number == "140725-202407-003"


# Run in a child process on a file-backed SQLite database (the test database is in memory,
# where threads share one cache and lock whole tables): migrate, then twenty threads submit.
CONCURRENT = """
import json, sys, threading
import django
django.setup()
from django.conf import settings
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
from django.core.management import call_command
from django.db import connection
call_command("migrate", verbosity=0)
from rixin.appeals import actions
from rixin.appeals.models import Appeal
from rixin.appeals.tests.factories import category, moment
from rixin.testing import build_personas

personas = build_personas()
chosen = category(personas)
connection.close()
count = int(sys.argv[1])
start = threading.Barrier(count)
errors, numbers = [], []

def submit(index):
    try:
        start.wait()
        appeal = actions.submit_appeal(
            acting_user=personas.enterprise_user, category=chosen,
            title=f"诉求 {index}", content="同时提交", at=moment("2024-07-03"),
        )
        numbers.append(appeal.number)
    except Exception as exc:
        errors.append(repr(exc))
    finally:
        connection.close()

threads = [threading.Thread(target=submit, args=(i,)) for i in range(count)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join(timeout=120)
print(json.dumps({"errors": errors, "numbers": numbers, "rows": Appeal.objects.count()}))
"""


def test_twenty_simultaneous_submissions_get_twenty_distinct_numbers(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rixin.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'numbers.sqlite3'}",
        "RIXIN_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", CONCURRENT, str(SUBMISSIONS)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert len(set(result["numbers"])) == SUBMISSIONS
    assert result["rows"] == SUBMISSIONS

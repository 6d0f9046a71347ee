"""The worker killed mid-batch (SIGKILL, on a file-backed SQLite database): a second run
delivers the rest, and the gateway, which honours the idempotency key, sends nothing twice;
a notice marked sent before the kill is never posted again."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .servers import Recorder

ROOT = Path(__file__).resolve().parents[3]
COUNT = 12

SETUP = """
from django.db import transaction
from rixin.accounts.access import system_actor
from rixin.directory.choices import DepartmentKind
from rixin.notices import actions
from rixin.testing import SHOUYANG, make_department, make_user
from rixin.accounts.roles import Role
actor = system_actor()
user = make_user("sy_jiaotong", Role.OFFICER, SHOUYANG,
                 department=make_department(SHOUYANG, DepartmentKind.TRANSPORT))
actions.save_channel_settings(SHOUYANG, {"sms_enabled": True, "sms_gateway": "%(url)s/sms"},
                              acting_user=actor)
actions.save_preference(user, {"phone": "13800000000"}, acting_user=user)
for n in range(%(count)d):
    with transaction.atomic():
        actions.notify("dispatch", recipients=[user], title=f"派单 {n}", county=SHOUYANG,
                       acting_user=actor)
"""

STATE = """
import json
from rixin.notices.models import Delivery
print(json.dumps({d.idempotency_key: d.status for d in Delivery.objects.all()}))
"""


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


def _state(env) -> dict:
    return json.loads(_manage(env, "shell", "-c", STATE).stdout.strip().splitlines()[-1])


def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(tmp_path):
    env = {
        **os.environ,
        "RIXIN_VAR_DIR": str(tmp_path),
        "RIXIN_NOTICE_LEASE_SECONDS": "2",
        "DJANGO_SETTINGS_MODULE": "rixin.settings",
    }
    env.pop("DATABASE_URL", None)
    _manage(env, "migrate", "--noinput", "-v", "0")
    with Recorder(delay=0.4) as gateway:
        _manage(env, "shell", "-c", SETUP % {"url": gateway.url, "count": COUNT})
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "deliver_notices", "--batch", "50"], cwd=ROOT, env=env
        )
        deadline = time.monotonic() + 120
        while len(gateway.requests) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        after_kill = _state(env)
        sent_before = {k for k, status in after_kill.items() if status == "sent"}
        assert 0 < len(sent_before) < COUNT  # killed mid-batch
        time.sleep(2.5)  # the dead worker's lease runs out
        _manage(env, "deliver_notices")
        final = _state(env)
    assert set(final.values()) == {"sent"}
    assert sorted(gateway.accepted_keys) == sorted(final)  # every notice reached the gateway
    assert len(set(gateway.accepted_keys)) == COUNT  # and was accepted once
    assert not sent_before & set(gateway.repeats)  # a row marked sent is never sent again
    # A repeat is only the row in flight at the kill, sent again with its key.
    assert len(gateway.repeats) <= 1

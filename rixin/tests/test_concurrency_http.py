"""Concurrency over real HTTP, on PostgreSQL: gunicorn (2 workers × 8 threads) on a free
loopback port over a PostgreSQL database of its own, and clients in threads, each request a
connection of its own.

- 50 clients × 20 edits of one project through its edit form, each read (name and version,
  through the API) and then written with that version;
- 50 clients × 20 edits of one monthly report, alternately through the report form and the
  report API, each with the version it read;
- 8 simultaneous confirms of one import batch (new months of three projects);
- 20 simultaneous Open311 POSTs.

Asserted: no answer is a 500; every accepted write replaced the value its author read (0
lost updates: a stale write gets 409 or the conflict message); every accepted write has its
one audit record and no refused one has any (0 partial writes); the batch is applied once
and its other confirms are told so; the 20 appeals all get distinct numbers. The sizes
(RIXIN_CONCURRENCY_CLIENTS, RIXIN_CONCURRENCY_EDITS: 50 and 20) and the counts are shown at
the end of the run. At 50 × 20 an edit suite is 2,000 requests: about a minute on two idle
cores, three on a busy machine (RIXIN_CONCURRENCY_EDITS=5 for a quick look). Skipped unless DATABASE_URL names a PostgreSQL server (``make test``
runs the suite on one too, scripts/with-postgres.sh)."""

from __future__ import annotations

import json
import os
import threading
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

import pytest

from rixin.tests.live import HttpClient, start_live_rixin

CLIENTS = int(os.environ.get("RIXIN_CONCURRENCY_CLIENTS") or 50)
EDITS = int(os.environ.get("RIXIN_CONCURRENCY_EDITS") or 20)
CONFIRMS = 8
POSTS = 20
STALE = "其他人已修改了此记录"
MONTH = {"year": 2024, "month": 6}

# Run in the live site's setup shell, after the personas (``p``): the edited project and its
# edit form's fields, the reported project, a previewed batch, an Open311 category.
SETUP = """
from rixin.appeals.tests.factories import category
from rixin.projects.forms import ProjectForm
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.tests.factories import project, report
from rixin.spreadsheets import imports
from rixin.testing import upload, xlsx_bytes

edited = project(p.officer, name="并发编辑项目-0")
form = ProjectForm(instance=edited, user=p.officer)
fields = {}
for name in form.fields:
    value = form[name].value()
    if value is None or value is False:
        continue
    fields[name] = "on" if value is True else str(value)
reported = project(p.officer, name="并发月报项目")
report(p.officer, reported, 6, "100")
header = [c.header for c in MonthlyReportImporter(p.officer).columns]
rows = [header]
imported = [project(p.officer, name=f"并发导入项目{i}") for i in range(3)]
for item in imported:
    rows.append([item.pk, item.code, item.name, item.department.name, 2024, 7, "", "", "50",
                 "", "", "", ""])
batch = imports.preview(MonthlyReportImporter(p.officer), upload("r.xlsx", xlsx_bytes(rows)))
assert not batch.errors, batch.errors
category(p)
extra.update(edited=edited.pk, fields=fields, reported=reported.pk, batch=batch.pk,
             imported=[i.pk for i in imported])
"""

# Run afterwards: the audit records the test's requests left, and what the batch wrote.
AUDIT = """
import json
from rixin.audit.models import AuditEvent
from rixin.projects.models import MonthlyReport
events = AuditEvent.objects.filter(request_id__startswith="{prefix}")
print("AUDIT " + json.dumps([
    {{"request": e.request_id, "action": e.action, "type": e.object_type, "id": e.object_id,
      "before": e.before, "after": e.after}} for e in events.order_by("pk")
], default=str))
print("IMPORTED " + str(MonthlyReport.objects.filter(project_id__in={imported}, month=7).count()))
"""


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    url = _postgres_url()
    if url is None:
        pytest.skip("DATABASE_URL does not name a PostgreSQL database: concurrency runs on one")
    import psycopg

    name = f"rixin_concurrency_{uuid.uuid4().hex[:8]}"
    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield from start_live_rixin(
            tmp_path_factory.mktemp("concurrency"),
            database_url=urlunsplit(urlsplit(url)._replace(path="/" + name)),
            setup=SETUP,
            workers=2,
            threads=8,
        )
    finally:
        with psycopg.connect(maintenance, autocommit=True) as server:
            server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def browsers(live):
    """Logged-in browsers of the county officer, one per confirm (each keeps its cookies)."""
    out = []
    for _ in range(CONFIRMS):
        client = HttpClient(live.url)
        assert client.login(live.usernames["officer"]).status == 302
        out.append(client)
    return out


@pytest.fixture(scope="module")
def sessions(browsers):
    """The browsers' sessions as request headers, for clients that share them."""
    out = []
    for client in browsers:
        csrf, session = client.cookie("csrftoken"), client.cookie("sessionid")
        out.append({"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf})
    return out


@pytest.fixture(scope="module")
def audit(live):
    """audit(prefix) → the audit records of the requests whose id starts with ``prefix``."""

    def read(prefix: str) -> tuple[list[dict], int]:
        code = AUDIT.format(prefix=prefix, imported=live.extra["imported"])
        lines = live.manage("shell", "-v", "0", "-c", code).stdout.splitlines()
        events = json.loads(next(x for x in lines if x.startswith("AUDIT "))[6:])
        imported = int(next(x for x in lines if x.startswith("IMPORTED "))[9:])
        return events, imported

    return read


def _in_parallel(count: int, work) -> list:
    """``work(index)`` in ``count`` threads started together."""
    start = threading.Barrier(count)

    def run(index):
        start.wait()
        return work(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


class Tally:
    """The writes of one suite: accepted, stale, other answers, and what each author read."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()
        self.accepted: dict[str, object] = {}  # request id → the value its author read
        self.refused: set[str] = set()
        self.other: list[str] = []

    def add(self, request_id: str, answer, accepted: bool, stale: bool, seen) -> None:
        with self.lock:
            self.statuses[answer.status] += 1
            if accepted:
                self.accepted[request_id] = seen
            else:
                self.refused.add(request_id)
                if not stale:
                    self.other.append(f"{answer.status} {answer.body[:300]!r}")


def _check_edits(tally: Tally, events: list[dict], field: str, reliability, suite: str):
    """Every accepted write has one update record, whose ``before`` is what its author read;
    refused writes have none."""
    records: dict[str, list[dict]] = {}
    for event in events:
        records.setdefault(event["request"], []).append(event)
    lost = [
        request
        for request, seen in tally.accepted.items()
        if len(records.get(request, [])) == 1
        and str((records[request][0]["before"] or {}).get(field)) != str(seen)
    ]
    partial = [r for r in tally.accepted if len(records.get(r, [])) != 1]
    partial += [r for r in tally.refused if r in records]
    crashes = tally.statuses[500]
    reliability(
        suite,
        cases=len(tally.accepted) + len(tally.refused),
        crashes=crashes,
        lost_updates=len(lost),
        partial_writes=len(partial),
        accepted_writes=len(tally.accepted),
        stale_writes_refused=len(tally.refused) - len(tally.other),
    )
    assert crashes == 0, tally.statuses
    assert tally.other == []
    assert lost == [] and partial == []
    assert tally.accepted, "no write was accepted"


def test_project_edits_through_the_form_lose_no_update(live, sessions, audit, reliability):
    pk, fields = live.extra["edited"], live.extra["fields"]
    tally = Tally()

    def client(index):
        reader = HttpClient(live.url, token=live.tokens["officer"])
        writer = HttpClient(live.url)
        for edit in range(EDITS):
            current = reader.request("GET", f"/api/v1/projects/{pk}").json()
            request_id = f"qp-{index}-{edit}"
            answer = writer.request(
                "POST",
                f"/projects/{pk}/edit/",
                form={
                    **fields,
                    "name": f"并发编辑项目-{index}-{edit}",
                    "version": current["version"],
                },
                headers={**sessions[index % len(sessions)], "X-Request-ID": request_id},
            )
            stale = answer.status == 200 and STALE in answer.body.decode()
            tally.add(request_id, answer, answer.status == 302, stale, current["name"])

    _in_parallel(CLIENTS, client)
    events, _imported = audit("qp-")
    _check_edits(tally, events, "name", reliability, "concurrency: project edits (form)")


def test_monthly_report_edits_through_the_form_and_the_api_lose_no_update(
    live, sessions, audit, reliability
):
    pk = live.extra["reported"]
    tally = Tally()

    def client(index):
        reader = HttpClient(live.url, token=live.tokens["officer"])
        writer = HttpClient(live.url)
        api = HttpClient(live.url, token=live.tokens["officer"])
        for edit in range(EDITS):
            reports = reader.request("GET", f"/api/v1/projects/{pk}/reports").json()
            current = next(r for r in reports if (r["year"], r["month"]) == (2024, 6))
            value = f"{1000 + index * EDITS + edit}.00"
            request_id = f"qr-{index}-{edit}"
            if (index + edit) % 2:
                answer = api.request(
                    "POST",
                    f"/api/v1/projects/{pk}/reports",
                    json_body={**MONTH, "investment": value, "version": current["version"]},
                    headers={"X-Request-ID": request_id},
                )
                accepted, stale = answer.status == 201, answer.status == 409
                if stale:
                    assert STALE in answer.json()["detail"]
            else:
                answer = writer.request(
                    "POST",
                    f"/projects/{pk}/reports/2024/6/",
                    form={"investment": value, "version": current["version"]},
                    headers={**sessions[index % len(sessions)], "X-Request-ID": request_id},
                )
                accepted = answer.status == 302
                stale = answer.status == 200 and STALE in answer.body.decode()
            tally.add(request_id, answer, accepted, stale, current["investment"])

    _in_parallel(CLIENTS, client)
    events, _imported = audit("qr-")
    events = [e for e in events if e["type"] == "projects.monthlyreport"]
    _check_edits(tally, events, "investment", reliability, "concurrency: report edits (form, API)")


def test_simultaneous_confirms_apply_a_batch_once(live, browsers, audit, reliability):
    batch = live.extra["batch"]
    url = f"/imports/batch/{batch}/confirm/"

    def confirm(index):
        client = browsers[index]  # its own cookies: the message comes back in one
        headers = {"X-CSRFToken": client.cookie("csrftoken"), "X-Request-ID": f"qc-{index}"}
        answer = client.request("POST", url, form={}, headers=headers)
        page = client.request("GET", f"/imports/batch/{batch}/")
        return answer.status, page.body.decode()

    answers = _in_parallel(CONFIRMS, confirm)
    events, imported = audit("qc-")
    applied = {e["request"] for e in events if e["type"] == "projects.monthlyreport"}
    done = sum("导入完成" in body for _status, body in answers)
    told = sum("该批次已导入" in body for _status, body in answers)
    crashes = sum(status >= 500 for status, _body in answers)
    reliability(
        "concurrency: simultaneous confirms",
        cases=CONFIRMS,
        crashes=crashes,
        partial_writes=abs(imported - 3) + max(len(applied) - 1, 0),
        batch_applications=len(applied),
    )
    assert crashes == 0 and [s for s, _b in answers] == [302] * CONFIRMS
    assert len(applied) == 1 and imported == 3
    assert done == 1 and told == CONFIRMS - 1


def test_simultaneous_open311_posts_all_get_a_number(live, audit, reliability):
    def post(index):
        return HttpClient(live.url).request(
            "POST",
            "/open311/v2/requests.json",
            form={
                "api_key": live.tokens["enterprise_user"],
                "service_code": "yaosu",
                "address_string": "寿阳县朝阳工业园",
                "description": f"同时提交的诉求 {index}",
            },
            headers={"X-Request-ID": f"qo-{index}"},
        )

    answers = _in_parallel(POSTS, post)
    numbers = [a.json()[0]["service_request_id"] for a in answers if a.status == 201]
    events, _imported = audit("qo-")
    created = {
        e["request"] for e in events if e["action"] == "create" and e["type"] == "appeals.appeal"
    }
    crashes = sum(a.status >= 500 for a in answers)
    reliability(
        "concurrency: Open311 posts",
        cases=POSTS,
        crashes=crashes,
        partial_writes=abs(len(created) - len(numbers)),
        appeals_created=len(numbers),
    )
    assert [a.status for a in answers] == [201] * POSTS, [a.body[:200] for a in answers]
    assert len(set(numbers)) == POSTS
    assert len(created) == POSTS

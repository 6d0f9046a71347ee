"""Server time, SQL time and query count of each benchmarked page, beside its floor.

    .venv/bin/python benchmarks/bench_pages.py --label full --out results/pages-sqlite-full.json

Runs against the configured database (DATABASE_URL, else the SQLite file under RIXIN_VAR_DIR)
after ``manage.py generate_scale``. Each page is requested in-process through Django's test
client (the whole server side: middleware, session, views, queries, templates; no network),
as a county leader of 寿阳县 or a Jinzhong city viewer; each request is followed by its floor
(benchmarks/floors.py), so page and floor see the same machine load. Times in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rixin.settings")

COUNTY, CITY = "140725", "140700"
YEAR, MONTH = 2025, 12
YEAR_SPAN = (datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31))  # ?period=2025


@dataclass
class Page:
    key: str
    title: str
    user: str  # "leader" (寿阳县) or "city" (晋中市)
    url: Callable[[dict], str]
    floor: Callable[[dict], object] | None


def _pages() -> list[Page]:
    import floors

    return [
        Page(
            "county_cockpit",
            "县驾驶舱 county cockpit",
            "leader",
            lambda c: f"/cockpit/?period={YEAR}",
            lambda c: floors.county_cockpit(COUNTY, CITY, *YEAR_SPAN),
        ),
        Page(
            "city_view",
            "市级视图 city view",
            "city",
            lambda c: f"/cockpit/city/{CITY}/?period={YEAR}",
            lambda c: floors.city_view(CITY, *YEAR_SPAN),
        ),
        Page(
            "project_library",
            "项目库(筛选,50行)project library",
            "leader",
            lambda c: f"/projects/?category=industrial&year={YEAR}&month={MONTH}",
            lambda c: floors.project_library(COUNTY, "industrial", YEAR, MONTH),
        ),
        Page(
            "project_page",
            "项目页 project page",
            "leader",
            lambda c: f"/projects/{c['project']}/?year={YEAR}&month={MONTH}",
            lambda c: floors.project_page(COUNTY, c["project"], YEAR, MONTH),
        ),
        Page(
            "investment_kpis",
            "招商指标页 investment KPIs",
            "leader",
            lambda c: f"/investment/?year={YEAR}&period=year",
            lambda c: floors.investment_kpis(COUNTY, YEAR),
        ),
        Page(
            "department_scorecard",
            "部门考评 department scorecard",
            "leader",
            lambda c: f"/appeals/scorecards/?start={YEAR}-01-01&end={YEAR}-12-31",
            lambda c: floors.department_scorecard(
                COUNTY, datetime.date(YEAR, 1, 1), datetime.date(YEAR, 12, 31)
            ),
        ),
    ]


def available(page: Page, ctx: dict) -> bool:
    """The page's URL exists (the cockpit was being built when this was written)."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(page.url(ctx).split("?")[0]).url_name is not None
    except Resolver404:
        return False


def bench_user(kind: str):
    """The leader of 寿阳县 or a viewer of 晋中市, made once through the accounts action."""
    from rixin.accounts.access import system_actor
    from rixin.accounts.actions import create_user
    from rixin.accounts.models import User
    from rixin.accounts.roles import Role
    from rixin.regions.models import Division

    username, role, scope = {
        "leader": ("bench_leader", Role.LEADER, COUNTY),
        "city": ("bench_city", Role.CITY_VIEWER, CITY),
    }[kind]
    user = User.objects.filter(username=username).first()
    if user is None:
        user, _password = create_user(
            acting_user=system_actor(),
            username=username,
            display_name=username,
            division=Division.objects.get(code=scope),
            role=role,
            must_change_password=False,
        )
    return user


def client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def context() -> dict:
    from rixin.demo.scale import PROJECT_PREFIX
    from rixin.projects.models import Project

    project = Project.objects.filter(county_id=COUNTY, name__startswith=PROJECT_PREFIX)
    return {"project": project.order_by("pk").values_list("pk", flat=True).first()}


def summary(values: list[float]) -> dict:
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else [ordered[0]] * 3
    p95 = statistics.quantiles(ordered, n=20)[-1] if len(ordered) > 1 else ordered[0]
    return {
        "median": statistics.median(ordered),
        "p25": quartiles[0],
        "p75": quartiles[2],
        "p95": p95,
        "min": ordered[0],
        "max": ordered[-1],
        "n": len(ordered),
    }


class SqlTimer:
    """Sums the time spent in the database driver (connection.execute_wrapper)."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start


def measure(page: Page, ctx: dict, clients: dict, repeat: int, warmup: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client, url = clients[page.user], page.url(ctx)

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
        return response

    for _ in range(warmup):
        get()
        if page.floor:
            page.floor(ctx)
    reset_queries()  # a request clears the log when it starts: count from empty
    with CaptureQueriesContext(connection) as queries:
        get()
    count = len(queries)  # now: the list is read from the log, which the next request clears
    page_ms, sql_ms, floor_ms = [], [], []
    for _ in range(repeat):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            get()
            page_ms.append((time.perf_counter() - start) * 1000)
        sql_ms.append(timer.seconds * 1000)
        if page.floor:
            start = time.perf_counter()
            page.floor(ctx)
            floor_ms.append((time.perf_counter() - start) * 1000)
    return {
        "title": page.title,
        "url": url,
        "queries": count,
        "page_ms": summary(page_ms),
        "sql_ms": summary(sql_ms),
        "floor_ms": summary(floor_ms) if floor_ms else None,
    }


def row_counts() -> dict:
    from rixin.appeals.models import Appeal, Transition
    from rixin.investment.models import Lead
    from rixin.projects.models import MonthlyReport, Project
    from rixin.regions.models import Division

    return {
        "counties": Division.objects.counties().filter(rixin_generated()).count(),
        "projects": Project.objects.count(),
        "monthly_reports": MonthlyReport.objects.count(),
        "leads": Lead.objects.count(),
        "appeals": Appeal.objects.count(),
        "transitions": Transition.objects.count(),
    }


def rixin_generated():
    from django.db.models import Exists, OuterRef

    from rixin.demo.scale import PROJECT_PREFIX
    from rixin.projects.models import Project

    return Exists(
        Project.objects.filter(county_id=OuterRef("code"), name__startswith=PROJECT_PREFIX)
    )


def arguments(description: str) -> argparse.Namespace:
    """The options of a page bench (--label, --out, --repeat, --warmup), then Django set up
    for in-process requests."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--label", required=True, help="e.g. small or full")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument(
        "--only", action="append", default=[], help="time only this page (its key); repeatable"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    return args


def write(args: argparse.Namespace, result: dict) -> None:
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    from django.db import connection

    ctx = context()
    clients = {kind: client_for(bench_user(kind)) for kind in ("leader", "city")}
    result = {
        "label": args.label,
        "vendor": connection.vendor,
        "rows": row_counts(),
        "repeat": args.repeat,
        "pages": {},
    }
    for page in _pages():
        if args.only and page.key not in args.only:
            continue
        if not available(page, ctx):
            result["pages"][page.key] = {"title": page.title, "missing": True}
            continue
        figures = measure(page, ctx, clients, args.repeat, args.warmup)
        result["pages"][page.key] = figures
        floor = figures["floor_ms"]["median"] if figures["floor_ms"] else float("nan")
        print(
            f"{connection.vendor:10} {args.label:5} {page.key:22} "
            f"page {figures['page_ms']['median']:7.1f} ms  sql {figures['sql_ms']['median']:6.1f} ms  "
            f"floor {floor:6.1f} ms  queries {figures['queries']}"
        )
    write(args, result)


if __name__ == "__main__":
    main()

"""The county cockpit from the figure cache (a hit) and computed afresh (a miss), beside its
floor: server time and query count.

    .venv/bin/python benchmarks/bench_cache.py --label full --out results/cache-sqlite-full.json

Runs against the configured database and cache (RIXIN_CACHE_URL, else the database cache)
after ``manage.py generate_scale``, like benchmarks/bench_pages.py and with its leader of
寿阳县. A miss is made by raising the county's data version before the request, as a write
would; a hit is the same request again. Each request is followed by the cockpit's floor
(benchmarks/floors.py). Times in milliseconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages  # noqa: E402  (sets the path and the settings module)

URL = f"/cockpit/?period={bench_pages.YEAR}"


def leader():
    """bench_pages' leader of 寿阳县, made once through the accounts action."""
    from rixin.accounts.access import system_actor
    from rixin.accounts.actions import create_user
    from rixin.accounts.models import User
    from rixin.accounts.roles import Role
    from rixin.regions.models import Division

    user = User.objects.filter(username="bench_leader").first()
    if user is None:
        user, _password = create_user(
            acting_user=system_actor(),
            username="bench_leader",
            display_name="bench_leader",
            division=Division.objects.get(code=bench_pages.COUNTY),
            role=Role.LEADER,
            must_change_password=False,
        )
    return user


def timed_get(client) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(URL)
        elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{URL}: HTTP {response.status_code}")
    return elapsed, len(queries)


def floor_ms() -> float:
    import floors

    start = time.perf_counter()
    floors.county_cockpit(bench_pages.COUNTY, bench_pages.CITY, *bench_pages.YEAR_SPAN)
    return (time.perf_counter() - start) * 1000


def measure(client, repeat: int, warmup: int) -> dict:
    from rixin.figurecache import raise_versions

    def miss() -> tuple[float, int]:
        raise_versions({bench_pages.COUNTY})  # as a committed write would
        return timed_get(client)

    for _ in range(warmup):
        miss()
        timed_get(client)
        floor_ms()
    runs: dict[str, list[float]] = {"miss": [], "hit": [], "floor": []}
    queries = {}
    for _ in range(repeat):
        for kind, request in (("miss", miss), ("hit", lambda: timed_get(client))):
            elapsed, queries[kind] = request()
            runs[kind].append(elapsed)
        runs["floor"].append(floor_ms())
    return {
        "url": URL,
        "queries": queries,
        **{f"{kind}_ms": bench_pages.summary(values) for kind, values in runs.items()},
    }


def main() -> None:
    args = bench_pages.arguments(__doc__.splitlines()[0])
    from django.conf import settings
    from django.db import connection

    from rixin.figurecache import EVERYWHERE, raise_versions

    # On, whatever the run's environment says (the pages' bench times the cockpit uncached).
    settings.RIXIN_FIGURE_CACHE_SECONDS = 600
    # The scale generator writes without actions: nothing cached before it may be read.
    raise_versions({EVERYWHERE})
    client = bench_pages.client_for(leader())
    figures = measure(client, args.repeat, args.warmup)
    result = {
        "label": args.label,
        "vendor": connection.vendor,
        "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        "repeat": args.repeat,
        "county_cockpit": figures,
    }
    print(
        f"{connection.vendor:10} {args.label:5} cockpit cache ({result['cache']}) "
        f"miss {figures['miss_ms']['median']:7.1f} ms  hit {figures['hit_ms']['median']:6.1f} ms  "
        f"floor {figures['floor_ms']['median']:6.1f} ms  "
        f"queries {figures['queries']['miss']}/{figures['queries']['hit']}"
    )
    bench_pages.write(args, result)


if __name__ == "__main__":
    main()

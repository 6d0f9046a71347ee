"""Report generation per county on the demo data: the half-year report (期中答卷) of H1 2024
as PDF and as Word, for every county of 晋中市, timed a few times each into a fresh SQLite test
database. Prints the median and the spread (min–max) per county and format.

    .venv/bin/python benchmarks/bench_reports.py [repeats] [period]

Target (issue 7): at most 5 s per county and format on the 2-core machine.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rixin.settings")
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 3
PERIOD = sys.argv[2] if len(sys.argv) > 2 else "2024H1"
CITY = "140700"
TARGET_SECONDS = 5.0


def main() -> None:
    import django
    from django.test.utils import get_runner, setup_test_environment

    django.setup()
    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run()
    finally:
        runner.teardown_databases(old)


def _time(county_code: str, fmt: str) -> float:
    from rixin.reports.content import build_report
    from rixin.reports.render import render

    start = time.perf_counter()
    render(build_report(county_code, PERIOD), fmt)
    return time.perf_counter() - start


def run() -> None:
    from django.core.management import call_command

    from rixin.regions.models import Division

    start = time.perf_counter()
    call_command("load_demo", verbosity=0)
    print(f"demo data loaded in {time.perf_counter() - start:.1f} s; {REPEATS} runs each, {PERIOD}")
    _time("140725", "pdf")  # warm-up: fonts, templates, WeasyPrint's first layout
    slowest = 0.0
    print(f"{'county':<8}{'format':<7}{'median s':>10}{'min–max s':>16}")
    for county in Division.objects.filter(parent_id=CITY, level="county").order_by("code"):
        for fmt in ("pdf", "docx"):
            runs = [_time(county.code, fmt) for _ in range(REPEATS)]
            slowest = max(slowest, max(runs))
            print(
                f"{county.name:<6}{fmt:<7}{statistics.median(runs):>10.2f}"
                f"{min(runs):>9.2f}–{max(runs):.2f}"
            )
    verdict = "within" if slowest <= TARGET_SECONDS else "OVER"
    print(f"slowest single run {slowest:.2f} s: {verdict} the {TARGET_SECONDS:.0f} s target")


if __name__ == "__main__":
    main()

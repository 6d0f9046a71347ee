"""Import of a 10,000-row monthly report file: openpyxl's read-only parse alone, then the
full import (parse, plan and apply) into a fresh SQLite test database. Prints both times.

    .venv/bin/python benchmarks/bench_import.py [rows]

Targets (issue 3): full import ≤ 3 s on the 2-core machine and ≤ 2 × openpyxl alone.
"""

from __future__ import annotations

import os
import sys
import time
from decimal import Decimal
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rixin.settings")
ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
MONTHS = 10  # January to October 2024: ROWS / MONTHS projects


def main() -> None:
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    from django.db import connection
    from django.test.utils import get_runner

    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run()
    finally:
        runner.teardown_databases(old)
        _ = connection


def _workbook(projects) -> bytes:
    from openpyxl import Workbook

    from rixin.projects.importers import MonthlyReportImporter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(MonthlyReportImporter.header())
    for month in range(1, MONTHS + 1):
        for p in projects:
            sheet.append(
                [
                    p.pk,
                    p.code,
                    p.name,
                    "寿阳县交通运输局",
                    2024,
                    month,
                    Decimal("12.5"),
                    10 * (month % 10),
                    "按计划推进",
                    None,
                    None,
                ]
            )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _projects(personas, count: int):
    from rixin.projects.choices import ProjectCategory
    from rixin.projects.models import Project

    county = personas.transport.division
    rows = [
        Project(
            county=county,
            name=f"基准项目{n:05d}",
            category=ProjectCategory.INDUSTRIAL,
            department=personas.transport.department,
            total_investment=Decimal("10000"),
        )
        for n in range(count)
    ]
    Project.objects.bulk_create(rows)  # set-up only: the benchmark times the import
    return list(Project.objects.filter(county=county).order_by("pk"))


def run() -> None:
    from openpyxl import load_workbook

    from rixin.projects.importers import MonthlyReportImporter
    from rixin.projects.models import MonthlyReport
    from rixin.testing import build_personas

    personas = build_personas()
    content = _workbook(_projects(personas, ROWS // MONTHS))

    start = time.perf_counter()
    workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True)) - 1
    workbook.close()
    openpyxl_seconds = time.perf_counter() - start

    start = time.perf_counter()
    importer = MonthlyReportImporter(personas.transport)
    result = importer.parse(content)
    assert not result.errors, result.errors[:3]
    parsed = time.perf_counter()
    from django.db import transaction

    with transaction.atomic():
        importer.apply(result.changes)
    import_seconds = time.perf_counter() - start
    print(
        f"  of which parse + plan {parsed - start:.2f} s, apply {time.perf_counter() - parsed:.2f} s"
    )

    assert MonthlyReport.objects.count() == count == ROWS
    print(f"rows: {count}")
    print(f"openpyxl read-only parse alone: {openpyxl_seconds:.2f} s")
    print(
        f"full import (parse + plan + apply): {import_seconds:.2f} s "
        f"({import_seconds / openpyxl_seconds:.2f} × openpyxl)"
    )


if __name__ == "__main__":
    main()

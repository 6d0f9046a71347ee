"""Import of a 10,000-row monthly report file: openpyxl's read-only parse alone, then the
whole import as a user makes it (preview, then confirm) into a fresh SQLite test database.
Prints both times, the confirm alone, and each one's split (reading, plan, write).

    .venv/bin/python benchmarks/bench_import.py [rows]
    .venv/bin/python benchmarks/bench_import.py leads [rows]    # a file of new leads

Goals (issue 15): the whole import ≤ 1.0 × openpyxl's read-only parse of the same file;
100,000 leads ≤ 60 s (the per-file row limit is raised for that run).
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from decimal import Decimal
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rixin.settings")
LEADS = len(sys.argv) > 1 and sys.argv[1] == "leads"
_ARGS = sys.argv[2:] if LEADS else sys.argv[1:]
ROWS = int(_ARGS[0]) if _ARGS else (100_000 if LEADS else 10_000)
MONTHS = 10  # January to October 2024: ROWS / MONTHS projects


def main() -> None:
    import django
    from django.test.utils import setup_test_environment

    django.setup()
    setup_test_environment()
    if LEADS:  # one file of ROWS leads: the per-file limits raised for this run only
        settings = django.conf.settings
        settings.RIXIN_IMPORT_MAX_ROWS = max(settings.RIXIN_IMPORT_MAX_ROWS, ROWS)
        settings.RIXIN_MAX_UPLOAD_BYTES = 200 * 1024 * 1024
        settings.RIXIN_IMPORT_MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
    from django.test.utils import get_runner

    runner = get_runner(django.conf.settings)(verbosity=0, interactive=False)
    old = runner.setup_databases()
    try:
        run_leads() if LEADS else run()
    finally:
        runner.teardown_databases(old)


def _xlsx(header: list, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _workbook(projects) -> bytes:
    from rixin.projects.importers import MonthlyReportImporter

    return _xlsx(
        MonthlyReportImporter.header(),
        (
            [p.pk, p.code, p.name, "寿阳县交通运输局", 2024, month, None, None]
            + [Decimal("12.5"), 10 * (month % 10), "按计划推进", None, None]
            for month in range(1, MONTHS + 1)
            for p in projects
        ),
    )


def _projects(personas, count: int):
    from rixin.projects.choices import ProjectCategory
    from rixin.projects.models import Project

    county = personas.transport.division
    entered = datetime.datetime(2023, 12, 1, tzinfo=datetime.UTC)  # before the file's months
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
    Project.objects.filter(county=county).update(created=entered)  # created is auto_now_add
    return list(Project.objects.filter(county=county).order_by("pk"))


def _openpyxl_seconds(content: bytes) -> tuple[float, int]:
    from openpyxl import load_workbook

    start = time.perf_counter()
    workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True)) - 1
    workbook.close()
    return time.perf_counter() - start, count


class _Split:
    """Seconds spent in the importer's plan() and apply(), by phase (preview, confirm)."""

    def __init__(self, importer):
        self.seconds: dict[str, float] = {}
        self.phase = "preview"
        for name in ("plan", "apply"):
            setattr(importer, name, self._timed(name, getattr(importer, name)))

    def _timed(self, name, method):
        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                key = f"{self.phase} {name}"
                self.seconds[key] = self.seconds.get(key, 0.0) + time.perf_counter() - start

        return timed


def _whole_import(importer, content: bytes, name: str) -> tuple[float, float, dict]:
    """Preview, then confirm, as the pages do: (preview seconds, confirm seconds, split)."""
    from rixin.spreadsheets.imports import commit, preview
    from rixin.spreadsheets.models import ImportBatch
    from rixin.testing import upload

    split = _Split(importer)
    start = time.perf_counter()
    batch = preview(importer, upload(name, content))
    assert not batch.errors, batch.errors[:3]
    previewed = time.perf_counter()
    split.phase = "confirm"
    batch = ImportBatch.objects.get(pk=batch.pk)  # as the confirm view loads it
    result = commit(batch, importer)
    assert not result.errors, result.errors[:3]
    return previewed - start, time.perf_counter() - previewed, split.seconds


def _print(
    count: int, openpyxl_seconds: float, preview_seconds: float, confirm: float, split: dict
) -> None:
    whole = preview_seconds + confirm
    plan = split.get("preview plan", 0.0)
    replan = split.get("confirm plan", 0.0)
    write = split.get("confirm apply", 0.0)
    print(f"rows: {count}")
    print(f"openpyxl read-only parse alone: {openpyxl_seconds:.2f} s")
    print(f"preview (parse + plan): {preview_seconds:.2f} s")
    print(f"  read and parse rows: {preview_seconds - plan:.2f} s; plan: {plan:.2f} s")
    print(f"confirm (plan again + apply): {confirm:.2f} s")
    print(
        f"  plan again: {replan:.2f} s; write (apply): {write:.2f} s; "
        f"rest (rows unpacked or the file read again, stale check, batch, audit): "
        f"{confirm - replan - write:.2f} s"
    )
    print(
        f"whole import (preview + confirm): {whole:.2f} s "
        f"({whole / openpyxl_seconds:.2f} × openpyxl)"
    )


def run() -> None:
    from rixin.projects.importers import MonthlyReportImporter
    from rixin.projects.models import MonthlyReport
    from rixin.testing import build_personas

    personas = build_personas()
    content = _workbook(_projects(personas, ROWS // MONTHS))
    openpyxl_seconds, count = _openpyxl_seconds(content)
    importer = MonthlyReportImporter(personas.transport)
    preview_seconds, confirm, split = _whole_import(importer, content, "reports.xlsx")
    assert MonthlyReport.objects.count() == count == ROWS
    _print(count, openpyxl_seconds, preview_seconds, confirm, split)


def run_leads() -> None:
    from rixin.investment.importers import LeadImporter
    from rixin.investment.models import Lead
    from rixin.testing import build_personas

    personas = build_personas()
    content = _xlsx(
        LeadImporter.header()[:13],
        (
            ["主动上门", f"基准企业{n:06d}有限公司", "", "太原市", "山西省", f"意向项目{n}"]
            + ["新材料", Decimal("5000"), Decimal("50"), None, Decimal("120"), "寿阳经开区", None]
            for n in range(ROWS)
        ),
    )
    openpyxl_seconds, count = _openpyxl_seconds(content)
    importer = LeadImporter(personas.zhaoshang)
    preview_seconds, confirm, split = _whole_import(importer, content, "leads.xlsx")
    assert Lead.objects.count() == count == ROWS
    print("leads:")
    _print(count, openpyxl_seconds, preview_seconds, confirm, split)


if __name__ == "__main__":
    main()

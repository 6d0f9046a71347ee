"""A file of monthly reports is read, checked and written in a number of queries that does
not grow with its rows: the same for 10 rows as for 200, creates, corrections and problems
alike."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rixin.audit.models import AuditEvent
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport, Problem
from rixin.spreadsheets.imports import commit, preview
from rixin.testing import upload, xlsx_bytes

from .factories import project

pytestmark = pytest.mark.django_db
HEADER = MonthlyReportImporter.header()
MONTHS = 10


def _file(projects, investment, problem="", department=""):
    rows = [
        [p.pk, p.code, p.name, p.department.name, 2024, month, None, None]
        + [investment, "40", "路基完成", problem, department]
        for p in projects
        for month in range(1, MONTHS + 1)
    ]
    return xlsx_bytes([HEADER, *rows])


def _queries(user, content) -> int:
    """The queries of the whole import, preview and confirm, as the pages run it."""
    importer = MonthlyReportImporter(user)
    with CaptureQueriesContext(connection) as queries:
        batch = preview(importer, upload("reports.xlsx", content))
        assert not batch.errors, batch.errors[:3]
        result = commit(batch, importer)
        assert not result.errors, result.errors[:3]
    return len(queries)


def _three_imports(personas, count: int) -> list[int]:
    """New reports with a problem each, then the same figures with a new problem, then
    corrections: the queries of each import."""
    projects = [
        project(personas.transport, name=f"项目{count}-{n}", total_investment=Decimal("90000"))
        for n in range(count // MONTHS)
    ]
    events = AuditEvent.objects.filter(object_type="projects.monthlyreport").count()
    office = personas.officer.department.name
    counts = [
        _queries(personas.transport, _file(projects, "10", "临时用地审批慢", office)),
        _queries(personas.transport, _file(projects, "10", "资金未到位", office)),
        _queries(personas.transport, _file(projects, "12")),
    ]
    reports = MonthlyReport.objects.filter(project__in=projects)
    assert set(reports.values_list("revision", flat=True)) == {1}
    assert reports.count() == count
    assert Problem.objects.filter(project__in=projects).count() == 2 * count
    written = AuditEvent.objects.filter(object_type="projects.monthlyreport").count() - events
    assert written == 2 * count  # one record per report created, one per correction
    return counts


def test_an_import_of_200_rows_runs_the_queries_of_one_of_10(personas):
    small = _three_imports(personas, 10)
    large = _three_imports(personas, 200)
    assert large == small

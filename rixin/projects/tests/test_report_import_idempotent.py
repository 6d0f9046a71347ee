"""The same file twice changes nothing: no correction, no revision, no duplicate problem."""

from decimal import Decimal

import pytest

from rixin.audit.models import AuditEvent
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport, Problem
from rixin.testing import xlsx_bytes

from .factories import project

pytestmark = pytest.mark.django_db
HEADER = MonthlyReportImporter.header()


def _file(item, investment, problem="", department=""):
    row = [item.pk, item.code, item.name, item.department.name, 2024, 6, None, None]
    return xlsx_bytes([HEADER, row + [investment, "40", "路基完成", problem, department]])


def _import(user, content):
    importer = MonthlyReportImporter(user)
    result = importer.parse(content)
    assert result.errors == []
    importer.apply(result.changes)
    return result


def test_the_same_file_with_a_problem_twice_changes_nothing(personas):
    item = project(personas.transport, total_investment=Decimal("90000"))
    content = _file(item, "7300.00", "临时用地审批慢", personas.officer.department.name)
    assert _import(personas.transport, content).counts == {"create": 1}
    events = AuditEvent.objects.count()
    again = _import(personas.transport, content)
    assert again.counts == {"unchanged": 1}
    report = MonthlyReport.objects.get(project=item)
    assert (report.revision, report.investment) == (0, Decimal("7300.00"))
    assert Problem.objects.filter(project=item).count() == 1
    assert AuditEvent.objects.count() == events


def test_a_new_problem_on_unchanged_figures_is_raised_without_a_correction(personas):
    item = project(personas.transport)
    _import(personas.transport, _file(item, "10"))
    result = _import(
        personas.transport, _file(item, "10", "资金未到位", personas.officer.department.name)
    )
    assert result.counts == {"update": 1}
    assert MonthlyReport.objects.get(project=item).revision == 0
    assert Problem.objects.get(project=item).report == MonthlyReport.objects.get(project=item)


def test_a_problem_needs_its_department(personas):
    item = project(personas.transport)
    result = MonthlyReportImporter(personas.transport).parse(_file(item, "10", "资金未到位"))
    assert [(e.column, e.message) for e in result.errors] == [
        ("问题办理部门", "填写了问题与诉求,请选择办理部门")
    ]

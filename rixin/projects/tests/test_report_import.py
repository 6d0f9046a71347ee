from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from rixin.audit.models import AuditEvent
from rixin.projects.choices import ProjectStatus
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport, Problem
from rixin.spreadsheets.imports import FileRejected
from rixin.testing import xlsx_bytes

from .factories import project

pytestmark = pytest.mark.django_db
HEADER = MonthlyReportImporter.header()


def _row(item, investment, month=6, **extra):
    values = {"progress": None, "text": "", "problem": "", "dept": "", "year": 2024} | extra
    return [
        item.pk,
        item.code,
        item.name,
        item.department.name,
        values["year"],
        month,
        None,
        None,
        investment,
        values["progress"],
        values["text"],
        values["problem"],
        values["dept"],
    ]


def _parse(user, rows):
    return MonthlyReportImporter(user).parse(xlsx_bytes([HEADER, *rows]))


def _import(user, rows):
    importer = MonthlyReportImporter(user)
    result = importer.parse(xlsx_bytes([HEADER, *rows]))
    assert result.errors == []
    importer.apply(result.changes)
    return result


def test_template_lists_the_departments_projects_with_dropdowns(personas, client_for):
    project(personas.transport, name="旅游公路", status=ProjectStatus.UNDER_CONSTRUCTION)
    project(
        personas.officer,
        name="别的部门项目",
        department=personas.tongji.department,
        status=ProjectStatus.UNDER_CONSTRUCTION,
    )
    response = client_for(personas.transport).get(
        "/projects/reporting/template.xlsx?year=2024&month=6"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADER
    assert [r[2] for r in rows[1:]] == ["旅游公路"]
    assert sheet.data_validations.dataValidation


def test_import_creates_reports_and_progress_moves(personas):
    item = project(personas.transport, total_investment=Decimal("1000"))
    result = _import(personas.transport, [_row(item, 100, 5), _row(item, "150", 6, progress=40)])
    assert result.counts == {"create": 2}
    from rixin.projects.models import Project, ProjectSettings

    row = Project.objects.with_progress(2024, 6).get(pk=item.pk)
    assert row.progress(6, ProjectSettings(county_id="140725")).financial == Decimal("25.00")
    events = AuditEvent.objects.filter(object_type="projects.monthlyreport", action="create")
    assert sorted(e.after["investment"] for e in events) == ["100.00", "150.00"]
    assert {e.username for e in events} == {personas.transport.username}
    reports = MonthlyReport.objects.filter(project=item)
    assert {e.object_id for e in events} == {str(r.pk) for r in reports}


def test_second_import_for_the_month_is_a_correction_not_a_duplicate(personas):
    item = project(personas.transport)
    _import(personas.transport, [_row(item, 100)])
    again = _parse(personas.transport, [_row(item, 100)])
    assert again.counts == {"unchanged": 1}
    corrected = _import(personas.transport, [_row(item, 120)])
    assert corrected.counts == {"correction": 1}
    report = MonthlyReport.objects.get(project=item)
    assert (report.investment, report.revision) == (Decimal("120"), 1)
    assert AuditEvent.objects.filter(object_type="projects.monthlyreport", action="update").exists()


def test_yi_text_in_a_wan_cell_names_the_expected_unit(personas):
    item = project(personas.transport)
    result = _parse(personas.transport, [_row(item, "3.31亿元")])
    assert result.errors[0].column == "本月完成投资(万元)"
    assert "万元" in result.errors[0].message


def test_every_bad_row_is_previewed_and_nothing_is_written(personas):
    mine = project(personas.transport, name="本部门项目")
    other = project(personas.officer, name="他部门项目", department=personas.tongji.department)
    foreign = project(personas.other_officer, name="榆次项目")
    rows = [
        _row(mine, -5),
        _row(mine, "abc", month=5),
        _row(mine, 1, month=1, year=2100),
        _row(other, 1),
        _row(foreign, 1),
        _row(mine, 10, month=4),
        _row(mine, 10, month=4),
    ]
    result = _parse(personas.transport, rows)
    problems = {e.row: e.message for e in result.errors}
    # every error of the file in one pass, the library's checks with the cells' own
    assert sorted(problems) == [2, 3, 4, 5, 6, 8]
    assert "不小于0" in problems[2] and "不是数字" in problems[3]
    assert "未来" in problems[4] and "责任单位" in problems[5] and "不在本县" in problems[6]
    assert "重复" in problems[8]
    assert not MonthlyReport.objects.exists()


def test_wrong_header_rejects_the_file(personas):
    with pytest.raises(FileRejected, match="表头"):
        MonthlyReportImporter(personas.transport).parse(xlsx_bytes([["项目", "金额"], [1, 2]]))


def test_import_routes_a_problem_to_a_department(personas):
    item = project(personas.transport)
    _import(
        personas.transport,
        [_row(item, 10, problem="临时用地审批慢", dept=personas.officer.department.name)],
    )
    assert Problem.objects.get(project=item).department == personas.officer.department


def test_cumulative_above_total_is_imported_but_flagged(personas):
    item = project(personas.transport, total_investment=Decimal("100"))
    _import(personas.transport, [_row(item, 80, 5), _row(item, 80, 6)])
    flags = dict(MonthlyReport.objects.values_list("month", "exceeds_total"))
    assert flags == {5: False, 6: True}


def test_leader_may_not_import(personas, client_for):
    assert client_for(personas.leader).get("/imports/project-reports/").status_code == 403

"""The monthly template is made per department and month: the projects that owe the month,
their plan and year-to-date figure filled and locked; rows left blank are not imported."""

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from rixin.projects import actions
from rixin.projects.choices import ProjectStatus
from rixin.projects.importers import YTD, MonthlyReportImporter
from rixin.projects.models import MonthlyReport
from rixin.testing import xlsx_bytes

from .factories import project, report

pytestmark = pytest.mark.django_db
BUILDING = ProjectStatus.UNDER_CONSTRUCTION


def _template(client, **params):
    response = client.get("/projects/reporting/template.xlsx", {"year": 2024, "month": 6, **params})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return sheet, rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]], response


def test_template_lists_only_projects_owing_the_month_with_plan_and_year_to_date(
    personas, client_for
):
    owing = project(personas.transport, name="在建项目", status=BUILDING)
    actions.save_annual_plan(
        owing, acting_user=personas.transport, year=2024, planned_investment=Decimal("1200")
    )
    report(personas.transport, owing, 4, "100")
    report(personas.transport, owing, 5, "150")
    project(personas.transport, name="储备项目")
    project(personas.transport, name="竣工项目", status=ProjectStatus.COMPLETED)
    sheet, header, rows, response = _template(client_for(personas.transport))
    assert [r["项目名称"] for r in rows] == ["在建项目"]
    assert rows[0]["年度计划(万元)"] == 1200
    assert rows[0][YTD] == 250
    assert sheet.protection.sheet
    plan_cell = sheet.cell(row=2, column=header.index("年度计划(万元)") + 1)
    value_cell = sheet.cell(row=2, column=header.index("本月完成投资(万元)") + 1)
    assert plan_cell.protection.locked and not value_cell.protection.locked
    assert "2024" in response["Content-Disposition"]


def test_development_bureau_picks_the_department(personas, client_for):
    project(personas.transport, name="交通项目", status=BUILDING)
    project(
        personas.officer, name="统计项目", status=BUILDING, department=personas.tongji.department
    )
    client = client_for(personas.officer)
    page = client.get("/projects/reporting/", {"year": 2024, "month": 6})
    assert b'data-testid="template-picker"' in page.content
    _s, _h, rows, _r = _template(client, department=personas.transport.department.pk)
    assert [r["项目名称"] for r in rows] == ["交通项目"]
    _s, _h, everything, _r = _template(client)
    assert {r["项目名称"] for r in everything} == {"交通项目", "统计项目"}
    assert client.get("/projects/reporting/template.xlsx", {"department": "x"}).status_code == 404


def test_a_template_with_four_rows_filled_imports_four(personas, client_for):
    items = [project(personas.transport, name=f"项目{n}", status=BUILDING) for n in range(8)]
    sheet, header, _rows, _r = _template(client_for(personas.transport))
    column = header.index("本月完成投资(万元)") + 1
    for row in range(2, 6):
        sheet.cell(row=row, column=column).value = 10
    buffer = BytesIO()
    sheet.parent.save(buffer)
    importer = MonthlyReportImporter(personas.transport)
    result = importer.parse(buffer.getvalue())
    assert result.errors == []
    assert result.counts == {"create": 4}
    importer.apply(result.changes)
    assert MonthlyReport.objects.filter(project__in=items).count() == 4


def test_errors_of_other_departments_projects_come_with_the_others(personas):
    mine = project(personas.transport, name="本部门项目", status=BUILDING)
    other = project(
        personas.officer, name="他部门项目", status=BUILDING, department=personas.tongji.department
    )
    header = MonthlyReportImporter.header()

    def row(item, investment):
        return [item.pk, "", "", "", 2024, 6, None, None, investment, None, "", "", ""]

    result = MonthlyReportImporter(personas.transport).parse(
        xlsx_bytes([header, row(mine, "abc"), row(other, 5)])
    )
    assert sorted(e.row for e in result.errors) == [2, 3]

"""Every export of the library opens in a spreadsheet, with the values the page shows."""

import datetime
from decimal import Decimal
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from rixin.projects import actions
from rixin.projects.choices import ProjectStatus

from .factories import project, report

pytestmark = pytest.mark.django_db
ENTERED = datetime.datetime(2024, 1, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def _sheet(response):
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(BytesIO(content)).worksheets[0]


def test_library_export_opens_with_the_health_of_each_project(personas, client_for):
    item = project(
        personas.officer,
        name="滞后项目",
        status=ProjectStatus.UNDER_CONSTRUCTION,
        total_investment=Decimal("3000"),
        at=ENTERED,
    )
    actions.save_annual_plan(
        item, acting_user=personas.officer, year=2024, planned_investment=Decimal("1200")
    )
    report(personas.officer, item, 6, "10")
    response = client_for(personas.officer).get("/projects/export.xlsx", {"year": 2024, "month": 6})
    sheet = _sheet(response)
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert row["项目名称"] == "滞后项目"
    assert row["进度"] == "滞后"
    assert row["状态"] == "在建(续建)"
    assert row["总投资(万元)"] == 3000

"""项目代码 and 项目名称 beside 项目ID must be that project's."""

import pytest

from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport
from rixin.testing import xlsx_bytes

from .factories import project

pytestmark = pytest.mark.django_db


def _parse(user, item, code, name):
    row = [item.pk, code, name, "", 2024, 6, None, None, "10", None, "", "", ""]
    return MonthlyReportImporter(user).parse(xlsx_bytes([MonthlyReportImporter.header(), row]))


def test_a_code_or_name_of_another_project_is_refused(personas):
    item = project(personas.transport, name="旅游公路", code="2024-140725-48-01-000001")
    project(personas.transport, name="污水处理厂", code="2024-140725-48-01-000002")
    result = _parse(personas.transport, item, "2024-140725-48-01-000002", "污水处理厂")
    assert {e.column for e in result.errors} == {"项目代码", "项目名称"}
    assert "不符" in result.errors[0].message
    assert not MonthlyReport.objects.exists()


def test_the_projects_own_code_full_width_or_not_and_blank_cells_pass(personas):
    item = project(personas.transport, name="旅游公路", code="2024-140725-48-01-000001")
    full_width = "２０２４－１４０７２５－４８－０１－０００００１"
    assert _parse(personas.transport, item, full_width, "旅游公路").errors == []
    assert _parse(personas.transport, item, "", "").errors == []

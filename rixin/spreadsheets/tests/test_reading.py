"""Every import is read through python-calamine: the right sheet, every row."""

import pytest

from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.spreadsheets import imports
from rixin.testing import upload, xlsx_bytes

from .files import declare_dimension, enterprise_rows, workbook_bytes

pytestmark = pytest.mark.django_db


def test_a_hidden_first_sheet_is_skipped_for_the_first_visible_one(personas):
    content = workbook_bytes(
        [
            ("旧表", enterprise_rows(["隐藏表企业"]), "hidden"),
            ("企业名录", enterprise_rows(["可见表企业"]), "visible"),
        ]
    )
    batch = imports.preview(EnterpriseImporter(personas.officer), upload("e.xlsx", content))
    assert batch.errors == []
    assert batch.summary["sheet"] == "企业名录"
    assert [c["description"] for c in batch.summary["changes"]] == ["可见表企业"]


def test_the_sheet_named_by_the_importer_is_read_before_the_first_visible_one(personas):
    content = workbook_bytes(
        [
            ("说明", [["请填写第二个工作表"]], "visible"),
            ("企业名录", enterprise_rows(["按名读取企业"]), "visible"),
        ]
    )
    importer = EnterpriseImporter(personas.officer)
    importer.sheet_name = "企业名录"
    result = importer.parse(content)
    assert result.sheet == "企业名录" and result.errors == []


def test_the_preview_says_which_sheet_it_read(personas, client_for):
    content = workbook_bytes([("企业名录", enterprise_rows(["说明表企业"]), "visible")])
    batch = imports.preview(EnterpriseImporter(personas.officer), upload("e.xlsx", content))
    page = client_for(personas.officer).get(f"/imports/batch/{batch.pk}/")
    assert "读取的工作表:企业名录" in page.content.decode()


def test_a_workbook_declaring_a_smaller_dimension_imports_every_row(personas):
    names = [f"维度企业{i}" for i in range(5)]
    content = declare_dimension(xlsx_bytes(enterprise_rows(names)), "A1:K2")
    result = EnterpriseImporter(personas.officer).parse(content)
    assert result.row_count == 5
    assert result.errors == []
    batch = imports.preview(EnterpriseImporter(personas.officer), upload("e.xlsx", content))
    imports.commit(batch, EnterpriseImporter(personas.officer))
    assert Enterprise.objects.filter(name__in=names).count() == 5

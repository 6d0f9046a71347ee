"""Catalogue and open cases from .xlsx: one bad row rejects the file; a second import of the
same file changes nothing."""

import datetime

import pytest

from rixin.approvals.importers import CatalogueImporter, OpenCaseImporter
from rixin.approvals.models import Case, CatalogueItem, Stage
from rixin.spreadsheets.imports import commit, preview
from rixin.testing import upload, xlsx_bytes

from .factories import catalogue, project

CATALOGUE_HEADER = [c.header for c in CatalogueImporter.columns]
CASE_HEADER = [c.header for c in OpenCaseImporter.columns]


def _import(importer, rows, name="f.xlsx"):
    batch = preview(importer, upload(name, xlsx_bytes(rows)))
    if batch.errors:
        return batch, None
    return batch, commit(batch, importer)


@pytest.mark.django_db
def test_catalogue_imports_and_reimport_changes_nothing(personas):
    catalogue()  # the departments, and the seeded catalogue to update
    row = [
        4,
        "竣工验收",
        "寿阳县住建局",
        12,
        "renfang",
        "人防验收",
        "寿阳县住建局",
        5,
        "普通",
        "申请表、竣工图",
        "是",
    ]
    importer = CatalogueImporter(personas.county_admin)
    batch, result = _import(importer, [CATALOGUE_HEADER, row])
    assert not batch.errors, batch.errors
    created = CatalogueItem.objects.get(county_id="140725", code="renfang")
    assert created.joint_acceptance and created.material_list == ["申请表", "竣工图"]
    batch, result = _import(CatalogueImporter(personas.county_admin), [CATALOGUE_HEADER, row])
    assert result.counts == {"unchanged": 1}


@pytest.mark.django_db
def test_catalogue_row_with_unknown_department_rejects_the_file(personas):
    catalogue()
    before = CatalogueItem.objects.count(), Stage.objects.count()
    row = [4, "竣工验收", "寿阳县住建局", 12, "renfang", "人防验收", "人防办", 5, "普通", "", "否"]
    batch, result = _import(CatalogueImporter(personas.county_admin), [CATALOGUE_HEADER, row])
    assert result is None
    assert "不在本县部门名录中" in batch.errors[0]["message"]
    assert (CatalogueItem.objects.count(), Stage.objects.count()) == before


@pytest.mark.django_db
def test_open_cases_import_refuses_a_code_not_in_the_library(personas):
    catalogue()
    known = project(personas)
    rows = [
        CASE_HEADER,
        [known.code, "社会投资项目", datetime.date(2024, 3, 1)],
        ["2024-140725-48-01-999999", "社会投资项目", datetime.date(2024, 3, 1)],
    ]
    batch, result = _import(OpenCaseImporter(personas.yingshang), rows)
    assert result is None and batch.errors[0]["row"] == 3
    assert "不在本县项目库中" in batch.errors[0]["message"]
    assert not Case.objects.exists()
    batch, result = _import(OpenCaseImporter(personas.yingshang), rows[:2])
    assert result.counts == {"create": 1}
    assert (
        Case.objects.get().items.count() == CatalogueItem.objects.filter(county_id="140725").count()
    )

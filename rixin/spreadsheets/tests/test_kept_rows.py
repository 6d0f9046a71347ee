"""Confirm plans the rows its preview read and kept, without reading the file again; the kept
rows serve only the file they were read from."""

import datetime
import gc
from decimal import Decimal

import pytest

from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport
from rixin.projects.tests.factories import project
from rixin.spreadsheets import imports
from rixin.spreadsheets.models import ImportBatch, ImportStatus
from rixin.testing import upload, xlsx_bytes

from .files import enterprise_rows

pytestmark = pytest.mark.django_db


def _reports(item, *investments):
    return xlsx_bytes(
        [
            MonthlyReportImporter.header(),
            *[
                [item.pk, item.code, item.name, item.department.name, 2024, month, "", "", amount]
                for month, amount in enumerate(investments, start=6)
            ],
        ]
    )


def _no_reading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(imports, "_open_rows", refuse)


def test_confirm_applies_the_previewed_rows_without_reading_the_file_again(personas, monkeypatch):
    item = project(personas.officer, name="不重读项目", status="under_construction")
    batch = imports.preview(
        MonthlyReportImporter(personas.officer), upload("r.xlsx", _reports(item, "7,300", 12.5))
    )
    assert batch.rows and batch.rows_key
    _no_reading(monkeypatch)

    batch = ImportBatch.objects.get(pk=batch.pk)  # as the confirm view and the worker load it
    result = imports.commit(batch, MonthlyReportImporter(personas.officer))

    assert result.errors == [] and result.counts == {"create": 2}
    figures = MonthlyReport.objects.filter(project=item).order_by("month")
    assert [r.investment for r in figures] == [Decimal("7300.00"), Decimal("12.50")]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.COMMITTED and batch.rows == "" and batch.content == b""


def test_kept_rows_of_another_file_are_never_applied(personas, monkeypatch):
    item = project(personas.officer, name="换文件项目", status="under_construction")
    batch = imports.preview(
        MonthlyReportImporter(personas.officer), upload("r.xlsx", _reports(item, 100))
    )
    reads = []
    open_rows = imports._open_rows
    monkeypatch.setattr(imports, "_open_rows", lambda *a: reads.append(1) or open_rows(*a))
    # The stored file is not the one the rows were read from: confirm reads the stored file,
    # whose row differs from what the preview showed, and refuses it.
    batch.content = _reports(item, 200)
    result = imports.commit(batch, MonthlyReportImporter(personas.officer))
    assert reads == [1]
    assert [e.row for e in result.errors] == [2]
    assert not MonthlyReport.objects.filter(project=item).exists()


def test_rows_that_json_would_change_are_not_kept_and_the_file_is_read_again(personas):
    content = xlsx_bytes(enterprise_rows(["重读企业"]))
    batch = imports.preview(EnterpriseImporter(personas.officer), upload("e.xlsx", content))
    assert batch.rows == ""  # an enterprise row is a dataclass, not plain JSON
    result = imports.commit(batch, EnterpriseImporter(personas.officer))
    assert result.errors == []
    assert Enterprise.objects.filter(name="重读企业").exists()


def test_packed_rows_come_back_with_their_types():
    kept = imports.ParseResult(
        row_count=2,
        sheet="月报",
        keyed=[
            (2, {"a": Decimal("1.50"), "d": datetime.date(2024, 7, 24), "n": None, "t": "文本"}),
            (3, None),
        ],
    )
    again = imports.unpack_rows(imports.pack_rows(kept))
    assert (again.row_count, again.sheet, again.keyed) == (2, "月报", kept.keyed)
    assert type(again.keyed[0][1]["a"]) is Decimal
    assert imports.pack_rows(imports.ParseResult(keyed=[(2, ("a", 1))])) == ""
    assert imports.pack_rows(imports.ParseResult(keyed=[(2, {"$decimal": "1"})])) == ""


class RecordsCollector(EnterpriseImporter):
    def apply(self, changes):
        self.collecting = gc.isenabled()
        super().apply(changes)


def test_the_collector_is_held_off_during_an_import_and_back_on_after(personas):
    importer = RecordsCollector(personas.officer)
    content = xlsx_bytes(enterprise_rows(["回收企业"]))
    result = imports.commit(imports.preview(importer, upload("g.xlsx", content)), importer)
    assert result.errors == [] and importer.collecting is False
    assert gc.isenabled()
    with pytest.raises(imports.FileRejected):
        imports.preview(importer, upload("g.xlsx", xlsx_bytes([["不是表头"], ["x"]])))
    assert gc.isenabled()

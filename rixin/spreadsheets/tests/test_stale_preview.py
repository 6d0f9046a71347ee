"""Confirm re-checks each row against what its preview saw, and names the rows it refuses."""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.projects.importers import MonthlyReportImporter
from rixin.projects.models import MonthlyReport
from rixin.projects.tests.factories import project, report
from rixin.spreadsheets import imports
from rixin.spreadsheets.models import ImportStatus
from rixin.testing import upload, xlsx_bytes

from .files import enterprise_row, enterprise_rows

pytestmark = pytest.mark.django_db


def _report_row(item, investment, month=6):
    # The template's 年度计划 and 本年累计完成 columns come before the month's investment.
    return [item.pk, item.code, item.name, item.department.name, 2024, month, "", "", investment]


def test_a_month_reported_through_the_form_after_the_preview_is_not_overwritten(personas):
    item = project(personas.officer, name="预览后填报项目", status="under_construction")
    other = project(personas.officer, name="未变项目", status="under_construction")
    content = xlsx_bytes(
        [MonthlyReportImporter.header(), _report_row(item, 7300), _report_row(other, 100)]
    )
    batch = imports.preview(MonthlyReportImporter(personas.officer), upload("r.xlsx", content))
    assert batch.summary["counts"] == {"create": 2}
    report(personas.officer, item, 6, 5000)  # entered through the form meanwhile

    result = imports.commit(batch, MonthlyReportImporter(personas.officer))

    assert [(e.row, e.message[:3]) for e in result.errors] == [(2, "第2行")]
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REJECTED
    assert MonthlyReport.objects.get(project=item, month=6).investment == Decimal("5000.00")
    assert not MonthlyReport.objects.filter(project=other).exists()


def test_an_enterprise_edited_after_the_preview_is_refused_by_row(personas):
    first = xlsx_bytes(enterprise_rows(["预览企业"]))
    imports.commit(
        imports.preview(EnterpriseImporter(personas.officer), upload("a.xlsx", first)),
        EnterpriseImporter(personas.officer),
    )
    changed = xlsx_bytes([enterprise_rows([])[0], enterprise_row("预览企业", address="新地址")])
    batch = imports.preview(EnterpriseImporter(personas.officer), upload("b.xlsx", changed))
    Enterprise.objects.filter(name="预览企业").update(contact_phone="0354-1234567")
    result = imports.commit(batch, EnterpriseImporter(personas.officer))
    assert [e.row for e in result.errors] == [2]
    assert Enterprise.objects.get(name="预览企业").address == ""


def test_an_unchanged_database_confirms_as_previewed(personas):
    content = xlsx_bytes(enterprise_rows(["照常企业甲", "照常企业乙"]))
    batch = imports.preview(EnterpriseImporter(personas.officer), upload("c.xlsx", content))
    result = imports.commit(batch, EnterpriseImporter(personas.officer))
    assert result.errors == []
    assert Enterprise.objects.filter(name__startswith="照常企业").count() == 2


class FailsOnRow3(EnterpriseImporter):
    def apply(self, changes):
        for change in changes:
            if change.row == 3:
                raise IntegrityError('duplicate key value violates "directory_enterprise_key"')
        super().apply(changes)


def test_a_row_the_database_refuses_at_confirm_is_named_without_the_constraint(personas):
    content = xlsx_bytes(enterprise_rows(["确认企业甲", "确认企业乙", "确认企业丙"]))
    batch = imports.preview(FailsOnRow3(personas.officer), upload("d.xlsx", content))
    result = imports.commit(batch, FailsOnRow3(personas.officer))
    (error,) = result.errors
    assert error.row == 3
    assert "directory_enterprise_key" not in error.message
    assert not Enterprise.objects.filter(name__startswith="确认企业").exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.REJECTED and batch.errors[0]["row"] == 3

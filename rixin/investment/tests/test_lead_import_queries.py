"""A file of leads is read, checked and written in a number of queries that does not grow
with its rows: the same for 10 leads as for 200, new leads and changed ones alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rixin.audit.models import AuditEvent
from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead, LeadStageChange
from rixin.spreadsheets.imports import commit, preview
from rixin.testing import upload, xlsx_bytes

pytestmark = pytest.mark.django_db
HEADER = LeadImporter.header()[:13]
VALID = "91140100MA0K12345Y"  # a unified social credit code with its check digit (GB 32100)
CODE = "".join(chr(ord(c) + 0xFEE0) for c in VALID)  # typed in full width, as pasted


def _file(prefix: str, count: int, amount: int) -> bytes:
    rows = [
        ["外出考察", f"{prefix}企业{n}有限公司", CODE if n == 0 else "", "上海", "上海"]
        + [f"项目{n}", "高端装备制造", amount, 50, "", "", "", ""]
        for n in range(count)
    ]
    return xlsx_bytes([HEADER, *rows])


def _queries(user, content) -> int:
    importer = LeadImporter(user)
    with CaptureQueriesContext(connection) as queries:
        batch = preview(importer, upload("leads.xlsx", content))
        assert not batch.errors, batch.errors[:3]
        result = commit(batch, importer)
        assert not result.errors, result.errors[:3]
    return len(queries)


def _two_imports(user, prefix: str, count: int) -> list[int]:
    events = AuditEvent.objects.filter(object_type="investment.lead").count()
    counts = [
        _queries(user, _file(prefix, count, 30000)),
        _queries(user, _file(prefix, count, 35000)),
    ]
    leads = Lead.objects.filter(company_name__startswith=prefix)
    assert leads.count() == count
    assert set(leads.values_list("intended_investment", "version")) == {(35000, 2)}
    assert LeadStageChange.objects.filter(lead__in=leads).count() == count
    written = AuditEvent.objects.filter(object_type="investment.lead").count() - events
    assert written == 2 * count  # one record per lead created, one per lead changed
    return counts


def test_an_import_of_200_leads_runs_the_queries_of_one_of_10(personas):
    small = _two_imports(personas.zhaoshang, "小", 10)
    large = _two_imports(personas.zhaoshang, "大", 200)
    assert large == small


def test_an_imported_leads_credit_code_is_normalised(personas):
    _two_imports(personas.zhaoshang, "码", 10)
    assert Lead.objects.get(company_name="码企业0有限公司").credit_code == VALID

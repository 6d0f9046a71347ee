"""The auditor is bound to its division like the other two administrators; a province-level
auditor reads the province."""

import pytest

from rixin.accounts.roles import Role
from rixin.audit.models import AuditEvent
from rixin.directory.actions import update_enterprise
from rixin.testing import SHANXI, make_user

pytestmark = pytest.mark.django_db


def _changes(personas):
    update_enterprise(personas.enterprise, {"address": "寿阳新址"}, acting_user=personas.officer)
    update_enterprise(
        personas.other_enterprise, {"address": "榆次新址"}, acting_user=personas.other_officer
    )


def test_a_county_auditor_reads_only_its_county(personas, client_for):
    _changes(personas)
    page = client_for(personas.auditor).get("/audit/", {"action": "update"}).text
    assert "寿阳新址" in page and "榆次新址" not in page
    seen = AuditEvent.objects.visible_to(personas.auditor)
    assert not seen.filter(county="140702").exists()
    assert not seen.filter(username="yc_fagai").exists()


def test_a_county_auditor_exports_only_its_county(personas, client_for):
    _changes(personas)
    answer = client_for(personas.auditor).get("/audit/export.xlsx", {"action": "update"})
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(
        load_workbook(BytesIO(answer.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert [row[1] for row in rows] == ["sy_fagai"]


def test_a_province_auditor_reads_the_province(personas, client_for):
    _changes(personas)
    auditor = make_user("sx_auditor", Role.AUDIT_ADMIN, SHANXI)
    page = client_for(auditor).get("/audit/", {"action": "update"}).text
    assert "寿阳新址" in page and "榆次新址" in page


def test_nobody_else_reads_the_log(personas):
    for user in (personas.sysadmin, personas.secadmin, personas.leader):
        assert not AuditEvent.objects.visible_to(user).exists()

from io import BytesIO

import pytest
from openpyxl import load_workbook

from rixin.audit.models import AuditEvent
from rixin.directory.actions import update_enterprise

pytestmark = pytest.mark.django_db


def test_audit_page_filters_by_user_and_action(personas, client_for):
    update_enterprise(personas.enterprise, {"address": "新地址"}, acting_user=personas.officer)
    client = client_for(personas.auditor)
    response = client.get("/audit/", {"user": "sy_fagai", "action": "update"})
    assert response.status_code == 200
    assert "新地址" in response.text
    response = client.get("/audit/", {"user": "sy_leader", "action": "update"})
    assert "新地址" not in response.text


def test_audit_export_is_itself_audited(personas, client_for):
    update_enterprise(personas.enterprise, {"address": "新地址"}, acting_user=personas.officer)
    response = client_for(personas.auditor).get("/audit/export.xlsx", {"action": "update"})
    rows = list(
        load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert len(rows) == 1 and rows[0][1] == "sy_fagai"
    assert AuditEvent.objects.filter(
        action="export", username="auditor", object_type="audit.auditevent"
    ).exists()


def test_update_records_only_what_changed(personas):
    update_enterprise(personas.enterprise, {"address": "新地址"}, acting_user=personas.officer)
    event = AuditEvent.objects.get(action="update", object_type="directory.enterprise")
    assert event.before == {"address": "", "version": 1}
    assert event.after == {"address": "新地址", "version": 2}

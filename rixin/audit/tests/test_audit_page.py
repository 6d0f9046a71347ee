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


def test_the_page_reads_as_what_people_did(personas, client_for):
    from rixin.accounts.actions import assign_role
    from rixin.testing import make_user

    clerk = make_user("sy_clerk", "", "140725", department=personas.transport.department)
    assign_role(clerk, "officer", acting_user=personas.secadmin)
    update_enterprise(personas.enterprise, {"address": "新地址"}, acting_user=personas.officer)
    body = client_for(personas.auditor).get("/audit/").content.decode()
    # The role by its name, the field by its label, the object by its kind, no raw dicts.
    assert "{&#x27;role&#x27;" not in body and "{'role'" not in body
    assert "accounts.user#" not in body
    assert "部门工作人员" in body  # Role.OFFICER by its name
    assert ">角色</th>" in body and ">地址</th>" in body
    assert '<ins class="text-success-emphasis text-decoration-none">新地址</ins>' in body

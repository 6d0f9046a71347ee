import pytest

from rixin.audit.models import AuditEvent
from rixin.directory.models import Enterprise

pytestmark = pytest.mark.django_db


def test_officer_sees_own_county_enterprises_only(personas, client_for):
    response = client_for(personas.officer).get("/enterprises/")
    assert response.status_code == 200
    assert "山西强伟纸业有限公司" in response.text
    assert "榆次示例企业有限公司" not in response.text


def test_officer_of_other_county_gets_404(personas, client_for):
    response = client_for(personas.other_officer).get(f"/enterprises/{personas.enterprise.pk}/")
    assert response.status_code == 404


def test_enterprise_user_sees_only_its_own_enterprise(personas, client_for):
    client = client_for(personas.enterprise_user)
    assert client.get(f"/enterprises/{personas.enterprise.pk}/").status_code == 200
    assert client.get("/enterprises/").status_code == 403


def test_leader_cannot_create_and_no_row_is_written(personas, client_for):
    count = Enterprise.objects.count()
    response = client_for(personas.leader).post(
        "/enterprises/new/",
        {"name": "新企业", "credit_code": "91140725MA0K00000X", "industry": "C22"},
    )
    assert response.status_code == 403
    assert Enterprise.objects.count() == count


def test_invalid_credit_code_is_refused_with_message(personas, client_for):
    response = client_for(personas.officer).post(
        "/enterprises/new/",
        {"name": "新企业", "credit_code": "911407251234567890", "industry": "C22"},
    )
    assert response.status_code == 200
    assert "统一社会信用代码" in response.text and "无效" in response.text
    assert not Enterprise.objects.filter(name="新企业").exists()


def test_duplicate_credit_code_is_refused(personas, client_for):
    response = client_for(personas.officer).post(
        "/enterprises/new/",
        {"name": "重复企业", "credit_code": personas.enterprise.credit_code, "industry": "C22"},
    )
    assert "已登记" in response.text
    assert not Enterprise.objects.filter(name="重复企业").exists()


def test_create_writes_audit_record(personas, client_for):
    from rixin.demo.codes import illustrative_credit_code

    code = illustrative_credit_code("新企业甲")
    response = client_for(personas.officer).post(
        "/enterprises/new/", {"name": "新企业甲", "credit_code": code, "industry": "C2221"}
    )
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(credit_code=code)
    event = AuditEvent.objects.get(
        object_type="directory.enterprise", object_id=str(enterprise.pk), action="create"
    )
    assert (
        event.username == "sy_fagai"
        and event.after["credit_code"] == code
        and event.ip == "127.0.0.1"
    )


def test_stale_edit_gets_conflict_message_and_keeps_other_change(personas, client_for):
    enterprise = personas.enterprise
    client_a, client_b = client_for(personas.officer), client_for(personas.county_admin)
    form = {
        "name": enterprise.name,
        "credit_code": enterprise.credit_code,
        "industry": "C22",
        "version": enterprise.version,
    }
    assert (
        client_a.post(
            f"/enterprises/{enterprise.pk}/edit/", {**form, "address": "甲地址"}
        ).status_code
        == 302
    )
    response = client_b.post(f"/enterprises/{enterprise.pk}/edit/", {**form, "address": "乙地址"})
    assert response.status_code == 200
    assert "其他人已修改" in response.text
    enterprise.refresh_from_db()
    assert enterprise.address == "甲地址"


def test_export_escapes_formula_cells(personas, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    from rixin.directory.actions import update_enterprise

    update_enterprise(
        personas.enterprise, {"address": '=HYPERLINK("http://x")'}, acting_user=personas.officer
    )
    response = client_for(personas.officer).get("/enterprises/export.xlsx")
    sheet = load_workbook(BytesIO(response.content)).active
    addresses = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert addresses == ['\'=HYPERLINK("http://x")']
    assert AuditEvent.objects.filter(action="export", username="sy_fagai").exists()

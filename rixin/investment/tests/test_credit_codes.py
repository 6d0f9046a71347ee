"""A lead's unified social credit code is validated the same way by the form, the import and
the API (the directory's validator, after NFKC normalisation)."""

import json

import pytest
from django.core.exceptions import ValidationError

from rixin.investment.importers import LeadImporter
from rixin.investment.models import Lead, clean_credit_code
from rixin.investment.tests import factories
from rixin.spreadsheets.imports import preview
from rixin.testing import upload, xlsx_bytes

pytestmark = pytest.mark.django_db
INVALID = "91140100MA0K12345X"  # wrong check digit
VALID = "91140100MA0K12345Y"
LEAD = {
    "source": "field_trip",
    "company_name": "苏州示例储能有限公司",
    "origin_city": "苏州",
    "industry": "新能源",
    "intended_investment": "80000",
}


def test_codes_are_normalised_then_checked():
    assert clean_credit_code(" ９１１４０１００ma0k12345y ") == VALID
    assert clean_credit_code("") == ""
    for bad in (INVALID, "123"):
        with pytest.raises(ValidationError):
            clean_credit_code(bad)


def test_the_action_refuses_an_invalid_code():
    with pytest.raises(ValidationError) as caught:
        factories.lead(credit_code=INVALID)
    assert "credit_code" in caught.value.message_dict
    assert not Lead.objects.exists()
    assert factories.lead(credit_code="９１１４０１００MA0K12345Y").credit_code == VALID


def test_the_form_refuses_an_invalid_code(personas, client_for):
    client = client_for(personas.zhaoshang)
    response = client.post("/investment/leads/new/", {**LEAD, "credit_code": INVALID})
    assert response.status_code == 200 and not Lead.objects.exists()
    assert "统一社会信用代码" in response.content.decode()


def test_the_api_refuses_an_invalid_code(personas, client_for):
    client = client_for(personas.zhaoshang)
    body = {**LEAD, "credit_code": INVALID}
    response = client.post("/api/v1/investment/leads", json.dumps(body), "application/json")
    assert response.status_code == 422 and not Lead.objects.exists()


def test_the_import_refuses_invalid_codes_and_names_the_row(personas):
    header = LeadImporter.header()

    def row(company, code):
        return ["外出考察", company, code, "上海", "上海", "装备项目", "高端装备制造", 30000]

    rows = [row("甲企业", VALID), row("乙企业", "123"), row("丙企业", INVALID)]
    rows = [r + [""] * (len(header) - len(r)) for r in rows]
    batch = preview(LeadImporter(personas.zhaoshang), upload("l.xlsx", xlsx_bytes([header, *rows])))
    refused = {(e["row"], e["column"]) for e in batch.errors}
    assert refused == {(3, "统一社会信用代码"), (4, "统一社会信用代码")}

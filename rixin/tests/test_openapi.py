"""The OpenAPI document tells the answers the operations give."""

import re

import pytest

from rixin.investment.choices import AgreementKind, LeadSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(personas, client_for):
    return client_for(personas.officer).get("/api/v1/openapi.json").json()


def test_every_operation_documents_its_error_answers(document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = operation["responses"]
            if operation.get("security"):
                assert {"401", "403"} <= set(answers), (method, path)
            if "{" in path:
                assert "404" in answers, (method, path)
            if operation.get("parameters") or operation.get("requestBody"):
                assert "422" in answers, (method, path)


def test_a_plans_monthly_plan_is_declared_as_the_list_it_is(document):
    field = document["components"]["schemas"]["PlanOut"]["properties"]["monthly_plan"]
    assert "array" in str(field) and "object" not in str(field)


def _body(document, name):
    return document["components"]["schemas"][name]["properties"]


def test_the_write_bodies_declare_the_actions_rules(document):
    lead, agreement = _body(document, "LeadIn"), _body(document, "AgreementIn")
    assert lead["source"]["enum"] == LeadSource.values
    assert agreement["kind"]["enum"] == AgreementKind.values
    for field in (lead["company_name"], lead["origin_city"], agreement["project_name"]):
        assert field["minLength"] == 1 and field["maxLength"] <= 120
    assert agreement["companies"]["minItems"] == 1
    for amount in (lead["intended_investment"], agreement["amount"]):
        number, text = amount["anyOf"]
        assert number == {
            "type": "number",
            "minimum": 0.01,
            "maximum": 999999999999.99,
            "multipleOf": 0.01,
        }
        assert re.match(text["pattern"], "80000.5") and re.match(text["pattern"], ".01")
        for refused in ("0", "0.00", "1.234", "1" * 13, "-5", "1e3"):
            assert not re.match(text["pattern"], refused), refused
    assert lead["land_mu"]["anyOf"][0]["minimum"] == 0


def test_a_credit_code_and_an_industry_are_declared_by_their_form(document):
    enterprise = _body(document, "EnterpriseIn")
    code = enterprise["credit_code"]["pattern"]
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "91140100ma0k12345y")
    for accepted in ("91140100MA0K12345Y", full_width):
        assert re.match(code, accepted), accepted
    for refused in ("123", "91140100MA0K12345", "91140100MA0K1234IY", ""):
        assert not re.match(code, refused), refused
    lead_code = _body(document, "LeadIn")["credit_code"]["pattern"]
    assert re.match(lead_code, "") and re.match(lead_code, "91140100MA0K12345Y")
    industry = enterprise["industry"]["pattern"]
    for accepted in ("C", "C22", "C2221", "A01", "T97"):
        assert re.match(industry, accepted), accepted
    for refused in ("", "C99", "A06", "C22211", "c22", "U"):
        assert not re.match(industry, refused), refused


def test_only_rules_no_schema_can_state_are_left_to_a_documented_422(document):
    refusing = {
        (method.upper(), path): operation["responses"]["422"]["description"]
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if operation["responses"].get("422", {}).get("x-refuses-schema-valid-input")
    }
    assert set(refusing) == {
        ("POST", "/api/v1/directory/enterprises"),
        ("POST", "/api/v1/investment/leads"),
        ("POST", "/api/v1/investment/agreements"),
        ("GET", "/api/v1/projects/oc4ids.json"),
    }
    assert "check digit" in refusing[("POST", "/api/v1/directory/enterprises")]
    assert "check digit" in refusing[("POST", "/api/v1/investment/leads")]
    assert "after today" in refusing[("POST", "/api/v1/investment/agreements")]


def test_a_statistical_period_is_declared_by_the_forms_it_takes(document):
    from rixin.indicators.periods import Period

    body = _body(document, "ObservationIn")["period"]["pattern"]
    brief = next(
        p
        for p in document["paths"]["/api/v1/indicators/brief"]["get"]["parameters"]
        if p["name"] == "period"
    )
    assert brief["schema"]["pattern"] == body
    for text in ("2024-06", "2024-6", "2024年1-6月", "2024/12", "1990-01", "2100-12", "2024年6月"):
        assert re.match(body, text), text
        Period.parse(text)
    for text in ("2024-13", "2024-00", "1989-06", "2101-01", "24-06", "2024", "", "0"):
        assert not re.match(body, text), text
        with pytest.raises(ValueError):
            Period.parse(text)

"""What the OpenAPI document declares for a lead and an agreement, the API refuses (422)
before the action runs, and writes nothing."""

import json

import pytest

from rixin.investment.models import Agreement, Lead

pytestmark = pytest.mark.django_db
LEAD = {
    "source": "field_trip",
    "company_name": "苏州示例储能有限公司",
    "origin_city": "苏州",
    "industry": "新能源",
    "intended_investment": "80000",
}
AGREEMENT = {
    "companies": ["苏州示例储能有限公司"],
    "project_name": "储能电池项目",
    "kind": "investment",
    "amount": "50000",
    "signed_on": "2024-03-01",
}


def _post(client, path, body):
    return client.post(path, json.dumps(body), "application/json")


@pytest.mark.parametrize(
    "change",
    [
        {"source": "rumour"},
        {"company_name": ""},
        {"origin_city": ""},
        {"intended_investment": "0"},
        {"intended_investment": "1.234"},
        {"intended_investment": 1e13},
        {"land_mu": "-1"},
        {"credit_code": "123"},
        {"company_name": "甲" * 121},
    ],
)
def test_a_lead_breaking_a_declared_rule_is_refused(personas, client_for, change):
    response = _post(client_for(personas.zhaoshang), "/api/v1/investment/leads", {**LEAD, **change})
    assert response.status_code == 422, response.content
    assert not Lead.objects.exists()


def test_a_lead_within_the_declared_rules_is_recorded(personas, client_for):
    body = {**LEAD, "intended_investment": 80000.5, "land_mu": "0", "credit_code": ""}
    response = _post(client_for(personas.zhaoshang), "/api/v1/investment/leads", body)
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "handshake"},
        {"companies": []},
        {"project_name": ""},
        {"amount": "0.00"},
        {"amount": "123456789012345"},
    ],
)
def test_an_agreement_breaking_a_declared_rule_is_refused(personas, client_for, change):
    body = {**AGREEMENT, **change}
    response = _post(client_for(personas.zhaoshang), "/api/v1/investment/agreements", body)
    assert response.status_code == 422, response.content
    assert not Agreement.objects.exists()


def test_an_agreement_within_the_declared_rules_is_recorded(personas, client_for):
    response = _post(client_for(personas.zhaoshang), "/api/v1/investment/agreements", AGREEMENT)
    assert response.status_code == 201, response.content

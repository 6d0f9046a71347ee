"""Input the API cannot serve is a 4xx that names the field, never a 500."""

import json

import pytest

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


@pytest.mark.parametrize("field", ["offset", "limit"])
def test_a_huge_offset_or_limit_is_a_422_naming_it(personas, client_for, field):
    client = client_for(personas.officer)
    for path in ("/api/v1/directory/enterprises", "/api/v1/investment/agreements"):
        answer = client.get(path, {field: HUGE})
        assert answer.status_code == 422, (path, answer.content)
        assert field in json.dumps(answer.json())


def test_an_ordinary_page_still_works(personas, client_for):
    answer = client_for(personas.officer).get(
        "/api/v1/directory/enterprises", {"offset": 0, "limit": 10}
    )
    assert answer.status_code == 200


@pytest.mark.parametrize("year", ["0", "10000", "-1", HUGE])
def test_a_year_outside_1_to_9999_on_agreements_is_a_422(personas, client_for, year):
    answer = client_for(personas.officer).get("/api/v1/investment/agreements", {"year": year})
    assert answer.status_code == 422
    assert "year" in json.dumps(answer.json())


def test_a_nul_byte_in_a_body_string_is_a_422_naming_the_field(personas, client_for):
    answer = client_for(personas.officer).post(
        "/api/v1/directory/enterprises",
        data=json.dumps({"name": "a\x00b", "credit_code": "x", "industry": "C22"}),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "name"]


def test_a_nul_byte_in_a_query_string_is_a_422_naming_the_field(personas, client_for):
    answer = client_for(personas.officer).get("/api/v1/directory/enterprises", {"q": "a\x00"})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "q"]


def test_an_id_beyond_what_a_column_holds_is_a_422_in_a_query_and_a_404_in_a_path(
    personas, client_for
):
    client = client_for(personas.county_admin)
    answer = client.get("/api/v1/funds/allocations", {"programme": HUGE})
    assert answer.status_code == 422
    assert "programme" in json.dumps(answer.json())
    assert client.get(f"/api/v1/projects/{HUGE}").status_code == 404
    assert client.get("/api/v1/funds/allocations", {"programme": "1"}).status_code == 200


def test_a_long_digit_string_in_a_text_field_is_text_not_a_number(personas, client_for):
    """Only a field declared as an integer reads digits as a number: a 22-digit code typed
    without its hyphens, searched or sent, reaches the API's own validation."""
    client = client_for(personas.officer)
    answer = client.get("/api/v1/projects/", {"q": "2024140725440100012345"})
    assert answer.status_code == 200, answer.content
    answer = client.post(
        "/api/v1/funds/allocations",
        data=json.dumps({"payload": {"programme": HUGE}}),
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "payload", "programme"]


def test_a_path_segment_of_digits_that_is_no_number_is_a_json_404(personas, client_for):
    """'³' is a digit to str.isdigit() but no number to int(): it answered a 500."""
    answer = client_for(personas.officer).get("/api/v1/reports/%C2%B3/2024-06/half.pdf")
    assert answer.status_code == 404
    assert answer["Content-Type"].startswith("application/json")


def test_a_path_no_operation_matches_answers_json_not_the_sites_page(personas, client_for):
    answer = client_for(personas.officer).get("/api/v1/projects/-5/reports")
    assert answer.status_code == 404 and answer.json() == {"detail": "not found"}


def test_a_field_the_operation_does_not_declare_is_ignored_not_refused(personas, client_for):
    """An undeclared field is never read: a huge number or a NUL byte in it reaches nothing,
    so the write goes ahead as the declared fields say."""
    url = f"/api/v1/directory/enterprises/{personas.enterprise.pk}"
    answer = client_for(personas.officer).patch(
        url,
        {"version": 1, "address": "甲", "extra": {"n": 2**70, "s": "a\x00b"}},
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content


def test_the_document_declares_the_integer_and_decimal_limits_the_check_applies(db):
    from rixin.api import DECIMAL_TEXT, MAX_INTEGER, api

    document = api.get_openapi_schema()
    plan = document["components"]["schemas"]["PlanIn"]["properties"]
    assert plan["version"]["anyOf"][0]["maximum"] == MAX_INTEGER
    assert {"type": "string", "pattern": DECIMAL_TEXT} in plan["planned_investment"]["anyOf"]
    [pk] = document["paths"]["/api/v1/projects/{pk}"]["get"]["parameters"]
    assert pk["schema"]["maximum"] == MAX_INTEGER

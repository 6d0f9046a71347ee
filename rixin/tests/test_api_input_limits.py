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

"""The API over real HTTP (gunicorn on loopback): an integration writes with its Bearer token
and no CSRF token; a browser session writes only with its CSRF token."""

import pytest

from rixin.demo.codes import illustrative_credit_code
from rixin.tests.live import HttpClient, start_live_rixin


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    yield from start_live_rixin(tmp_path_factory.mktemp("live"))


def _enterprise(seed: str) -> dict:
    return {"name": seed, "credit_code": illustrative_credit_code(seed), "industry": "C22"}


def test_a_bearer_token_writes_without_a_csrf_token(live):
    client = HttpClient(live.url, token=live.tokens["officer"])
    answer = client.request("POST", "/api/v1/directory/enterprises", json_body=_enterprise("甲"))
    assert answer.status == 201, answer.body
    assert answer.json()["name"] == "甲"


def test_a_bearer_token_reads(live):
    client = HttpClient(live.url, token=live.tokens["officer"])
    assert client.request("GET", "/api/v1/directory/enterprises").status == 200


def test_a_wrong_token_is_401_not_a_csrf_failure(live):
    client = HttpClient(live.url, token="rx_not-a-token")
    answer = client.request("POST", "/api/v1/directory/enterprises", json_body=_enterprise("乙"))
    assert answer.status == 401


def test_a_session_writes_with_its_csrf_token(live):
    client = HttpClient(live.url)
    assert client.login(live.usernames["officer"]).status == 302
    answer = client.request(
        "POST",
        "/api/v1/directory/enterprises",
        json_body=_enterprise("丙"),
        headers={"X-CSRFToken": client.cookie("csrftoken"), "Referer": live.url + "/"},
    )
    assert answer.status == 201, answer.body


def test_a_session_without_its_csrf_token_is_refused(live):
    client = HttpClient(live.url)
    assert client.login(live.usernames["officer"]).status == 302
    answer = client.request("POST", "/api/v1/directory/enterprises", json_body=_enterprise("丁"))
    assert answer.status == 403
    assert b"CSRF" in answer.body

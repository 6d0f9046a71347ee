"""Property-based requests against the OpenAPI document, over real HTTP (gunicorn): as a
county officer with a Bearer token and as an enterprise user with a session, every
operation, a bounded number of examples each, and no answer is a server error.

``RIXIN_FUZZ=25 pytest rixin/tests/test_api_schemathesis.py`` explores with fresh examples."""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from rixin.tests.live import HttpClient, start_live_rixin

# The suite draws the same examples on every run, so a run fails only for a change in Rixin;
# RIXIN_FUZZ=<examples> draws new ones, as many per operation, to look for more.
FUZZ = int(os.environ.get("RIXIN_FUZZ") or 0)
EXAMPLES = FUZZ or 4


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    yield from start_live_rixin(tmp_path_factory.mktemp("schemathesis"))


@pytest.fixture(scope="module")
def as_officer(live):
    return {"Authorization": f"Bearer {live.tokens['officer']}"}


@pytest.fixture(scope="module")
def as_enterprise_session(live):
    client = HttpClient(live.url)
    assert client.login(live.usernames["enterprise_user"]).status == 302
    csrf, session = client.cookie("csrftoken"), client.cookie("sessionid")
    return {"Cookie": f"sessionid={session}; csrftoken={csrf}", "X-CSRFToken": csrf}


def test_no_operation_answers_a_server_error(live, as_officer, as_enterprise_session):
    # Hypothesis driven per operation here rather than through schemathesis' pytest plugin,
    # whose per-operation subtests this pytest does not support.
    schema = schemathesis.openapi.from_url(f"{live.url}/api/v1/openapi.json")
    errors = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=not FUZZ,
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            for who, headers in (("officer", as_officer), ("enterprise", as_enterprise_session)):
                response = case.call(base_url=live.url, headers=headers)
                if response.status_code >= 500:
                    errors.append(
                        f"{who} {case.method} {case.formatted_path}: {response.status_code}"
                    )

        run()
    assert operations > 40
    assert errors == []

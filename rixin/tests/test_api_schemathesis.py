"""Property-based requests against the OpenAPI document, over real HTTP (gunicorn): as a
county officer with a Bearer token and as an enterprise user with a session, every
operation, a bounded number of examples each, with all of schemathesis' checks (server
errors, status codes, content types, headers and response schemas as documented, schema-valid
input accepted and invalid input refused, authentication enforced).

No answer is a server error, and no operation breaks a check outside ``REMAINING``: the
violations still open, each named with its reason, to be fixed in the operation's schema or
answer (the list only shrinks; it is empty). The schemas declare the actions' rules (choices,
amounts, required texts, the form of a credit code); a rule no JSON schema can state (a check
digit, today's date, the rows already there) is named in the operation's documented 422,
marked ``x-refuses-schema-valid-input``, and for those operations alone 422 is an accepted
answer to schema-valid input. The counts are shown at the end of the run.

``RIXIN_FUZZ=25 pytest rixin/tests/test_api_schemathesis.py`` explores with fresh examples."""

import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.core.failures import Failure, FailureGroup

from rixin.tests.live import HttpClient, start_live_rixin

# The suite draws the same examples on every run, so a run fails only for a change in Rixin;
# RIXIN_FUZZ=<examples> draws new ones, as many per operation, to look for more.
FUZZ = int(os.environ.get("RIXIN_FUZZ") or 0)
EXAMPLES = FUZZ or 4

# (operation, check) still failing, and why (the list only shrinks).
REMAINING: dict[tuple[str, str], str] = {}

# The mark an operation's documented 422 carries when it also refuses input its schema
# allows, by a rule a JSON schema cannot state (a check digit, today's date, the rows already
# there); its description names the rules.
REFUSES_SCHEMA_VALID_INPUT = "x-refuses-schema-valid-input"


def _documented_refusals(document: dict) -> list[str]:
    """The operations ("METHOD /path") whose 422 is documented for schema-valid input."""
    return [
        f"{method.upper()} {path}"
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
        if operation.get("responses", {}).get("422", {}).get(REFUSES_SCHEMA_VALID_INPUT)
    ]


def _config(document: dict) -> schemathesis.Config:
    """Every check on every operation; the operations whose 422 the document gives for
    schema-valid input are answered by it: for them alone, 422 is an expected answer to
    positive data (the check's own expected statuses, plus 422)."""
    default = schemathesis.Config().projects.get_default().checks.positive_data_acceptance
    accepted = [*default.expected_statuses, "422"]
    return schemathesis.Config.from_dict(
        {
            "operations": [
                {
                    "include-name": name,
                    "checks": {"positive_data_acceptance": {"expected-statuses": accepted}},
                }
                for name in _documented_refusals(document)
            ]
        }
    )


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    yield from start_live_rixin(tmp_path_factory.mktemp("schemathesis"))


@pytest.fixture(scope="module")
def as_officer(live):
    return {"headers": {"Authorization": f"Bearer {live.tokens['officer']}"}}


@pytest.fixture(scope="module")
def as_enterprise_session(live):
    client = HttpClient(live.url)
    assert client.login(live.usernames["enterprise_user"]).status == 302
    return {"sessionid": client.cookie("sessionid"), "csrftoken": client.cookie("csrftoken")}


def _as_session(case, cookies: dict) -> None:
    """The session as the case's own cookie, marked as the authentication given (not drawn
    by schemathesis), so that the authentication check removes it and sees the refusal."""
    case.cookies = {**(case.cookies or {}), **cookies}
    case.headers = {**(case.headers or {}), "X-CSRFToken": cookies["csrftoken"]}
    case._has_explicit_auth = True


def _failures(exc) -> list:
    return list(exc.exceptions) if isinstance(exc, FailureGroup) else [exc]


def test_every_operation_passes_every_check(live, as_officer, as_enterprise_session, reliability):
    # Hypothesis driven per operation here rather than through schemathesis' pytest plugin,
    # whose per-operation subtests this pytest does not support.
    url = f"{live.url}/api/v1/openapi.json"
    document = HttpClient(live.url).request("GET", "/api/v1/openapi.json").json()
    schema = schemathesis.openapi.from_url(url, config=_config(document))
    violations: Counter = Counter()
    examples: dict[tuple[str, str], str] = {}
    calls = Counter()
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
            for who in ("officer", "enterprise"):
                calls["cases"] += 1
                auth = as_officer
                if who == "enterprise":
                    _as_session(case, as_enterprise_session)
                    auth = {}
                try:
                    case.call_and_validate(base_url=live.url, **auth)
                except (Failure, FailureGroup) as exc:
                    for failure in _failures(exc):
                        key = (operation.label, type(failure).__name__)
                        violations[key] += 1
                        examples.setdefault(
                            key, f"{who} {case.method} {case.formatted_path}: {failure.title}"
                        )

        run()
    server_errors = sum(n for (_op, check), n in violations.items() if check == "ServerError")
    new = {key: examples[key] for key in violations if key not in REMAINING}
    reliability(
        "API against its OpenAPI document",
        cases=calls["cases"],
        crashes=server_errors,
        violations=sum(violations.values()),
        violations_not_yet_fixed=sum(n for k, n in violations.items() if k in REMAINING),
    )
    assert operations > 40
    assert server_errors == 0, new
    assert new == {}, "\n".join(f"{key}: {text}" for key, text in sorted(new.items()))

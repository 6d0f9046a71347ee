"""A Content-Security-Policy on every page, which the vendored scripts, ECharts and the
nonce-carrying chart scripts satisfy: no inline script runs without the request's nonce."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from rixin.testing import PASSWORD
from rixin.tests.browser import login

TEMPLATES = Path(settings.BASE_DIR) / "rixin"


def _policy(answer) -> dict[str, str]:
    header = answer["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/projects/statistics/", "/api/v1/docs"])
def test_every_page_has_a_policy_without_inline_scripts(personas, client_for, path):
    answer = client_for(personas.officer).get(path)
    policy = _policy(answer)
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert "'none'" in policy["object-src"] and "'none'" in policy["frame-ancestors"]


@pytest.mark.django_db
def test_an_inline_chart_script_carries_the_nonce_of_the_policy(personas, client_for):
    answer = client_for(personas.officer).get("/projects/statistics/")
    nonce = re.search(r"'nonce-([^']+)'", _policy(answer)["script-src"]).group(1)
    assert f'<script nonce="{nonce}">' in answer.text


def test_no_template_has_an_inline_script_or_handler_without_a_nonce():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)[^>]*>", text):
            if "application/json" not in match.group(0):
                offenders.append(f"{path}: {match.group(0)}")
        for match in re.finditer(r'\s(on[a-z]+|hx-on[:\w-]*)="|href="javascript:', text):
            offenders.append(f"{path}: {match.group(0).strip()}")
    assert offenders == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_pages_with_charts_raise_no_policy_violation_in_chromium(browser, live_server, personas):
    page = login(browser, live_server, personas.officer.username, PASSWORD)
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    for path in (
        "/",
        "/projects/statistics/",
        "/cockpit/county/140725/",
        "/investment/",
        "/indicators/county/140725/",
        "/appeals/papers/",
    ):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate(
            "() => new Promise(r => { const v = []; document.addEventListener("
            "'securitypolicyviolation', e => v.push(e.violatedDirective + ' ' + e.blockedURI));"
            " setTimeout(() => r(v), 300); })"
        )
        problems += violations
    assert problems == []
    page.context.close()

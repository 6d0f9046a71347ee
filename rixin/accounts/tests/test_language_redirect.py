"""The language switch goes back to a page of the site, never to another one."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "///evil.example", ""],
)
def test_language_switch_never_redirects_off_the_site(personas, client_for, target):
    answer = client_for(personas.officer).post(
        "/accounts/language/", {"language": "en", "next": target}
    )
    assert answer.status_code == 302
    assert answer["Location"] == "/"


def test_language_switch_goes_back_to_a_page_of_the_site(personas, client_for):
    answer = client_for(personas.officer).post(
        "/accounts/language/", {"language": "en", "next": "/projects/?page=2"}
    )
    assert answer["Location"] == "/projects/?page=2"


def test_the_language_cookie_is_secure_outside_debug(personas, client_for, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    answer = client_for(personas.officer).post("/accounts/language/", {"language": "en"})
    assert answer.cookies["django_language"]["secure"] is True

import pytest

from rixin.navigation import entries_for
from rixin.testing import PASSWORD
from rixin.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_persona_sees_exactly_its_navigation(browser, live_server, personas):
    for name, user in personas.all().items():
        page = login(browser, live_server, user.username, PASSWORD)
        shown = sorted(
            page.eval_on_selector_all("[data-nav]", "els => els.map(e => e.dataset.nav)")
        )
        expected = sorted(entry["url_name"] for entry in entries_for(user))
        assert shown == expected, name
        assert page.locator("[data-testid=user-menu]").inner_text().find(user.display_name) >= 0
        screenshot(page, f"nav-{name}")
        page.context.close()


def test_administrators_are_shown_only_their_own_duties(browser, live_server, personas):
    expectations = {
        "sysadmin": ({"user_list", "backups"}, {"audit_list", "role_list", "enterprise_list"}),
        "secadmin": (
            {"role_list", "security_policy"},
            {"audit_list", "user_list", "enterprise_list"},
        ),
        "auditor": ({"audit_list"}, {"user_list", "role_list", "enterprise_list"}),
        "officer": ({"enterprise_list"}, {"audit_list", "user_list", "role_list"}),
    }
    for name, (present, absent) in expectations.items():
        page = login(browser, live_server, getattr(personas, name).username, PASSWORD)
        shown = set(page.eval_on_selector_all("[data-nav]", "els => els.map(e => e.dataset.nav)"))
        assert present <= shown and not (absent & shown), name
        page.context.close()


def test_wrong_password_shows_a_chinese_message(browser, live_server, personas):
    page = login(browser, live_server, "sy_fagai", "Wrong-pass-1")
    assert "用户名或密码不正确" in page.content()
    screenshot(page, "login-failed")
    page.context.close()


def test_language_switch_shows_english(browser, live_server, personas):
    page = login(browser, live_server, "sy_fagai", PASSWORD)
    page.click("button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    assert (
        "English" not in page.locator("nav").inner_text()
        or "中文" in page.locator("nav").inner_text()
    )
    assert page.locator("html").get_attribute("lang") == "en"
    screenshot(page, "english")
    page.context.close()

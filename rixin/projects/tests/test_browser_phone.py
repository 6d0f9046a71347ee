"""The library and 月度填报 on a phone (390 px): one card per project, nothing off-screen,
the filter block folded away until asked for."""

import pytest

from rixin.projects.choices import ProjectStatus
from rixin.projects.tests.factories import project, report
from rixin.testing import PASSWORD
from rixin.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_cards(page, width: int, rows: int) -> None:
    cards = page.locator("[data-testid=cards] tbody tr")
    assert cards.count() == rows
    for i in range(rows):
        box = cards.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        assert box["height"] > 60  # a card with its labelled fields, not a crushed row
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def assert_filters_fold(page) -> None:
    filters = page.locator("[data-testid=filters]")
    assert not filters.is_visible()
    page.click("[data-testid=filters-toggle]")
    filters.wait_for(state="visible")


def test_the_library_and_the_monthly_reports_are_cards_on_a_phone(browser, live_server, personas):
    for name in ("寿阳县滨阳路改造工程", "城南新材料产业园基础设施管线工程"):
        built = project(personas.transport, name=name, status=ProjectStatus.UNDER_CONSTRUCTION)
        report(personas.transport, built, 6, "120")
    page = login(browser, live_server, personas.officer.username, PASSWORD, (390, 844))
    page.goto(f"{live_server.url}/projects/?year=2024&month=6")
    assert_cards(page, 390, 2)
    label = page.eval_on_selector(
        "[data-testid=cards] tbody td[data-label]",
        "el => getComputedStyle(el, '::before').content",
    )
    assert label == '"类别"'  # each value under its label
    assert_filters_fold(page)
    screenshot(page, "projects-390")
    page.goto(f"{live_server.url}/projects/reporting/?year=2024&month=6")
    assert_cards(page, 390, 2)
    assert_filters_fold(page)
    screenshot(page, "reporting-390")
    page.context.close()


def test_the_filters_stay_open_on_a_desk(browser, live_server, personas):
    page = login(browser, live_server, personas.officer.username, PASSWORD, (1440, 900))
    page.goto(f"{live_server.url}/projects/")
    assert page.locator("[data-testid=filters]").is_visible()
    assert not page.locator("[data-testid=filters-toggle]").is_visible()
    assert page.locator("[data-testid=cards] thead").is_visible()
    page.context.close()

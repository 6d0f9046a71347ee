"""The enterprise's appeals on a phone (390 px): cards with the status on screen."""

import pytest

from rixin.appeals.tests.factories import dispatched, moment, registered
from rixin.testing import PASSWORD
from rixin.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_enterprises_appeals_are_cards_with_their_status(browser, live_server, personas):
    registered(personas, at=moment("2024-07-10"), title="融资担保")
    dispatched(personas, at=moment("2024-07-22"), title="用电增容审批慢")
    page = login(browser, live_server, personas.enterprise_user.username, PASSWORD, (390, 844))
    page.goto(f"{live_server.url}/appeals/")
    cards = page.locator("[data-testid=cards] tbody tr")
    assert cards.count() == 2
    for i in range(2):
        box = cards.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 391
        status = cards.nth(i).locator("td").last.bounding_box()
        assert status["x"] + status["width"] <= 391 and status["width"] > 100  # on screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page.locator("[data-testid=filters]").is_visible()
    page.click("[data-testid=filters-toggle]")
    page.locator("[data-testid=filters]").wait_for(state="visible")
    screenshot(page, "appeals-enterprise-390")
    page.context.close()

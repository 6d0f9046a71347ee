"""我的待办 on a phone (390 px: one card per row, nothing off-screen) and at 1440 px."""

import pytest

from rixin.appeals.tests.factories import dispatched, moment
from rixin.testing import PASSWORD
from rixin.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_to_do_list_renders_as_cards_at_390_and_1440_px(browser, live_server, personas):
    for title in ("用电增容审批慢", "道路占用许可审批时间较长需要协调", "施工围挡"):
        dispatched(
            personas, at=moment("2024-07-22"), lead=personas.transport.department, title=title
        )
    for width, height in ((390, 844), (1440, 900)):
        page = login(browser, live_server, personas.transport.username, PASSWORD, (width, height))
        assert page.url.endswith("/todo/")  # the landing page
        cards = page.locator("[data-testid=todo-item]")
        assert cards.count() == 3
        boxes = [cards.nth(i).bounding_box() for i in range(3)]
        assert all(box["x"] >= 0 and box["x"] + box["width"] <= width + 1 for box in boxes)
        same_row = len({round(box["y"]) for box in boxes}) == 1
        assert same_row == (width == 1440)  # a column of cards on the phone, a row on a desk
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width  # nothing off-screen
        screenshot(page, f"todo-transport-{width}")
        page.context.close()

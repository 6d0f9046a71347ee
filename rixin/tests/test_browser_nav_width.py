"""The navigation fits on one line at 1440 px, in Chinese and in English, for every working
role, with the search box and the language switch on screen."""

import pytest

from rixin.testing import PASSWORD
from rixin.tests.browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES = ("county_admin", "leader", "officer", "gongshanglian", "zhaoshang", "city_viewer")


def _one_line(page) -> dict:
    return page.evaluate(
        """() => {
          const bar = document.querySelector('nav.navbar .container-fluid');
          const tops = new Set();
          for (const el of bar.querySelectorAll(':scope > *, #mainnav > *, [data-testid=nav] > li')) {
            if (el.offsetParent !== null) tops.add(Math.round(el.getBoundingClientRect().top / 8));
          }
          const lang = document.querySelector('[data-testid=language-switch]').getBoundingClientRect();
          return {height: document.querySelector('nav.navbar').getBoundingClientRect().height,
                  langRight: lang.right, scroll: document.documentElement.scrollWidth};
        }"""
    )


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_navigation_fits_one_line_at_1440_px(browser, live_server, personas, language):
    for name in ROLES:
        user = getattr(personas, name)
        page = login(browser, live_server, user.username, PASSWORD, (1440, 900))
        if language == "en":
            page.click("[data-testid=language-switch] button")
            page.wait_for_load_state("networkidle")
        shape = _one_line(page)
        page.set_viewport_size({"width": 1440, "height": 200})
        screenshot(page, f"nav-1440-{name}-{language}")
        assert shape["height"] < 64, (name, language, shape)
        assert shape["langRight"] <= 1440 and shape["scroll"] <= 1440, (name, language, shape)
        page.context.close()

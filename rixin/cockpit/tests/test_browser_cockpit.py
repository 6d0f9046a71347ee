"""A Shouyang leader opens the cockpit on the demo: the cards show the article's figures and
every chart draws; the city viewer's tile map draws too. Screenshots: test-artifacts/cockpit-*.png"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core.management import call_command

from rixin.demo.accounts import DEMO_PASSWORD
from rixin.tests.browser import CHROMIUM, CHROMIUM_ARGS, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def in_browser():
    """in_browser(scenario) runs scenario(browser) in a thread of its own: Playwright's sync
    API allows one instance per thread, and rixin/tests' session-wide ``browser`` may be
    running in the main thread."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"BROWSER TESTS SKIPPED: Chromium not found at {CHROMIUM}")
    worker = ThreadPoolExecutor(max_workers=1)
    held = {}

    def start():
        from playwright.sync_api import sync_playwright

        held["playwright"] = sync_playwright().start()
        held["browser"] = held["playwright"].chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )

    def stop():
        held["browser"].close()
        held["playwright"].stop()

    worker.submit(start).result()
    yield lambda scenario: worker.submit(scenario, held["browser"]).result()
    worker.submit(stop).result()
    worker.shutdown()


# How many pixels of a chart's canvas are painted (not transparent).
PAINTED = """(id) => {
  const canvas = document.querySelector(`#${id} canvas`);
  if (!canvas) return 0;
  const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
  return painted;
}"""


def card_text(page, testid: str) -> str:
    return page.locator(f"[data-testid={testid}]").inner_text().replace("\n", " ")


def test_a_shouyang_leader_sees_the_half_year_in_one_page(in_browser, live_server):
    call_command("load_demo", verbosity=0)
    in_browser(lambda browser: leader_scenario(browser, live_server))


def leader_scenario(browser, live_server):
    page = login(browser, live_server, "sy_leader", DEMO_PASSWORD)
    assert page.url.endswith("/cockpit/")
    page.wait_for_function("document.querySelectorAll('.cockpit-chart canvas').length >= 3")
    assert "2024年上半年" in card_text(page, "period-label")
    gdp = card_text(page, "card-gdp")
    assert "98.03" in gdp and "亿元" in gdp and "6.2%" in gdp and "全市第一" in gdp
    assert "32" in card_text(page, "card-fai") and "10.2%" in card_text(page, "card-fai")
    signing = card_text(page, "card-signing")
    assert "76.64 亿元" in signing and "106.44%" in signing
    start = card_text(page, "card-start-rate")
    assert "50%" in start and "125%" in start
    projects = card_text(page, "card-projects")
    assert "271 个项目" in projects and "735 亿元" in projects
    for chart in ("chart-investment", "chart-ranks", "chart-funnel"):
        assert page.evaluate(PAINTED, chart) > 1000, chart
    screenshot(page, "cockpit-shouyang-2024h1")

    page.goto(f"{live_server.url}/cockpit/?period=2024-07")
    page.wait_for_function("document.querySelectorAll('.cockpit-chart canvas').length >= 3")
    assert page.evaluate(PAINTED, "chart-departments") > 1000
    assert "件" in card_text(page, "card-appeals")
    screenshot(page, "cockpit-shouyang-2024-07")
    page.context.close()


def test_a_city_viewer_compares_the_eleven_counties_on_a_map(in_browser, live_server):
    call_command("load_demo", verbosity=0)
    in_browser(lambda browser: city_scenario(browser, live_server))


def city_scenario(browser, live_server):
    page = login(browser, live_server, "jz_viewer", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cockpit/city/140700/?period=2024H1")
    page.wait_for_function("document.querySelector('#tile-map canvas') !== null")
    assert page.evaluate(PAINTED, "tile-map") > 1000
    assert page.locator("[data-testid=summary-table] tbody tr").count() == 11
    page.select_option("[data-testid=map-figure]", "project_count")
    assert "figure=project_count" in page.url
    screenshot(page, "cockpit-city-jinzhong")
    page.context.close()


def test_a_province_viewer_sees_the_cities_on_a_map(in_browser, live_server):
    call_command("load_demo", verbosity=0)
    in_browser(lambda browser: province_scenario(browser, live_server))


def province_scenario(browser, live_server):
    page = login(browser, live_server, "sx_viewer", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/cockpit/province/140000/?period=2024H1")
    page.wait_for_function("document.querySelector('#tile-map canvas') !== null")
    assert page.evaluate(PAINTED, "tile-map") > 1000
    screenshot(page, "cockpit-province-shanxi")
    page.context.close()

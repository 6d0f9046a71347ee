"""The project map in Chromium: a local tile server stands in for 天地图; configuring its URL
switches the basemap on; the markers are the filtered library's; a click opens the card."""

import threading
import zlib
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from struct import pack

import pytest

from rixin.maps.actions import save_map_settings
from rixin.projects.models import Project
from rixin.testing import PASSWORD, SHOUYANG
from rixin.tests.browser import login, screenshot

from .factories import planned, sited

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _png(rgb=(200, 230, 201)) -> bytes:
    """A 256×256 PNG of one colour, written by hand (zlib + CRC), as a tile server sends."""
    raw = b"".join(b"\x00" + bytes(rgb) * 256 for _ in range(256))

    def chunk(kind, data):
        return pack(">I", len(data)) + kind + data + pack(">I", zlib.crc32(kind + data))

    header = pack(">IIBBBBB", 256, 256, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.fixture
def tile_server():
    tile, seen = _png(), []

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(tile)))
            self.end_headers()
            self.wfile.write(tile)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", seen
    server.shutdown()


def _projects(personas):
    road = sited(personas.transport, "旅游公路", "37.880", "113.120", status="under_construction")
    planned(road, done="10")
    sited(
        personas.transport,
        "污水处理厂",
        "37.930",
        "113.230",
        status="under_construction",
        total_investment=Decimal("90000"),
    )
    sited(personas.transport, "物流园", "37.850", "113.250")
    sited(personas.transport, "待定位项目", None, None, status="under_construction")
    return road


def test_tiles_load_markers_match_the_library_and_a_click_opens_the_card(
    browser, live_server, personas, tile_server
):
    base, seen = tile_server
    road = _projects(personas)
    save_map_settings(
        acting_user=personas.county_admin,
        county_code=SHOUYANG,
        service="xyz",
        url_template=base + "/tiles/{z}/{x}/{y}.png?tk={key}",
        tile_key="testkey",
        attribution="本地测试瓦片",
        review_number="GS(2024)0000号",
    )
    query = "status=under_construction&year=2024&month=6"
    located = Project.objects.filter(status="under_construction").exclude(latitude=None).count()
    page = login(browser, live_server, personas.leader.username, PASSWORD, viewport=(1440, 900))
    page.goto(f"{live_server.url}/maps/projects/?{query}")
    page.wait_for_selector("#project-map[data-ready='1']")
    page.wait_for_selector("img.leaflet-tile-loaded")
    assert any(path.startswith("/tiles/") and "tk=testkey" in path for path in seen)
    assert page.get_attribute("#project-map", "data-markers") == str(located) == "2"
    assert page.locator("[data-testid=unlocated]").inner_text().startswith("待定位项目")
    assert "GS(2024)0000号" in page.locator(".leaflet-control-attribution").inner_text()
    page.wait_for_timeout(400)
    screenshot(page, "maps-project-map-1440")
    page.locator(f"path.project-{road.pk}").click()
    card = page.locator(f".rixin-card[data-project='{road.pk}']")
    card.wait_for()
    assert "旅游公路" in card.inner_text() and "2024-06" in card.inner_text()
    assert card.locator("a").get_attribute("href").startswith(f"/projects/{road.pk}/")
    screenshot(page, "maps-project-card-1440")
    page.context.close()

    phone = login(browser, live_server, personas.leader.username, PASSWORD, viewport=(390, 844))
    phone.goto(f"{live_server.url}/maps/projects/?{query}")
    phone.wait_for_selector("#project-map[data-ready='1']")
    phone.wait_for_selector("img.leaflet-tile-loaded")
    phone.wait_for_timeout(400)
    screenshot(phone, "maps-project-map-390")
    phone.context.close()


def test_without_a_basemap_the_map_is_a_grid_with_the_centroid(browser, live_server, personas):
    _projects(personas)
    page = login(browser, live_server, personas.leader.username, PASSWORD, viewport=(1440, 900))
    page.goto(f"{live_server.url}/maps/projects/")
    page.wait_for_selector("#project-map[data-ready='1']")
    assert page.locator("img.leaflet-tile").count() == 0
    assert page.locator(".leaflet-control-scale").count() == 1
    assert "县域中心点" in page.locator("#project-map").inner_text()
    assert "地图底图设置" in page.locator("[data-testid=basemap-hint]").inner_text()
    page.wait_for_timeout(300)
    screenshot(page, "maps-project-map-plain-1440")
    page.context.close()


def test_the_city_views_project_map_is_a_tab_drawn_when_shown(browser, live_server, personas):
    _projects(personas)
    page = login(
        browser, live_server, personas.city_viewer.username, PASSWORD, viewport=(1440, 900)
    )
    page.goto(f"{live_server.url}/cockpit/city/140700/?period=2024H1")
    page.wait_for_selector("[data-testid=tile-map] canvas")
    # Hidden at first, and not drawn until its tab is shown (a hidden map has no size).
    assert not page.locator("#pane-map").is_visible()
    assert page.get_attribute("#city-map", "data-initialised") is None
    page.locator("[data-testid=city-map-tab]").click()
    page.wait_for_selector("#city-map[data-ready='1']")
    assert page.locator("#pane-map").is_visible() and not page.locator("#pane-tiles").is_visible()
    assert page.locator("#city-map").bounding_box()["height"] > 200
    assert not page.locator("#map-figure").is_visible()  # the figure belongs to the schematic
    assert "tab=map" in page.url
    page.wait_for_timeout(300)
    screenshot(page, "maps-city-tab-1440")
    page.locator("#tab-tiles").click()
    page.wait_for_selector("#pane-tiles.active")
    assert page.locator("#map-figure").is_visible()
    page.context.close()

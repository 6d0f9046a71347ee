"""The tile key is kept out of the settings page and the audit log (shown masked; a blank
field keeps it); the city view's project map is a tab of its own beside the schematic."""

import json

import pytest
from django.urls import reverse

from rixin.audit.models import AuditEvent
from rixin.maps.actions import save_map_settings
from rixin.maps.models import MapSettings, mask_key
from rixin.testing import SHOUYANG

pytestmark = pytest.mark.django_db
KEY = "tk0123456789abcdef"
TEMPLATE = "https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}"


def _configured(personas):
    return save_map_settings(
        acting_user=personas.county_admin,
        county_code=SHOUYANG,
        service="wmts",
        url_template=TEMPLATE,
        tile_key=KEY,
        subdomains="01234567",
    )


def _post(client, settings, **values):
    data = {
        "version": settings.version,
        "service": "wmts",
        "url_template": TEMPLATE,
        "subdomains": "01234567",
        "coordinate_system": "wgs84",
        "max_zoom": 18,
    } | values
    return client.post("/maps/basemap/", data)


def test_mask_keeps_the_last_four_characters_only():
    assert mask_key(KEY) == "•" * (len(KEY) - 4) + "cdef"
    assert mask_key("short") == "•••••"
    assert mask_key("") == ""


def test_the_settings_page_shows_the_key_masked_and_a_blank_field_keeps_it(personas, client_for):
    settings = _configured(personas)
    client = client_for(personas.county_admin)
    page = client.get("/maps/basemap/").text
    assert KEY not in page and settings.masked_key in page
    assert _post(client, settings, tile_key="").status_code == 302
    kept = MapSettings.objects.get(county_id=SHOUYANG)
    assert kept.tile_key == KEY
    assert _post(client, kept, tile_key="newkey-98765432").status_code == 302
    replaced = MapSettings.objects.get(county_id=SHOUYANG)
    assert replaced.tile_key == "newkey-98765432"
    # Cleared while the template still names {key}: refused, the key stays.
    refused = _post(client, replaced, clear_tile_key="on")
    assert refused.status_code == 200 and "tk" in refused.text
    assert MapSettings.objects.get(county_id=SHOUYANG).tile_key == "newkey-98765432"


def test_the_audit_log_never_holds_the_key(personas, client_for):
    settings = _configured(personas)
    _post(client_for(personas.county_admin), settings, tile_key="newkey-98765432")
    events = AuditEvent.objects.filter(object_type="maps.mapsettings")
    text = json.dumps([[e.before, e.after] for e in events], ensure_ascii=False)
    assert KEY not in text and "newkey-98765432" not in text
    assert mask_key("newkey-98765432") in text  # the change of key is recorded, masked


def test_the_map_pages_send_the_key_only_in_the_tile_url(personas, client_for):
    _configured(personas)
    page = client_for(personas.leader).get(reverse("maps_projects")).text
    assert page.count(KEY) == 1 and f"tk={KEY}" in page


def test_the_city_view_has_the_project_map_as_a_tab(personas, client_for):
    url = reverse("city_cockpit", kwargs={"code": "140700"})
    client = client_for(personas.city_viewer)
    page = client.get(url + "?period=2024H1").text
    assert 'data-testid="city-tabs"' in page
    assert 'data-bs-target="#pane-map"' in page
    pane = page[page.index('id="pane-map"') - 60 :]
    assert pane.index('data-testid="city-map"') < pane.index("</div>\n      </div>")
    assert 'class="tab-pane fade" id="pane-map"' in page  # the schematic first
    assert 'class="tab-pane fade show active" id="pane-tiles"' in page
    on_map = client.get(url + "?period=2024H1&tab=map").text
    assert 'class="tab-pane fade show active" id="pane-map"' in on_map
    assert 'class="tab-pane fade" id="pane-tiles"' in on_map

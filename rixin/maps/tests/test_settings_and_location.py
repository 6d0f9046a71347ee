"""The basemap a county administrator sets, and the check of a project site."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.accounts.access import MissingActor
from rixin.audit.models import AuditEvent
from rixin.maps.actions import save_map_settings
from rixin.maps.geo import basemap_config, check_location
from rixin.maps.models import MapSettings
from rixin.maps.transform import gcj02_to_wgs84, wgs84_to_gcj02
from rixin.testing import SHOUYANG, division

pytestmark = pytest.mark.django_db
TIANDITU = (
    "https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&LAYER=vec"
    "&TILEMATRIXSET=w&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}"
)


def test_county_admin_sets_the_basemap_with_an_audit_record(personas):
    saved = save_map_settings(
        acting_user=personas.county_admin,
        county_code=SHOUYANG,
        url_template=TIANDITU,
        tile_key="abc123",
        subdomains="01234567",
        review_number="GS(2024)0568号",
    )
    assert saved.tile_url().endswith("TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc123")
    assert AuditEvent.objects.filter(object_type="maps.mapsettings").exists()
    config = basemap_config(division(SHOUYANG))
    assert config["tiles"] == saved.tile_url()
    assert "GS(2024)0568号" in config["attribution"]


def test_only_the_countys_own_admin_sets_it(personas):
    for user in (personas.leader, personas.officer, personas.other_officer):
        with pytest.raises(PermissionDenied):
            save_map_settings(acting_user=user, county_code=SHOUYANG, url_template=TIANDITU)
    with pytest.raises(MissingActor):
        save_map_settings(acting_user=None, county_code=SHOUYANG)
    assert not MapSettings.objects.exists()


def test_a_template_without_tile_placeholders_or_key_is_refused(personas):
    with pytest.raises(ValidationError) as bad:
        save_map_settings(
            acting_user=personas.county_admin,
            county_code=SHOUYANG,
            url_template="https://example.invalid/tile.png",
        )
    assert "url_template" in bad.value.message_dict
    with pytest.raises(ValidationError) as keyless:
        save_map_settings(
            acting_user=personas.county_admin, county_code=SHOUYANG, url_template=TIANDITU
        )
    assert "tile_key" in keyless.value.message_dict


def test_the_settings_page_saves_through_the_action(personas, client_for):
    client = client_for(personas.county_admin)
    page = client.get("/maps/basemap/")
    assert "天地图" in page.text
    response = client.post(
        "/maps/basemap/",
        {
            "service": "xyz",
            "url_template": "https://tiles.example.invalid/{z}/{x}/{y}.png",
            "coordinate_system": "gcj02",
            "max_zoom": 18,
        },
    )
    assert response.status_code == 302
    assert MapSettings.objects.get(county_id=SHOUYANG).coordinate_system == "gcj02"


def test_without_a_basemap_the_map_says_which_setting_turns_it_on(personas, client_for):
    config = basemap_config(division(SHOUYANG))
    assert config["tiles"] == "" and config["centre"] is not None
    page = client_for(personas.leader).get("/maps/projects/")
    assert "地图底图设置" in page.text and 'data-testid="basemap-hint"' in page.text
    # No inline script: data travels in json_script elements, code in static files.
    scripts = re.findall(r"<script(?![^>]*(?:src=|application/json))[^>]*>", page.text)
    assert scripts == []


def test_location_in_range_inside_the_county_passes_without_warning(personas):
    result = check_location(SHOUYANG, "37.895", "113.177")
    assert result.ok and not result.warnings
    assert result.latitude == Decimal("37.895000")


def test_location_outside_the_county_warns_but_is_accepted(personas):
    result = check_location(SHOUYANG, "39.9", "116.4")
    assert result.ok and result.warnings and "寿阳县" in result.warnings[0]


@pytest.mark.parametrize(
    ("lat", "lon", "field"),
    [
        ("91", "113", "latitude"),
        ("37", "181", "longitude"),
        ("abc", "113", "latitude"),
        ("37.9", "", "longitude"),
    ],
)
def test_location_out_of_range_or_half_given_is_refused(personas, lat, lon, field):
    assert field in check_location(SHOUYANG, lat, lon).errors


def test_a_point_picked_on_gcj02_tiles_is_stored_in_wgs84(personas):
    shifted = wgs84_to_gcj02(37.895, 113.177)
    result = check_location(SHOUYANG, *shifted, crs="gcj02")
    assert float(result.latitude) == pytest.approx(37.895, abs=2e-6)
    assert float(result.longitude) == pytest.approx(113.177, abs=2e-6)
    assert gcj02_to_wgs84(*shifted)[0] == pytest.approx(37.895, abs=1e-6)


def test_the_widget_check_answers_in_json(personas, client_for):
    data = client_for(personas.officer).get("/maps/location/check/?lat=39.9&lon=116.4").json()
    assert data["latitude"] == "39.900000" and data["warnings"] and data["shown"]

"""The tile maps are laid out from the divisions' centroids."""

import pytest
from django.urls import reverse

from rixin.cockpit import maps
from rixin.regions.models import Division

pytestmark = pytest.mark.django_db


def test_every_shanxi_county_has_a_tile_of_its_own():
    codes = Division.objects.get(code="140000").county_codes()
    positions = maps.tiles("140000", codes)
    assert len(codes) == 117 and set(positions) == set(codes)
    assert len(set(positions.values())) == len(codes)


@pytest.mark.parametrize("division", ["140000", "110000", "650000", "440000"])
def test_any_province_cities_get_distinct_tiles(division):
    codes = list(Division.objects.filter(parent_id=division).values_list("code", flat=True))
    positions = maps.tiles(division, codes)
    assert set(positions) == set(codes) and len(set(positions.values())) == len(codes)


def test_jinzhong_keeps_north_and_south_east_and_west():
    tile = maps.tiles("140700", Division.objects.get(code="140700").county_codes())
    shouyang, lingshi, jiexiu, xiyang = (tile[c] for c in ("140725", "140729", "140781", "140724"))
    assert shouyang[1] < lingshi[1]  # 寿阳 north of 灵石
    assert jiexiu[0] < xiyang[0]  # 介休 west of 昔阳
    assert min(x for x, _y in tile.values()) == 0 and min(y for _x, y in tile.values()) == 0


def test_a_division_without_a_centroid_goes_below_the_map():
    Division.objects.filter(code="140781").update(lon=None, lat=None)
    tile = maps.tiles("140700", Division.objects.get(code="140700").county_codes())
    others = [y for code, (_x, y) in tile.items() if code != "140781"]
    assert tile["140781"][1] > max(others)


def test_one_division_alone_takes_the_first_tile():
    assert maps.tiles("140700", ["140725"]) == {"140725": (0, 0)}


def test_the_province_view_lays_out_its_117_counties(personas, client_for):
    client = client_for(personas.province_viewer)
    response = client.get(reverse("province_cockpit", kwargs={"code": "140000"}))
    assert response.status_code == 200
    tiles = response.context["tiles"]
    assert len(tiles) == 117
    assert len({(t["x"], t["y"]) for t in tiles}) == 117  # one tile each
    assert {t["code"] for t in tiles} == {r.code for r in response.context["result"].rows}
    assert len(response.context["cities"]) == 11  # the table keeps each county's city


def test_the_county_cockpit_shows_the_project_map_and_the_city_view_its_map_tab(
    personas, client_for
):
    county = client_for(personas.leader).get(reverse("cockpit") + "?period=2024H1")
    assert 'data-testid="cockpit-map"' in county.content.decode()
    assert county.context["map_panel"]["county"].code == "140725"
    city = client_for(personas.city_viewer).get(
        reverse("city_cockpit", kwargs={"code": "140700"}) + "?period=2024H1"
    )
    assert 'data-testid="city-map"' in city.content.decode()
    assert city.context["map_tab"]["city"].code == "140700"

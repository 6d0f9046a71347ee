"""GET /api/v1/projects/geojson: the library's filters, scoped like every list."""

from decimal import Decimal

import pytest

from rixin.maps.transform import wgs84_to_gcj02

from .factories import planned, sited

pytestmark = pytest.mark.django_db
URL = "/api/v1/projects/geojson"


def _names(response):
    return {f["properties"]["name"] for f in response.json()["features"]}


def test_another_countys_projects_never_appear(personas, client_for):
    sited(personas.transport, "寿阳旅游公路", "37.90", "113.18")
    sited(personas.other_officer, "榆次物流园", "37.70", "112.71")
    assert _names(client_for(personas.leader).get(URL)) == {"寿阳旅游公路"}
    assert _names(client_for(personas.other_leader).get(URL)) == {"榆次物流园"}
    # Asking for the other county by name gives nothing more.
    assert _names(client_for(personas.leader).get(URL + "?county=140702")) == set()


def test_the_city_viewer_sees_the_citys_counties_together(personas, client_for):
    sited(personas.transport, "寿阳旅游公路", "37.90", "113.18")
    sited(personas.other_officer, "榆次物流园", "37.70", "112.71")
    response = client_for(personas.city_viewer).get(URL + "?city=140700")
    assert _names(response) == {"寿阳旅游公路", "榆次物流园"}


def test_enterprise_user_and_anonymous_are_refused(personas, client_for):
    assert client_for(personas.enterprise_user).get(URL).status_code == 403
    from django.test import Client

    assert Client().get(URL).status_code == 401


def test_the_librarys_filters_apply(personas, client_for):
    sited(personas.transport, "旅游公路", "37.90", "113.18", status="under_construction")
    sited(personas.transport, "污水处理厂", "37.91", "113.19")
    client = client_for(personas.leader)
    assert _names(client.get(URL + "?status=under_construction")) == {"旅游公路"}
    assert _names(client.get(URL + "?q=污水")) == {"污水处理厂"}
    assert _names(client.get(URL + "?category=livelihood")) == set()


def test_health_filter_and_the_card_figures(personas, client_for):
    behind = planned(sited(personas.transport, "滞后项目", "37.90", "113.18"), done="10")
    planned(sited(personas.transport, "超前项目", "37.91", "113.19"), done="1100")
    client = client_for(personas.leader)
    data = client.get(URL + "?year=2024&month=6&health=behind").json()
    assert [f["properties"]["name"] for f in data["features"]] == ["滞后项目"]
    card = data["features"][0]["properties"]
    assert card["id"] == behind.pk
    assert card["health"] == "behind" and card["color"] == "#dc3545"
    assert card["latest_period"] == "2024-06" and card["latest_investment"] == 10.0
    assert card["physical"] == 40.0
    assert card["url"].startswith(f"/projects/{behind.pk}/")


def test_projects_without_a_site_are_listed_apart_with_their_edit_link(personas, client_for):
    item = sited(personas.transport, "待定位项目", None, None)
    data = client_for(personas.leader).get(URL).json()
    assert data["features"] == []
    assert data["unlocated"][0]["edit_url"] == f"/projects/{item.pk}/edit/"
    assert data["count"] == 1


def test_points_are_wgs84_unless_gcj02_is_asked(personas, client_for):
    sited(personas.transport, "旅游公路", "37.895000", "113.177000")
    client = client_for(personas.leader)
    plain = client.get(URL).json()["features"][0]["geometry"]["coordinates"]
    assert plain == [113.177, 37.895]
    shifted = client.get(URL + "?crs=gcj02").json()["features"][0]["geometry"]["coordinates"]
    lat, lon = wgs84_to_gcj02(37.895, 113.177)
    assert shifted == [round(lon, 6), round(lat, 6)]


def test_investment_is_carried_for_the_marker_size(personas, client_for):
    sited(personas.transport, "大项目", "37.90", "113.18", total_investment=Decimal("250000"))
    card = client_for(personas.leader).get(URL).json()["features"][0]["properties"]
    assert card["total_investment"] == 250000.0 and card["total_investment_yi"] == "25"

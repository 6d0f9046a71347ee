"""Appeals on the map: the density for 营商环境局 and leaders, never a confidential one;
public Open311 requests as points."""

import pytest

from rixin.appeals import actions
from rixin.appeals.tests.factories import moment, registered

pytestmark = pytest.mark.django_db
DENSITY = "/maps/appeals/density.json?year=2024&from=1&to=12"


def _appeals(personas):
    at = moment("2024-05-10")
    open_one = registered(personas, at=at, latitude="37.8951", longitude="113.1771")
    registered(personas, at=at, title="用地", latitude="37.8952", longitude="113.1772")
    registered(
        personas,
        at=at,
        title="保密事项",
        latitude="37.70",
        longitude="113.00",
        is_confidential=True,
    )
    return open_one


def test_density_counts_appeals_by_cell_and_never_a_confidential_one(personas, client_for):
    _appeals(personas)
    for user in (personas.yingshang, personas.leader):
        cells = client_for(user).get(DENSITY).json()["cells"]
        assert [c["count"] for c in cells] == [2]


def test_density_follows_the_period_and_category(personas, client_for):
    _appeals(personas)
    client = client_for(personas.leader)
    assert client.get("/maps/appeals/density.json?year=2024&from=6&to=12").json()["cells"] == []
    assert client.get(DENSITY + "&category=999999").json()["cells"] == []


def test_density_is_refused_to_other_officers(personas, client_for):
    for user in (personas.gongshanglian, personas.officer, personas.city_viewer):
        assert client_for(user).get(DENSITY).status_code == 403


def test_public_requests_are_points_for_every_map_reader(personas, client_for):
    appeal = _appeals(personas)
    actions.publish_appeal(appeal, True, acting_user=personas.gongshanglian)
    points = client_for(personas.officer).get("/maps/appeals/public.json").json()["points"]
    assert [p["number"] for p in points] == [appeal.number]
    other = client_for(personas.other_officer).get("/maps/appeals/public.json?county=140725")
    assert other.json()["points"] == []

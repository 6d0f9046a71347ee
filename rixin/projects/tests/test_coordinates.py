"""Latitude and longitude out of range are refused on the project form and the API."""

import pytest

from rixin.projects.models import Project

from .factories import project

pytestmark = pytest.mark.django_db


def _form_data(personas, **extra):
    return {
        "name": "坐标项目",
        "category": "industrial",
        "department": personas.transport.department_id,
        "level": "county",
        "total_investment": "100",
        **extra,
    }


def test_the_form_refuses_latitude_95_and_longitude_200(personas, client_for):
    client = client_for(personas.transport)
    response = client.post("/projects/new/", _form_data(personas, latitude="95", longitude="200"))
    errors = response.context["form"].errors
    # The form checks the site with the map's rule (rixin.maps.geo.check_location).
    assert "纬度应在 -90 到 90 度之间。" in errors["latitude"]
    assert "经度应在 -180 到 180 度之间。" in errors["longitude"]
    assert not Project.objects.exists()
    ok = client.post("/projects/new/", _form_data(personas, latitude="37.88", longitude="113.18"))
    assert ok.status_code == 302


@pytest.mark.parametrize(("field", "value"), [("latitude", 95), ("longitude", 200)])
def test_the_api_refuses_coordinates_out_of_range(personas, client_for, field, value):
    client = client_for(personas.transport)
    body = {
        "name": "坐标项目",
        "category": "industrial",
        "department": personas.transport.department_id,
        "total_investment": "100",
        field: value,
    }
    response = client.post("/api/v1/projects/", body, content_type="application/json")
    assert response.status_code == 422
    assert not Project.objects.exists()
    item = project(personas.transport)
    patch = client.patch(
        f"/api/v1/projects/{item.pk}",
        {"version": item.version, field: value},
        content_type="application/json",
    )
    assert patch.status_code == 422
    assert getattr(Project.objects.get(pk=item.pk), field) is None

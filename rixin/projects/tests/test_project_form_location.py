"""The project form places the site on a map and checks it with the map's one rule: numbers
in range, both or neither, and a warning (not a refusal) outside the county's box."""

import pytest
from django.contrib.messages import get_messages

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


def test_the_new_project_form_shows_the_location_widget(personas, client_for):
    response = client_for(personas.transport).get("/projects/new/")
    assert response.status_code == 200
    assert "data-location-widget" in response.text
    assert 'data-lat="id_latitude"' in response.text and 'data-lon="id_longitude"' in response.text
    assert response.context["location_widget"]["check_url"]


def test_the_edit_form_shows_the_location_widget(personas, client_for):
    item = project(personas.transport)
    response = client_for(personas.transport).get(f"/projects/{item.pk}/edit/")
    assert response.status_code == 200
    assert "data-location-widget" in response.text


def test_a_latitude_without_a_longitude_is_refused_on_the_field(personas, client_for):
    response = client_for(personas.transport).post(
        "/projects/new/", _form_data(personas, latitude="37.9")
    )
    assert response.status_code == 200
    assert "经度和纬度须同时填写,或都不填。" in response.context["form"].errors["longitude"]
    assert not Project.objects.exists()


def test_a_site_inside_the_county_is_saved_without_a_warning(personas, client_for):
    response = client_for(personas.transport).post(
        "/projects/new/", _form_data(personas, latitude="37.895", longitude="113.177")
    )
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    saved = Project.objects.get()
    assert (str(saved.latitude), str(saved.longitude)) == ("37.895000", "113.177000")


def test_a_site_outside_the_county_is_saved_with_a_warning_message(personas, client_for):
    response = client_for(personas.transport).post(
        "/projects/new/", _form_data(personas, latitude="30.0", longitude="120.0")
    )
    assert response.status_code == 302
    warnings = [m.message for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "寿阳县" in warnings[0] and "请核对" in warnings[0]
    assert Project.objects.get().latitude is not None

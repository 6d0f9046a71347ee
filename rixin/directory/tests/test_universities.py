import pytest

from rixin.directory.models import University

pytestmark = pytest.mark.django_db


def test_county_admin_adds_a_university(personas, client_for):
    response = client_for(personas.county_admin).post(
        "/universities/new/",
        {"name": "太原理工大学", "short_name": "太原理工", "city_name": "太原"},
    )
    assert response.status_code == 302 and University.objects.filter(name="太原理工大学").exists()


def test_officer_cannot_add_a_university(personas, client_for):
    response = client_for(personas.officer).post("/universities/new/", {"name": "某大学"})
    assert response.status_code == 403 and not University.objects.exists()


def test_duplicate_university_name_is_refused(personas, client_for):
    client = client_for(personas.county_admin)
    client.post("/universities/new/", {"name": "中北大学"})
    response = client.post("/universities/new/", {"name": "中北大学"})
    assert response.status_code == 200 and University.objects.filter(name="中北大学").count() == 1


def test_university_search(personas, client_for):
    client = client_for(personas.county_admin)
    client.post("/universities/new/", {"name": "中北大学"})
    client.post("/universities/new/", {"name": "太原理工大学"})
    response = client_for(personas.officer).get("/universities/", {"q": "中北"})
    assert "中北大学" in response.text and "太原理工大学" not in response.text

"""Who may open the cockpit and the comparisons (the matrix covers every role; these read as
the rules)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_leader_of_another_county_gets_404_for_shouyangs_cockpit(personas, client_for):
    client = client_for(personas.other_leader)
    assert client.get(reverse("county_cockpit", kwargs={"county": "140725"})).status_code == 404
    assert client.get("/api/v1/cockpit/county/140725").status_code == 404


def test_county_staff_open_their_own_county_by_default(personas, client_for):
    response = client_for(personas.officer).get(reverse("cockpit"))
    assert response.status_code == 200
    assert response.context["county"].code == "140725"
    assert not response.context["counties"]  # no county picker for county staff


def test_a_city_viewer_picks_any_county_of_the_city(personas, client_for):
    client = client_for(personas.city_viewer)
    response = client.get(reverse("county_cockpit", kwargs={"county": "140725"}))
    assert response.status_code == 200
    assert len(response.context["counties"]) == 11
    assert response.context["city_link"].startswith("/cockpit/city/140700/")


def test_a_county_outside_the_viewers_city_answers_404(personas, client_for):
    response = client_for(personas.city_viewer).get("/cockpit/county/140105/")
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["enterprise_user", "sysadmin", "secadmin", "auditor"])
def test_enterprises_and_administrators_get_403(personas, client_for, persona):
    client = client_for(getattr(personas, persona))
    assert client.get(reverse("cockpit")).status_code == 403
    assert client.get("/api/v1/cockpit/county/140725").status_code == 403


def test_county_staff_do_not_compare_counties(personas, client_for):
    client = client_for(personas.leader)
    assert client.get(reverse("city_cockpit", kwargs={"code": "140700"})).status_code == 403
    assert client.get("/api/v1/cockpit/city/140700").status_code == 403


def test_a_city_viewer_cannot_open_another_city_or_the_province(personas, client_for):
    client = client_for(personas.city_viewer)
    assert client.get(reverse("city_cockpit", kwargs={"code": "140100"})).status_code == 404
    assert client.get(reverse("province_cockpit", kwargs={"code": "140000"})).status_code == 403


def test_the_province_viewer_compares_the_provinces_counties(personas, client_for):
    client = client_for(personas.province_viewer)
    response = client.get(reverse("province_cockpit", kwargs={"code": "140000"}))
    assert response.status_code == 200
    assert len(response.context["result"].rows) == 117  # Shanxi's county-level units
    assert len(response.context["tiles"]) == 117  # every county, by its centroid
    assert client.get(reverse("province_cockpit", kwargs={"code": "110000"})).status_code == 404


def test_the_comparison_entry_leads_each_account_to_its_own_division(personas, client_for):
    city = client_for(personas.city_viewer).get(reverse("comparison_home"))
    province = client_for(personas.province_viewer).get(reverse("comparison_home"))
    assert city["Location"].startswith("/cockpit/city/140700/")
    assert province["Location"].startswith("/cockpit/province/140000/")


def test_a_bad_period_shows_a_message_and_the_default_period(personas, client_for):
    response = client_for(personas.leader).get(reverse("cockpit") + "?period=2024Q9")
    assert response.status_code == 200
    assert any("2024Q9" in str(m) for m in response.context["messages"])
    assert (
        client_for(personas.leader).get("/api/v1/cockpit/county/140725?period=x").status_code == 422
    )


def test_county_staff_land_on_the_cockpit(personas, client_for):
    response = client_for(personas.leader).get(reverse("home"))
    assert response["Location"] == reverse("cockpit")

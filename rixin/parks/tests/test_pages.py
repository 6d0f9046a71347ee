"""The parks pages and API: what they show, and the query counts of the lists."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from rixin.parks.models import ProjectCapacity
from rixin.parks.views import project_panel_context
from rixin.projects.choices import ProjectStatus as S

from . import factories

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def _parks(count):
    for n in range(count):
        park = factories.park("140725", f"园区{n}")
        target = factories.capacity(park, "生活用纸", "30")
        factories.declare(factories.project(park, f"项目{n}", S.COMPLETED), target, "6")


def test_the_park_page_shows_planned_under_way_and_built(personas):
    park = factories.park("140725", "造纸产业园")
    target = factories.capacity(park, "生活用纸", "30")
    factories.declare(
        factories.project(park, "在建生活用纸项目", S.UNDER_CONSTRUCTION), target, "15"
    )
    page = _client(personas.leader).get(reverse("parks:park_detail", args=[park.pk]))
    text = page.content.decode()
    assert "在建生活用纸项目" in text and "生活用纸" in text
    assert "progress-bar" in text and 'style="width: 50.0%"' in text


@pytest.mark.parametrize("size", [1, 5])
def test_the_list_and_the_board_take_a_fixed_number_of_queries(
    personas, size, django_assert_max_num_queries
):
    _parks(size)
    client = _client(personas.leader)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("parks:park_list")).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(reverse("parks:county_board", args=["140725"])).status_code == 200


def test_a_declaration_in_a_wrong_unit_through_the_form_shows_the_message(personas):
    park = factories.park("140725", "造纸产业园")
    target = factories.capacity(park, "生活用纸", "30")
    project = factories.project(park)
    url = reverse("parks:project_capacity_create", args=[project.pk])
    page = _client(personas.officer).post(
        url, {"product": target.pk, "amount": "300", "unit": "吨/日"}
    )
    assert page.status_code == 200
    assert "以“万吨/年”计" in page.content.decode()
    assert not ProjectCapacity.objects.exists()


def test_the_api_refuses_a_wrong_unit_with_422(personas):
    park = factories.park("140725", "造纸产业园")
    target = factories.capacity(park, "生活用纸", "30")
    project = factories.project(park)
    response = _client(personas.county_admin).post(
        reverse("api:parks_declare_capacity"),
        data={"project": project.pk, "product": target.pk, "amount": "3", "unit": "吨"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "unit" in response.json()["detail"]
    assert not ProjectCapacity.objects.exists()


def test_the_api_lists_the_derived_capacities(personas):
    _parks(1)
    rows = _client(personas.city_viewer).get(reverse("api:parks_list")).json()
    assert rows[0]["capacities"][0]["built"] == "6.00" or Decimal(
        rows[0]["capacities"][0]["built"]
    ) == Decimal(6)


def test_the_project_panel_lists_the_declarations(personas):
    park = factories.park("140725", "造纸产业园")
    target = factories.capacity(park, "生活用纸", "30")
    project = factories.project(park)
    factories.declare(project, target, "5")
    context = project_panel_context(project, personas.officer)
    assert [d.amount for d in context["capacity_rows"]] == [Decimal("5.00")]
    assert context["capacity_can_declare"]
    assert not project_panel_context(project, personas.leader)["capacity_can_declare"]
    assert not project_panel_context(project, personas.other_officer)["capacity_rows"]

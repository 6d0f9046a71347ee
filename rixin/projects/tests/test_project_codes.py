"""Project codes: a clear message for a malformed one, the region segment must be the
project's county (or its city or province), and full-width codes are normalised."""

import pytest
from django.core.exceptions import ValidationError

from rixin.projects.models import Project
from rixin.projects.validators import division_of, normalize_code

from .factories import project

pytestmark = pytest.mark.django_db


def _post(client, personas, code):
    return client.post(
        "/projects/new/",
        {
            "name": "代码项目",
            "category": "industrial",
            "department": personas.transport.department_id,
            "level": "county",
            "total_investment": "100",
            "code": code,
        },
    )


def test_a_code_without_hyphens_gets_the_format_message_on_the_form_and_the_api(
    personas, client_for
):
    assert division_of("2024140725440100012345") == ""
    client = client_for(personas.transport)
    response = _post(client, personas, "2024140725440100012345")
    assert "格式不正确" in " ".join(response.context["form"].errors["code"])
    api = client.post(
        "/api/v1/projects/",
        {
            "name": "代码项目",
            "category": "industrial",
            "department": personas.transport.department_id,
            "total_investment": "100",
            "code": "2024140725440100012345",
        },
        content_type="application/json",
    )
    assert api.status_code == 422 and "格式不正确" in api.content.decode("unicode_escape")
    assert not Project.objects.exists()


def test_a_yuci_code_is_refused_for_a_shouyang_project(personas):
    with pytest.raises(ValidationError, match="不是本项目所在的县"):
        project(personas.transport, code="2024-140702-48-01-000001")


@pytest.mark.parametrize("region", ["140725", "140700", "140000"])
def test_the_county_its_city_or_its_province_are_accepted(personas, region):
    item = project(personas.transport, code=f"2024-{region}-48-01-000001")
    assert item.code == f"2024-{region}-48-01-000001"


def test_a_full_width_code_is_stored_in_ascii_and_matches_its_ascii_twin(personas, client_for):
    full_width = "２０２４－１４０７２５－４８－０１－０００００１"
    assert normalize_code(full_width) == "2024-140725-48-01-000001"
    response = _post(client_for(personas.transport), personas, full_width)
    assert response.status_code == 302
    assert Project.objects.get().code == "2024-140725-48-01-000001"
    with pytest.raises(ValidationError, match="已被库中另一个项目使用"):
        project(personas.transport, code="2024-140725-48-01-000001 ")
    assert Project.objects.search(full_width).count() == 1

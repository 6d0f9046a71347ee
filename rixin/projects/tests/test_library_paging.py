"""The library's pages are counted from its totals (one COUNT, not two), and still page."""

import re

import pytest

from rixin.demo.scale import Volume, generate
from rixin.projects.models import Project

pytestmark = pytest.mark.django_db


def names(html: str) -> set[str]:
    return set(re.findall(r'<td class="card-head"><a href="/projects/(\d+)/', html))


def test_the_library_pages_by_the_count_of_its_totals(personas, client_for):
    generate(
        1,
        volume=Volume(
            projects=60, leads=0, activities_per_lead=0, appeals_per_year=0, enterprises=1
        ),
    )
    listed = Project.objects.filter(county_id="140725").count()
    assert 50 < listed <= 100
    client = client_for(personas.leader)
    first = client.get("/projects/?year=2025&month=6").text
    second = client.get("/projects/?year=2025&month=6&page=2").text
    assert f"共 <strong>{listed}</strong> 个项目" in first
    assert "1 / 2" in first and "2 / 2" in second
    assert len(names(first)) == 50 and len(names(second)) == listed - 50
    assert not names(first) & names(second)

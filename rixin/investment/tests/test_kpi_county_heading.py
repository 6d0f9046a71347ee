"""The KPI page names the county its figures are of: the reader's own (taken from the reader,
without reading the division again), or the county a city reader chose."""

import pytest

pytestmark = pytest.mark.django_db


def _heading(response) -> str:
    text = response.text
    start = text.index('<h1 class="h4 mb-0">')
    return text[start : text.index("</h1>", start)]


def test_a_county_leader_reads_the_figures_of_the_county(personas, client_for):
    response = client_for(personas.leader).get("/investment/?year=2025&period=year")
    assert response.status_code == 200
    assert personas.leader.division.display_name in _heading(response)


def test_a_city_viewer_reads_the_county_chosen(personas, client_for):
    response = client_for(personas.city_viewer).get("/investment/?county=140725&year=2025")
    assert response.status_code == 200
    heading = _heading(response)
    assert "寿阳" in heading and "晋中" not in heading

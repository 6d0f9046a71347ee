"""/api/v1/reports/: the list of a county's reports and the files."""

import pytest

from .demo import a_project_reporting

pytestmark = pytest.mark.django_db


def test_the_list_gives_each_period_with_both_files(personas, client_for):
    a_project_reporting(2024, 7)
    data = client_for(personas.city_viewer).get("/api/v1/reports/140725/").json()
    assert data["county"] == "140725"
    assert [p["period"] for p in data["periods"]] == ["2024", "2024H2", "2024Q3", "2024-07"]
    assert [p["kind"] for p in data["periods"][:3]] == ["year", "half", "quarter"]
    first = data["periods"][3]
    assert first["kind"] == "month" and first["flash"] is False
    assert [f["url"] for f in first["files"]] == [
        "/api/v1/reports/140725/2024-07/month.pdf",
        "/api/v1/reports/140725/2024-07/month.docx",
    ]
    assert first["files"][0]["page_url"] == "/reports/140725/2024-07/month.pdf"
    assert first["files"][0]["name"] == "寿阳县-2024-07-月报.pdf"


def test_the_file_comes_with_a_bearer_token(personas):
    from django.test import Client

    from rixin.accounts.actions import create_api_token

    token = create_api_token(personas.leader, "报告", acting_user=personas.leader)[1]
    response = Client().get(
        "/api/v1/reports/140725/2024H1/half.docx", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert response.content.startswith(b"PK")


def test_a_file_of_an_unknown_kind_is_404(personas, client_for):
    response = client_for(personas.leader).get("/api/v1/reports/140725/2024H1/half.xlsx")
    assert response.status_code == 404

"""The official report on the web and the API: the county administrator downloads it in
公文 form (``?mode=official``: its 发文字号 taken once), the page and the list offer it only
to those who may issue, and other readers are refused without a number being taken."""

import pytest

from rixin.reports import demo
from rixin.reports.models import IssuedReport

from .demo import a_project_reporting, docx_text, flat

pytestmark = pytest.mark.django_db

NUMBER = "寿发改〔2024〕1号"


@pytest.fixture
def frame(personas):
    demo.load()  # Shouyang's 公文 frame


def test_the_county_administrator_downloads_the_official_file_on_the_web(
    personas, client_for, frame
):
    admin = client_for(personas.county_admin)
    response = admin.get("/reports/140725/2024H1/half.docx?mode=official")
    assert response.status_code == 200
    text = flat(docx_text(response.content))
    assert "寿阳县发展和改革局文件" in text and NUMBER in text and "草稿" not in text
    # Downloading again gives the same number, not the next one.
    again = admin.get("/reports/140725/2024H1/half.docx?mode=official")
    assert NUMBER in flat(docx_text(again.content))
    assert IssuedReport.objects.filter(county_id="140725").count() == 1


def test_the_draft_stays_the_default(personas, client_for, frame):
    response = client_for(personas.county_admin).get("/reports/140725/2024H1/half.docx")
    assert "草稿" in flat(docx_text(response.content))
    assert not IssuedReport.objects.exists()


def test_a_reader_who_may_not_issue_is_refused_and_no_number_is_taken(personas, client_for, frame):
    for persona in (personas.leader, personas.city_viewer):
        response = client_for(persona).get("/reports/140725/2024H1/half.pdf?mode=official")
        assert response.status_code == 403
    api = client_for(personas.leader).get("/api/v1/reports/140725/2024H1/half.pdf?mode=official")
    assert api.status_code == 403
    assert not IssuedReport.objects.exists()


def test_an_unknown_mode_is_404(personas, client_for, frame):
    response = client_for(personas.county_admin).get("/reports/140725/2024H1/half.pdf?mode=final")
    assert response.status_code == 404


def test_without_a_frame_the_official_file_is_refused_with_the_reason(personas, client_for):
    admin = client_for(personas.county_admin)
    response = admin.get("/reports/140725/2024H1/half.pdf?mode=official")
    assert response.status_code == 409 and "公文格式" in response.content.decode()
    api = admin.get("/api/v1/reports/140725/2024H1/half.pdf?mode=official")
    assert api.status_code == 409 and "公文格式" in api.json()["detail"]
    assert not IssuedReport.objects.exists()


def test_the_api_gives_the_official_file(personas, client_for, frame):
    response = client_for(personas.county_admin).get(
        "/api/v1/reports/140725/2024H1/half.docx?mode=official"
    )
    assert response.status_code == 200 and NUMBER in flat(docx_text(response.content))


def test_the_page_and_the_list_offer_the_official_file_to_the_issuer_only(personas, client_for):
    a_project_reporting(2024, 7)
    page = client_for(personas.county_admin).get("/reports/140725/").content.decode()
    assert 'data-testid="mode-official"' in page and "正式文件" in page
    assert "/reports/140725/2024-07/month.pdf?mode=official" in page
    leader_page = client_for(personas.leader).get("/reports/140725/").content.decode()
    assert "?mode=official" not in leader_page and 'data-testid="mode-draft"' in leader_page

    listed = client_for(personas.county_admin).get("/api/v1/reports/140725/").json()
    files = listed["periods"][1]["files"]
    assert [(f["mode"], f["format"]) for f in files] == [
        ("draft", "pdf"),
        ("draft", "docx"),
        ("official", "pdf"),
        ("official", "docx"),
    ]
    assert files[2]["url"] == "/api/v1/reports/140725/2024-07/month.pdf?mode=official"
    leader = client_for(personas.leader).get("/api/v1/reports/140725/").json()
    assert {f["mode"] for f in leader["periods"][1]["files"]} == {"draft"}

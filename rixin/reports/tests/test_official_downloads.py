"""The official report on the web and the API. The county administrator issues it through a
confirmed POST (CSRF; its 发文字号 taken once); its files are then GETs of the report as
issued, with that number. A download never issues, the page and the list offer the official
files only of issued periods and only to those who may issue, and other readers are refused
without a number being taken."""

import pytest
from django.test import Client

from rixin.reports import demo
from rixin.reports.models import IssuedReport

from .demo import a_project_reporting, docx_text, flat

pytestmark = pytest.mark.django_db

NUMBER = "寿发改〔2024〕1号"
ISSUE = "/reports/140725/2024H1/half/issue/"


@pytest.fixture
def frame(personas):
    demo.load()  # Shouyang's 公文 frame


def test_the_county_administrator_issues_by_a_confirmed_post_then_downloads_the_issued_file(
    personas, client_for, frame
):
    admin = client_for(personas.county_admin)
    # Neither the download nor the confirmation page takes a number.
    before = admin.get("/reports/140725/2024H1/half.docx?mode=official")
    assert before.status_code == 409 and "尚未签发" in before.content.decode()
    page = admin.get(ISSUE)
    assert page.status_code == 200 and 'data-testid="issue"' in page.content.decode()
    unconfirmed = admin.post(ISSUE, {})
    assert unconfirmed.status_code == 200 and "请勾选确认" in unconfirmed.content.decode()
    assert not IssuedReport.objects.exists()

    issued = admin.post(ISSUE, {"confirm": "on"})
    assert issued.status_code == 302 and issued["Location"] == "/reports/140725/"
    response = admin.get("/reports/140725/2024H1/half.docx?mode=official")
    assert response.status_code == 200
    text = flat(docx_text(response.content))
    assert "寿阳县发展和改革局文件" in text and NUMBER in text and "草稿" not in text
    # Issuing again, or downloading again, keeps the number.
    admin.post(ISSUE, {"confirm": "on"})
    again = admin.get("/reports/140725/2024H1/half.docx?mode=official")
    assert NUMBER in flat(docx_text(again.content))
    assert IssuedReport.objects.filter(county_id="140725").count() == 1
    assert NUMBER in admin.get(ISSUE).content.decode()


def test_the_issue_needs_the_csrf_token(personas, frame):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.county_admin)
    assert client.post(ISSUE, {"confirm": "on"}).status_code == 403
    assert not IssuedReport.objects.exists()


def test_the_draft_stays_the_default(personas, client_for, frame):
    response = client_for(personas.county_admin).get("/reports/140725/2024H1/half.docx")
    assert "草稿" in flat(docx_text(response.content))
    assert not IssuedReport.objects.exists()


def test_a_reader_who_may_not_issue_is_refused_and_no_number_is_taken(personas, client_for, frame):
    for persona in (personas.leader, personas.city_viewer):
        client = client_for(persona)
        assert client.post(ISSUE, {"confirm": "on"}).status_code == 403
        assert client.get(ISSUE).status_code == 403
        response = client.get("/reports/140725/2024H1/half.pdf?mode=official")
        assert response.status_code == 403
    api = client_for(personas.leader).get("/api/v1/reports/140725/2024H1/half.pdf?mode=official")
    assert api.status_code == 403
    assert not IssuedReport.objects.exists()


def test_an_unknown_mode_is_404(personas, client_for, frame):
    response = client_for(personas.county_admin).get("/reports/140725/2024H1/half.pdf?mode=final")
    assert response.status_code == 404


def test_without_a_frame_the_issue_is_refused_with_the_reason(personas, client_for):
    admin = client_for(personas.county_admin)
    response = admin.post(ISSUE, {"confirm": "on"})
    assert response.status_code == 200 and "公文格式" in response.content.decode()
    api = admin.get("/api/v1/reports/140725/2024H1/half.pdf?mode=official")
    assert api.status_code == 409 and "尚未签发" in api.json()["detail"]
    assert not IssuedReport.objects.exists()


def test_a_period_not_yet_over_cannot_be_issued(personas, client_for, frame):
    import datetime

    today = datetime.date.today()
    url = f"/reports/140725/{today.year}-{today.month:02d}/month/issue/"
    response = client_for(personas.county_admin).post(url, {"confirm": "on"})
    assert response.status_code == 200 and "尚未结束" in response.content.decode()
    assert not IssuedReport.objects.exists()


def test_the_api_gives_the_issued_file(personas, client_for, frame):
    admin = client_for(personas.county_admin)
    admin.post(ISSUE, {"confirm": "on"})
    response = admin.get("/api/v1/reports/140725/2024H1/half.docx?mode=official")
    assert response.status_code == 200 and NUMBER in flat(docx_text(response.content))


def test_the_page_and_the_list_offer_issue_and_official_files_to_the_issuer_only(
    personas, client_for, frame
):
    a_project_reporting(2024, 7)
    admin = client_for(personas.county_admin)
    page = admin.get("/reports/140725/").content.decode()
    assert "/reports/140725/2024-07/month/issue/" in page and "?mode=official" not in page
    listed = admin.get("/api/v1/reports/140725/").json()
    july = next(p for p in listed["periods"] if p["period"] == "2024-07")
    assert {f["mode"] for f in july["files"]} == {"draft"}

    admin.post("/reports/140725/2024-07/month/issue/", {"confirm": "on"})
    page = admin.get("/reports/140725/").content.decode()
    assert 'data-testid="mode-official"' in page and "正式文件" in page
    assert "/reports/140725/2024-07/month.pdf?mode=official" in page
    assert "/reports/140725/2024-07/month/issue/" not in page
    listed = admin.get("/api/v1/reports/140725/").json()
    july = next(p for p in listed["periods"] if p["period"] == "2024-07")
    assert [(f["mode"], f["format"]) for f in july["files"]] == [
        ("draft", "pdf"),
        ("draft", "docx"),
        ("official", "pdf"),
        ("official", "docx"),
    ]
    assert july["files"][2]["url"] == "/api/v1/reports/140725/2024-07/month.pdf?mode=official"

    leader_page = client_for(personas.leader).get("/reports/140725/").content.decode()
    assert "?mode=official" not in leader_page and "/issue/" not in leader_page
    assert 'data-testid="mode-draft"' in leader_page
    leader = client_for(personas.leader).get("/api/v1/reports/140725/").json()
    assert {f["mode"] for p in leader["periods"] for f in p["files"]} == {"draft"}


API_ISSUE = "/api/v1/reports/140725/2024H1/half/issue"


def _api_issue(client, body, url=API_ISSUE):
    return client.post(url, body, content_type="application/json")


def test_the_api_issues_once_and_answers_the_same_number_again(personas, client_for, frame):
    admin = client_for(personas.county_admin)
    assert _api_issue(admin, {}).status_code == 422  # 确认 is required
    assert _api_issue(admin, {"confirm": False}).status_code == 422
    assert not IssuedReport.objects.exists()
    first = _api_issue(admin, {"confirm": True, "dated": "2024-07-10"})
    assert first.status_code == 200, first.content
    body = first.json()
    assert body["document_number"] == NUMBER and body["dated"] == "2024-07-10"
    assert {f["mode"] for f in body["files"]} == {"official"}
    official = admin.get(body["files"][1]["url"])
    assert official.status_code == 200 and NUMBER in flat(docx_text(official.content))
    again = _api_issue(admin, {"confirm": True})
    assert again.json()["document_number"] == NUMBER
    assert IssuedReport.objects.count() == 1


def test_the_api_refuses_other_roles_counties_and_periods_not_over(personas, client_for, frame):
    import datetime

    for persona in (personas.leader, personas.officer, personas.city_viewer):
        assert _api_issue(client_for(persona), {"confirm": True}).status_code == 403
    admin = client_for(personas.county_admin)
    other = "/api/v1/reports/140702/2024H1/half/issue"
    assert _api_issue(admin, {"confirm": True}, other).status_code == 404
    mismatched = "/api/v1/reports/140725/2024H1/month/issue"  # a half-year key as a month
    assert _api_issue(admin, {"confirm": True}, mismatched).status_code == 404
    today = datetime.date.today()
    current = f"/api/v1/reports/140725/{today.year}-{today.month:02d}/month/issue"
    refused = _api_issue(admin, {"confirm": True}, current)
    assert refused.status_code == 409 and "尚未结束" in refused.json()["detail"]
    assert not IssuedReport.objects.exists()


def test_the_api_issue_without_a_frame_names_the_reason(personas, client_for):
    refused = _api_issue(client_for(personas.county_admin), {"confirm": True})
    assert refused.status_code == 409 and "公文格式" in refused.json()["detail"]
    assert not IssuedReport.objects.exists()

"""Who may have Shouyang's reports: its staff and the city and province above it; another
county's leader gets 404, enterprise users and administrators 403, and a refused download
leaves no audit record."""

import pytest

from rixin.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

URL = "/reports/140725/2024-07/month.docx"


def exports() -> int:
    return AuditEvent.objects.filter(action="export", object_type="reports.report").count()


def test_a_leader_of_another_county_cannot_download_shouyangs_report(personas, client_for):
    response = client_for(personas.other_leader).get("/reports/140725/2024H1/half.pdf")
    assert response.status_code == 404
    assert exports() == 0


def test_a_leader_of_another_county_cannot_list_shouyangs_reports(personas, client_for):
    assert client_for(personas.other_leader).get("/reports/140725/").status_code == 404
    assert client_for(personas.other_leader).get("/api/v1/reports/140725/").status_code == 404


@pytest.mark.parametrize("persona", ["enterprise_user", "sysadmin", "secadmin", "auditor"])
def test_enterprise_users_and_administrators_get_403(personas, client_for, persona):
    response = client_for(getattr(personas, persona)).get(URL)
    assert response.status_code == 403
    assert exports() == 0


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("persona", ["leader", "officer", "city_viewer", "province_viewer"])
def test_shouyang_staff_and_the_city_and_province_may_download(personas, client_for, persona):
    response = client_for(getattr(personas, persona)).get(URL)
    assert response.status_code == 200
    assert response.content.startswith(b"PK")  # a Word file is a zip
    assert exports() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/reports/140725/2024-07/half.pdf",  # a month is not a half-year
        "/reports/140725/2024H1/month.pdf",
        "/reports/140725/2024Q2/half.pdf",  # quarters have no report
        "/reports/140725/2024-13/month.pdf",
        "/reports/999999/2024H1/half.pdf",
    ],
)
def test_a_period_or_county_that_has_no_report_answers_404(personas, client_for, url):
    assert client_for(personas.leader).get(url).status_code == 404
    assert exports() == 0

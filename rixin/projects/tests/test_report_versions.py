"""The monthly report form and API carry the version: a stale write gets the conflict
message, and a write without the version cannot overwrite."""

from decimal import Decimal

import pytest

from rixin.projects.models import MonthlyReport, Project

from .factories import project, report

pytestmark = pytest.mark.django_db
URL = "/projects/{pk}/reports/2024/6/"
STALE = "其他人已修改了此记录"


def _post(client, item, investment, **extra):
    data = {"investment": investment, "physical_progress": "", "progress_text": ""} | extra
    return client.post(URL.format(pk=item.pk), data)


def test_a_report_form_opened_before_another_save_is_refused(personas, client_for):
    item = project(personas.transport)
    first = report(personas.transport, item, 6, "100")
    client = client_for(personas.transport)
    form = client.get(URL.format(pk=item.pk)).context["form"]
    assert form.initial["version"] == first.version
    report(personas.transport, item, 6, "200")  # another writer, meanwhile
    response = _post(client, item, "300", version=first.version)
    assert response.status_code == 200 and STALE in response.content.decode()
    assert MonthlyReport.objects.get(project=item).investment == Decimal("200")


def test_two_first_reports_of_a_month_the_second_is_refused(personas, client_for):
    item = project(personas.transport)
    client = client_for(personas.transport)
    assert client.get(URL.format(pk=item.pk)).context["form"].initial["version"] == 0
    report(personas.transport, item, 6, "100")  # typed elsewhere after the form opened
    response = _post(client, item, "300", version=0)
    assert STALE in response.content.decode()
    assert MonthlyReport.objects.get(project=item).investment == Decimal("100")


def test_a_report_post_without_the_version_cannot_overwrite(personas, client_for):
    item = project(personas.transport)
    report(personas.transport, item, 6, "100")
    response = _post(client_for(personas.transport), item, "300")
    assert "缺少版本号" in response.content.decode()
    assert MonthlyReport.objects.get(project=item).investment == Decimal("100")


def test_report_api_answers_409_to_a_stale_version_and_422_without_one(personas, client_for):
    item = project(personas.transport)
    client = client_for(personas.transport)
    url = f"/api/v1/projects/{item.pk}/reports"
    body = {"year": 2024, "month": 6, "investment": "100"}
    created = client.post(url, {**body, "version": 0}, content_type="application/json")
    assert created.status_code == 201, created.content
    version = created.json()["version"]
    stale = client.post(
        url, {**body, "investment": "5", "version": 0}, content_type="application/json"
    )
    assert stale.status_code == 409 and STALE in stale.json()["detail"]
    missing = client.post(url, {**body, "investment": "5"}, content_type="application/json")
    assert missing.status_code == 422
    fresh = client.post(
        url, {**body, "investment": "150", "version": version}, content_type="application/json"
    )
    assert fresh.status_code == 201
    assert MonthlyReport.objects.get(project=item).investment == Decimal("150")


def test_a_project_edit_without_the_version_is_refused(personas, client_for):
    item = project(personas.transport, name="旧名称")
    client = client_for(personas.transport)
    form = client.get(f"/projects/{item.pk}/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "version"}
    data.update(name="新名称", department=item.department_id, industry=item.industry_id)
    response = client.post(f"/projects/{item.pk}/edit/", data)
    assert "缺少版本号" in response.content.decode()
    assert Project.objects.get(pk=item.pk).name == "旧名称"

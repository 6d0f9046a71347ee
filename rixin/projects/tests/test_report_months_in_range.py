"""A report month lies between the project's entry and the current month, and a plan's
year from its entry on: year 0 and 1900 are refused on every path."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from rixin.projects import actions
from rixin.projects.models import AnnualPlan, MonthlyReport

from .factories import TODAY, project, report

pytestmark = pytest.mark.django_db
MARCH = datetime.datetime(2024, 3, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(("year", "month"), [(0, 1), (1900, 6), (2024, 2)])
def test_a_report_before_the_projects_entry_is_refused(personas, year, month):
    item = project(personas.transport, at=MARCH)
    with pytest.raises(ValidationError, match="早于项目入库"):
        report(personas.transport, item, month, "10", year=year)
    assert not MonthlyReport.objects.exists()


def test_the_month_of_entry_and_the_current_month_are_accepted(personas):
    item = project(personas.transport, at=MARCH)
    report(personas.transport, item, 3, "10")
    report(personas.transport, item, TODAY.month, "10")
    assert MonthlyReport.objects.filter(project=item).count() == 2


def test_the_api_and_the_form_refuse_year_1900(personas, client_for):
    item = project(personas.transport, at=MARCH)
    client = client_for(personas.transport)
    api = client.post(
        f"/api/v1/projects/{item.pk}/reports",
        {"year": 1900, "month": 6, "investment": "10", "version": 0},
        content_type="application/json",
    )
    assert api.status_code == 422 and "早于项目入库" in api.json()["detail"]["month"][0]
    form = client.post(f"/projects/{item.pk}/reports/1900/6/", {"investment": "10", "version": 0})
    assert "早于项目入库" in form.content.decode()
    assert not MonthlyReport.objects.exists()


@pytest.mark.parametrize("year", [0, 1900, 2023, 9999])
def test_a_plan_outside_the_projects_years_is_refused(personas, client_for, year):
    item = project(personas.transport, at=MARCH)
    with pytest.raises(ValidationError, match="年度应在"):
        actions.save_annual_plan(
            item, acting_user=personas.transport, year=year, planned_investment=Decimal(1)
        )
    response = client_for(personas.transport).put(
        f"/api/v1/projects/{item.pk}/plans/{year}",
        {"planned_investment": "1"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert not AnnualPlan.objects.exists()

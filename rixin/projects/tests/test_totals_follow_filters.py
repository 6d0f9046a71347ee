"""The library's totals line sums what the page lists, whatever the filters."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from rixin.projects import actions
from rixin.projects.choices import ProjectStatus

from .factories import project, report

pytestmark = pytest.mark.django_db
ENTERED = datetime.datetime(2024, 1, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def _planned(officer, name, total, done):
    item = project(
        officer,
        name=name,
        status=ProjectStatus.UNDER_CONSTRUCTION,
        total_investment=Decimal(total),
        at=ENTERED,
    )
    actions.save_annual_plan(item, acting_user=officer, year=2024, planned_investment=Decimal(1200))
    for month in range(1, 7):
        report(officer, item, month, done)
    return item


def test_totals_of_the_behind_filter_sum_the_behind_projects(personas, client_for):
    _planned(personas.officer, "按进度项目", "9000", "100")
    _planned(personas.officer, "滞后项目", "3000", "10")
    project(personas.officer, name="储备项目", total_investment=Decimal("50000"), at=ENTERED)
    client = client_for(personas.officer)
    page = client.get("/projects/", {"year": 2024, "month": 6, "health": "behind"})
    assert [p.name for p, _f in page.context["page"].object_list] == ["滞后项目"]
    assert page.context["totals"] == {"count": 1, "investment": Decimal("3000")}
    everything = client.get("/projects/", {"year": 2024, "month": 6})
    assert everything.context["totals"] == {"count": 3, "investment": Decimal("62000")}

"""Every period figure of the library answers for the end of that period: a project counts
once it has entered, with the status it had then; a report is owed only for a month in
which the project was in implementation."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from rixin.projects import actions
from rixin.projects.choices import ProjectStatus
from rixin.projects.models import AnnualPlan, Project, last_day

from .factories import project

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")


def _at(year, month, day):
    return datetime.datetime(year, month, day, 9, tzinfo=CST)


@pytest.fixture
def library(personas):
    """Project A entered in December 2023 under construction; B entered on 10 March 2024 in
    reserve and started on 15 April."""
    officer = personas.officer
    a = project(
        officer,
        name="早入库项目",
        status=ProjectStatus.UNDER_CONSTRUCTION,
        total_investment=Decimal("1000"),
        at=_at(2023, 12, 1),
    )
    b = project(officer, name="后入库项目", total_investment=Decimal("500"), at=_at(2024, 3, 10))
    actions.save_annual_plan(
        b, acting_user=officer, year=2024, planned_investment=Decimal("100"), plans_start=True
    )
    actions.change_status(b, ProjectStatus.NEW_START, acting_user=officer, at=_at(2024, 4, 15))
    return a, b


def test_as_of_counts_the_projects_entered_by_then_with_their_status_then(library):
    a, b = library
    january = Project.objects.as_of(last_day(2024, 1))
    assert list(january.values_list("name", flat=True)) == ["早入库项目"]
    assert january.totals() == {"count": 1, "investment": Decimal("1000")}
    march = {p.name: p.status_then for p in Project.objects.as_of(last_day(2024, 3))}
    assert march == {"早入库项目": ProjectStatus.UNDER_CONSTRUCTION, "后入库项目": "reserve"}
    june = Project.objects.as_of(last_day(2024, 6))
    assert june.totals() == {"count": 2, "investment": Decimal("1500")}
    assert june.get(pk=b.pk).status_then == ProjectStatus.NEW_START


def test_a_report_is_owed_only_for_months_in_implementation(library):
    def owing(year, month):
        return set(Project.objects.owing_report(year, month).values_list("name", flat=True))

    assert owing(2023, 1) == set()
    assert owing(2024, 1) == {"早入库项目"}
    assert owing(2024, 3) == {"早入库项目"}
    assert owing(2024, 4) == {"早入库项目", "后入库项目"}
    assert owing(2024, 6) == {"早入库项目", "后入库项目"}


def test_a_project_finished_in_a_month_owes_that_month_only(personas):
    item = project(personas.officer, status=ProjectStatus.UNDER_CONSTRUCTION, at=_at(2024, 1, 2))
    actions.change_status(
        item, ProjectStatus.COMPLETED, acting_user=personas.officer, at=_at(2024, 5, 20)
    )
    assert Project.objects.owing_report(2024, 5).filter(pk=item.pk).exists()
    assert not Project.objects.owing_report(2024, 6).filter(pk=item.pk).exists()


def test_library_page_totals_at_two_periods(library, client_for, personas):
    client = client_for(personas.officer)
    january = client.get("/projects/", {"year": 2024, "month": 1})
    assert january.context["totals"]["count"] == 1
    assert [p.name for p, _f in january.context["page"].object_list] == ["早入库项目"]
    june = client.get("/projects/", {"year": 2024, "month": 6})
    assert june.context["totals"]["count"] == 2
    reserve_in_march = client.get("/projects/", {"year": 2024, "month": 3, "status": "reserve"})
    assert [p.name for p, _f in reserve_in_march.context["page"].object_list] == ["后入库项目"]


def test_statistics_at_two_periods(library, client_for, personas):
    client = client_for(personas.officer)
    january = client.get("/projects/statistics/", {"year": 2024, "month": 1})
    assert january.context["total"].count == 1
    june = client.get("/projects/statistics/", {"year": 2024, "month": 6})
    assert june.context["total"].count == 2
    assert june.context["rates"]["started"] == 1
    assert AnnualPlan.objects.filter(year=2024).rates(as_of=last_day(2024, 3))["started"] == 0


def test_reporting_page_at_two_periods(library, client_for, personas):
    client = client_for(personas.officer)
    march = client.get("/projects/reporting/", {"year": 2024, "month": 3})
    assert [row.project.name for row in march.context["rows"]] == ["早入库项目"]
    june = client.get("/projects/reporting/", {"year": 2024, "month": 6})
    assert {row.project.name for row in june.context["rows"]} == {"早入库项目", "后入库项目"}
    before = client.get("/projects/reporting/", {"year": 2023, "month": 1})
    assert before.context["rows"] == []


def test_project_api_as_of_two_periods(library, client_for, personas):
    client = client_for(personas.officer)
    january = client.get("/api/v1/projects/", {"as_of": "2024-01-31"}).json()
    assert [p["name"] for p in january["items"]] == ["早入库项目"]
    june = client.get("/api/v1/projects/", {"as_of": "2024-06-30"}).json()
    assert {p["name"]: p["status_then"] for p in june["items"]} == {
        "早入库项目": ProjectStatus.UNDER_CONSTRUCTION,
        "后入库项目": ProjectStatus.NEW_START,
    }
    reserve = client.get("/api/v1/projects/", {"as_of": "2024-03-31", "status": "reserve"})
    assert [p["name"] for p in reserve.json()["items"]] == ["后入库项目"]

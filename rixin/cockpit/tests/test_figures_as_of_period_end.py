"""Every period figure answers for the state at the end of that period: a project counts for a
period if it was in the library by the period's end, with the status it had then."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from rixin.accounts.access import system_actor
from rixin.cockpit import comparison, figures
from rixin.cockpit.periods import CockpitPeriod
from rixin.projects import actions as project_actions
from rixin.projects.choices import ProjectStatus
from rixin.projects.tests import factories as projects
from rixin.regions.models import Division
from rixin.reports.content import build_report

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
H1 = CockpitPeriod.parse("2024H1")
YEAR = CockpitPeriod.parse("2024")


def at(day: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(day).replace(hour=9, tzinfo=SHANGHAI)


@pytest.fixture
def library(personas):
    """One project entered in January 2024 under construction; one entered in August 2024 as a
    reserve, moved to 前期 today (after both periods)."""
    early = projects.project(
        personas.officer,
        name="上半年入库项目",
        status=ProjectStatus.NEW_START,
        total_investment=Decimal("10000"),
        at=at("2024-01-05"),
    )
    project_actions.save_annual_plan(
        early,
        acting_user=system_actor(),
        year=2024,
        planned_investment=Decimal(1200),
        plans_start=True,
    )
    late = projects.project(
        personas.officer,
        name="八月入库项目",
        total_investment=Decimal("5000"),
        at=at("2024-08-10"),
    )
    project_actions.save_annual_plan(
        late, acting_user=system_actor(), year=2024, planned_investment=Decimal(600)
    )
    project_actions.change_status(late, ProjectStatus.PREPARATION, acting_user=system_actor())
    return early, late


def test_the_project_card_counts_only_the_library_at_the_period_end(library):
    h1 = figures.project_card("140725", H1)
    assert (h1.count, h1.total_investment, h1.annual_plan) == (1, Decimal(10000), Decimal(1200))
    year = figures.project_card("140725", YEAR)
    assert (year.count, year.total_investment, year.annual_plan) == (
        2,
        Decimal(15000),
        Decimal(1800),
    )


def test_a_project_counts_with_the_status_it_had_then(library):
    _early, late = library
    table = figures.progress_table("140725", YEAR)
    statuses = {project.pk: project.status for project, _progress in table}
    assert statuses[late.pk] == ProjectStatus.RESERVE  # 前期 only since today


def test_monthly_plans_count_only_projects_in_the_library(library):
    h1 = figures.monthly_investment("140725", H1)
    year = figures.monthly_investment("140725", YEAR)
    assert sum(m.planned for m in h1) == Decimal(1200)
    assert sum(m.planned for m in year) == Decimal(1800)


def test_no_report_is_owed_by_a_project_not_yet_in_the_library(library):
    _early, late = library
    owed_june = [item.pk for item in figures.red_list("140725", H1).reports]
    owed_december = [item.pk for item in figures.red_list("140725", YEAR).reports]
    assert late.pk not in owed_june
    # In the library by December, but still in reserve then: a report is owed only for a
    # month in which the project was in implementation.
    assert late.pk not in owed_december


def test_the_city_comparison_counts_the_library_at_the_period_end(library):
    city = Division.objects.get(code="140700")
    rows = {r.code: r for r in comparison.compare(city, ["140725"], H1).rows}
    assert (rows["140725"].project_count, rows["140725"].project_investment) == (1, 10000)
    rows = {r.code: r for r in comparison.compare(city, ["140725"], YEAR).rows}
    assert (rows["140725"].project_count, rows["140725"].project_investment) == (2, 15000)


def test_the_api_answers_for_the_period_end(library, personas, client_for):
    client = client_for(personas.leader)
    h1 = client.get("/api/v1/cockpit/county/140725?period=2024H1").json()
    year = client.get("/api/v1/cockpit/county/140725?period=2024").json()
    assert h1["projects"]["count"] == 1
    assert year["projects"]["count"] == 2


def test_the_half_year_report_leaves_out_a_project_entered_later(library):
    h1 = build_report("140725", "2024H1")
    h2_month = build_report("140725", "2024-12")
    library_h1 = next(s for s in h1.sections if s.title == "三、项目建设").tables[0].rows
    library_dec = next(s for s in h2_month.sections if s.title == "三、项目建设").tables[0].rows
    assert library_h1[-1][1:] == ["1", "1"]
    assert library_dec[-1][1:] == ["2", "1.5"]

"""with_progress: the year's and since-start investment and the latest physical progress of
every project come from one query over the reports, and equal the sums rebuilt row by row."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rixin.demo.scale import TEST_SIZES, generate
from rixin.projects.models import MonthlyReport, Project

pytestmark = pytest.mark.django_db
YEAR, MONTH = 2025, 6


def rebuilt(project: Project) -> tuple:
    reports = MonthlyReport.objects.filter(project=project, county_id=project.county_id)
    to_date = [r for r in reports.through(YEAR, MONTH)]
    this_year = sum((r.investment for r in to_date if r.year == YEAR), Decimal(0))
    since_start = sum((r.investment for r in to_date), Decimal(0))
    physical = [r for r in to_date if r.physical_progress is not None]
    latest = max(physical, key=lambda r: (r.year, r.month)).physical_progress if physical else None
    return this_year, since_start, latest


def test_the_figures_equal_the_reports_summed_one_by_one():
    generate(1, volume=TEST_SIZES[1])
    projects = list(Project.objects.filter(county_id="140725").with_progress(YEAR, MONTH))
    assert len(projects) > 10
    assert any(p.completed_this_year for p in projects)
    assert any(p.physical_latest is not None for p in projects)
    for project in projects:
        assert (
            project.completed_this_year,
            project.completed_since_start,
            project.physical_latest,
        ) == rebuilt(project), project.pk


def test_the_library_takes_three_queries_and_no_subquery_per_project():
    generate(1, volume=TEST_SIZES[0])
    with CaptureQueriesContext(connection) as queries:
        table = Project.objects.filter(county_id="140725").progress_table(YEAR, MONTH, rules())
    assert table and len(queries) == 3  # projects, their reports, their plans
    project_query = queries.captured_queries[0]["sql"]
    assert "projects_monthlyreport" not in project_query


def test_a_page_of_projects_reads_the_reports_of_that_page_only():
    generate(1, volume=TEST_SIZES[1])
    page = Project.objects.filter(county_id="140725").with_progress(YEAR, MONTH)[:3]
    with CaptureQueriesContext(connection) as queries:
        shown = list(page)
    assert len(shown) == 3
    [reports_query] = [
        q["sql"] for q in queries.captured_queries if "projects_monthlyreport" in q["sql"]
    ]
    assert f"IN ({', '.join(str(p.pk) for p in shown)})" in reports_query


def test_a_project_without_reports_has_zero_and_no_physical_progress(personas):
    from .factories import project

    item = project(personas.transport)
    row = Project.objects.with_progress(YEAR, MONTH).get(pk=item.pk)
    assert (row.completed_this_year, row.completed_since_start, row.physical_latest) == (
        Decimal(0),
        Decimal(0),
        None,
    )


def rules():
    from rixin.projects.models import ProjectSettings

    return ProjectSettings(county_id="140725")


def test_the_reports_are_summed_per_project_without_window_functions():
    """Grouped sums, each project's latest physical progress looked up once per project: not
    a window over every report (sorted twice), and not grouped by that lookup."""
    generate(1, volume=TEST_SIZES[0])
    with CaptureQueriesContext(connection) as queries:
        list(Project.objects.filter(county_id="140725").with_progress(YEAR, MONTH))
    [reports_query] = [
        q["sql"] for q in queries.captured_queries if "projects_monthlyreport" in q["sql"]
    ]
    assert " OVER " not in reports_query.upper()
    group_by = reports_query[reports_query.upper().rindex("GROUP BY") :]
    assert "SELECT" not in group_by.upper()

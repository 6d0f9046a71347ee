"""The red list counts each group in SQL and fetches only the items the cockpit shows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rixin.cockpit import figures
from rixin.cockpit.periods import CockpitPeriod
from rixin.demo.scale import TEST_SIZES, generate

pytestmark = pytest.mark.django_db
YEAR = CockpitPeriod.parse("2025")


@pytest.fixture
def county():
    generate(1, volume=TEST_SIZES[1])
    return "140725"


def test_the_counts_equal_the_whole_lists_and_the_items_are_their_first(county):
    table = figures.progress_table(county, YEAR)
    whole = figures.red_list(county, YEAR, table=table)
    shown = figures.red_list(county, YEAR, table=table, shown=2)
    assert whole.counts == {key: len(items) for key, items in whole.groups().items()}
    assert shown.counts == whole.counts
    assert shown.total == whole.total > 0
    for key, items in shown.groups().items():
        assert items == whole.groups()[key][:2], key
    assert any(count > 2 for count in whole.counts.values())


def test_owed_reports_follow_the_reporting_page_rule(county):
    from rixin.projects.models import Project, ProjectSettings
    from rixin.projects.reporting import owed_reports

    count, items = figures.owed_monthly_reports(county, YEAR)
    projects = figures.in_library_by(Project.objects.filter(county_id=county), YEAR.end)
    rows, _late = owed_reports(
        projects.exclude(status_then="terminated"), 2025, 12, ProjectSettings.for_county(county)
    )
    owed = [row.project.pk for row in rows if row.owed]
    assert count == len(owed) and sorted(item.pk for item in items) == sorted(owed)


def test_a_group_reads_only_the_rows_it_shows(county):
    as_of = YEAR.as_of()
    with CaptureQueriesContext(connection) as queries:
        count, items = figures.overdue_appeals(county, as_of, shown=1)
    assert len(queries) == 1 and len(items) <= 1
    assert "LIMIT 1" in queries.captured_queries[0]["sql"]
    assert count == figures.overdue_appeals_query(county, as_of).count()


def test_the_cockpit_badge_shows_the_count_and_five_items(county, personas, client_for):
    response = client_for(personas.leader).get("/cockpit/?period=2025")
    for group in response.context["red"]:
        assert len(group["items"]) == min(group["count"], figures.RED_SHOWN)
        assert group["hidden"] == group["count"] - len(group["items"])
    assert response.context["red_total"] == sum(g["count"] for g in response.context["red"])

"""The cockpit and the comparisons run the same number of queries whatever the amount of data."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rixin.accounts.access import system_actor
from rixin.appeals.tests import factories as appeals
from rixin.investment import actions as investment_actions
from rixin.investment.choices import TargetPeriod
from rixin.investment.tests import factories as investment
from rixin.projects import actions as project_actions
from rixin.projects.choices import MilestoneType, ProjectStatus
from rixin.projects.tests import factories as projects
from rixin.testing import SHOUYANG, division

pytestmark = pytest.mark.django_db


def add_data(personas, count: int, start: int = 0) -> None:
    """``count`` more projects (with a plan, reports and an overdue milestone), agreements and
    appeals in Shouyang, and projects in 榆次区."""
    for n in range(start, start + count):
        project = projects.project(
            personas.officer, name=f"示例项目{n}", status=ProjectStatus.NEW_START
        )
        project_actions.save_annual_plan(
            project,
            acting_user=personas.officer,
            year=2024,
            planned_investment=Decimal(1200),
            plans_start=True,
        )
        for month in (1, 2):
            projects.report(personas.officer, project, month, 50 + n)
        project_actions.add_milestone(
            project,
            acting_user=personas.officer,
            name="取得施工许可",
            type=MilestoneType.APPROVAL,
            due_date=datetime.date(2024, 3, 1),
        )
        investment.agreement(project_name=f"示例协议{n}", signed_on=datetime.date(2023, 6, 1 + n))
        appeals.dispatched(personas, at=appeals.moment(f"2024-02-{n + 1:02d}"))
        projects.project(personas.other_officer, name=f"榆次示例项目{n}")


# The login middleware touches the session and the security policy now and then (idle
# timeout), whatever the page: those queries are not the page's.
SESSION_TABLES = ("django_session", "accounts_securitypolicy")


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(
        1
        for query in captured
        if not any(table in query["sql"] for table in SESSION_TABLES)
        and not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    )


# What the county cockpit's module cards and map panel add, a constant whatever the data: the
# cards of approvals (3), funds (4), parks (1) and innovation (17), and the map panel (2); the
# city view's map tab (4).
MODULE_CARDS, MAP_PANEL, CITY_MAP_TAB = 3 + 4 + 1 + 17, 2, 4


def added(url: str) -> int:
    if url.startswith("/cockpit/city/"):
        return CITY_MAP_TAB
    return 0 if url.startswith("/cockpit/province/") else MODULE_CARDS + MAP_PANEL


@pytest.mark.parametrize(
    "persona, url",
    [
        ("leader", "/cockpit/?period=2024H1"),
        ("city_viewer", "/cockpit/county/140725/?period=2024Q1"),
        ("city_viewer", "/cockpit/city/140700/?period=2024H1"),
        ("province_viewer", "/cockpit/province/140000/?period=2024"),
    ],
)
def test_query_count_does_not_grow_with_the_data(personas, client_for, persona, url):
    investment_actions.set_target(
        acting_user=system_actor(),
        county=division(SHOUYANG),
        year=2024,
        period=TargetPeriod.H1,
        signing_amount=Decimal(1000),
        start_rate=Decimal(40),
    )
    client = client_for(getattr(personas, persona))
    add_data(personas, 2)
    small = queries(client, url)
    add_data(personas, 6, start=2)
    large = queries(client, url)
    assert large == small, f"{url}: {small} queries with little data, {large} with more"
    # Ranks are within a city: each city with counties costs its own three indicator queries.
    cities = len({code[:4] for code in getattr(personas, persona).visible_county_codes()})
    assert large <= 45 + added(url) + 3 * (cities - 1)

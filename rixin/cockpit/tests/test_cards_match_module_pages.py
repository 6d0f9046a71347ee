"""Each cockpit card shows what the module's own page shows for the same county and period,
on the demo (Shouyang, 2024年上半年), and the demo's figures are the article's."""

from decimal import Decimal

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

H1 = "2024H1"


@pytest.fixture
def leader(demo_user, client_for):
    return client_for(demo_user("sy_leader"))


def cockpit(client, period=H1):
    response = client.get(reverse("cockpit") + f"?period={period}")
    assert response.status_code == 200
    return response.context["figures"], response.context["links"]


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context


def board_row(client, links, code):
    rows = page(client, links["indicators"])["rows"]
    return next(row for row in rows if row.indicator.code == code)


def test_gdp_card_equals_the_indicator_board(leader):
    figures, links = cockpit(leader)
    row = board_row(leader, links, "gdp")
    card = figures.gdp
    assert (card.value, card.rate, card.rank) == (row.value, row.rate, row.standing.rank)
    assert (card.value, card.rate, card.rank_label) == (
        Decimal("98.03"),
        Decimal("6.2"),
        "全市第一",
    )


def test_fixed_asset_investment_card_equals_the_indicator_board(leader):
    figures, links = cockpit(leader)
    row = board_row(leader, links, "fixed_asset_investment")
    card = figures.fixed_asset_investment
    assert (card.value, card.rate, card.rank) == (row.value, row.rate, row.standing.rank)
    assert (card.value, card.rate, card.rank) == (Decimal(32), Decimal("10.2"), 1)


def test_signing_card_equals_the_investment_page(leader):
    figures, links = cockpit(leader)
    total = page(leader, links["investment"])["total"]
    assert figures.investment.signed_amount == total.signed_amount == Decimal("766400")
    assert figures.investment.signing_rate == total.signing_rate == Decimal("106.44")


def test_start_rate_card_equals_the_investment_page(leader):
    figures, links = cockpit(leader)
    total = page(leader, links["investment"])["total"]
    assert figures.investment.start_rate == total.start_rate == Decimal(50)
    assert figures.investment.start_rate_completion == total.start_rate_completion
    assert total.start_rate_completion == Decimal(125)


def test_project_card_equals_the_library_totals(leader):
    figures, links = cockpit(leader)
    totals = page(leader, links["projects"])["totals"]
    assert figures.projects.count == totals["count"] == 271
    assert figures.projects.total_investment == totals["investment"] == Decimal("7350000")


def test_annual_completion_card_equals_the_statistics_page(leader):
    figures, links = cockpit(leader)
    total = page(leader, links["statistics"])["total"]
    assert figures.projects.annual_completion == total.annual_completion
    assert figures.projects.completed_this_year == total.completed_this_year
    assert figures.projects.annual_plan == total.annual_plan
    assert sum(m.actual for m in _monthly(figures)) == total.completed_this_year


def _monthly(figures):
    from rixin.cockpit.figures import monthly_investment

    return [
        m for m in monthly_investment(figures.county_code, figures.period) if m.actual is not None
    ]


def test_start_and_completion_rate_card_equals_the_statistics_page(leader):
    figures, links = cockpit(leader)
    rates = page(leader, links["statistics"])["rates"]
    assert figures.projects.start_rate == rates["start_rate"]
    assert figures.projects.completion_rate == rates["completion_rate"]
    assert figures.projects.planned_start == figures.projects.planned_completion == 21


def test_appeals_card_equals_the_scorecard_page(leader):
    figures, links = cockpit(leader, "2024-07")
    summary = page(leader, links["appeals"])["summary"]
    assert figures.appeals.total == summary.total > 0
    assert figures.appeals.satisfaction_rate == summary.satisfaction_rate
    month = page(leader, links["appeals_month"])["summary"]
    assert figures.appeals.month_total == month.total


def test_department_chart_equals_the_scorecard_ranking(leader):
    from rixin.cockpit.figures import appeals_by_department

    figures, links = cockpit(leader, "2024-07")
    cards = page(leader, links["appeals"])["scorecards"]
    rows = appeals_by_department(figures.county_code, figures.period)
    assert [(r.name, r.satisfaction_rate, r.rank) for r in rows] == [
        (c.department.name, c.satisfaction_rate, c.rank) for c in cards
    ]


def test_behind_projects_on_the_red_list_equal_the_library_filter(leader):
    response = leader.get(reverse("cockpit") + f"?period={H1}")
    group = next(g for g in response.context["red"] if g["key"] == "behind")
    listed = page(leader, group["more"])["page"].paginator.count
    assert group["count"] == listed > 0
    assert len(group["items"]) == min(listed, 5)


def test_owed_reports_on_the_red_list_equal_the_reporting_page(leader):
    response = leader.get(reverse("cockpit") + f"?period={H1}")
    group = next(g for g in response.context["red"] if g["key"] == "reports")
    rows = page(leader, group["more"])["rows"]
    assert group["count"] == sum(1 for row in rows if row.owed)
    assert len(group["items"]) == min(group["count"], 5)


def test_the_default_period_is_the_demo_half_year(leader):
    response = leader.get(reverse("cockpit"))
    assert response.context["period"].key == H1


def test_the_api_gives_the_same_figures(leader):
    data = leader.get("/api/v1/cockpit/county/140725?period=2024H1").json()
    assert data["gdp"]["value"] == "98.03" and data["gdp"]["rank"] == 1
    assert data["investment"]["signing_rate"] == "106.44"
    assert data["projects"]["count"] == 271
    assert data["period"]["key"] == H1


def test_a_city_viewer_sees_every_county_and_shouyang_first_on_gdp(demo_user, client_for):
    client = client_for(demo_user("jz_viewer"))
    data = client.get("/api/v1/cockpit/city/140700?period=2024H1").json()
    assert len(data["rows"]) == 11
    shouyang = next(row for row in data["rows"] if row["code"] == "140725")
    gdp = next(cell for cell in shouyang["indicators"] if cell["code"] == "gdp")
    assert gdp["rank"] == 1 and shouyang["signing_rate"] == "106.44"
    assert shouyang["project_count"] == 271

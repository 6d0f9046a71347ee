"""Each benchmark floor (benchmarks/floors.py) computes the numbers its page shows: run on the
same generated data, the floor and the page's own functions give the same figures. A floor
that left a figure out, or judged it by another rule, fails here."""

import datetime
import sys
from pathlib import Path

import pytest

from rixin.cockpit import comparison, figures
from rixin.cockpit.periods import CockpitPeriod
from rixin.demo.scale import PROJECT_PREFIX, TEST_SIZES, generate
from rixin.indicators.models import Indicator
from rixin.investment import kpis
from rixin.projects.models import Project
from rixin.regions.models import Division

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
import floors  # noqa: E402

pytestmark = pytest.mark.django_db
COUNTY, CITY = "140725", "140700"
PERIODS = ["2025", "2025H1", "2025-11"]


@pytest.fixture
def data():
    generate(3, volume=TEST_SIZES[1])


def dates(key: str) -> tuple[datetime.date, datetime.date]:
    period = CockpitPeriod.parse(key)
    return period.start, period.end


def codes_of() -> dict[int, str]:
    return dict(Indicator.objects.values_list("pk", "code"))


def page_indicators(cards) -> dict:
    return {
        card.code: (card.rate, card.rank, card.of, card.tied, card.rank_change)
        for card in cards
        if card.rate is not None
    }


def floor_indicators(found: dict) -> dict:
    code = codes_of()
    return {
        code[pk]: (
            f["rate"],
            f.get("city_rank"),
            f.get("of"),
            f.get("tied", False),
            f.get("change"),
        )
        for pk, f in found.items()
    }


@pytest.mark.parametrize("key", PERIODS)
def test_the_cockpit_floor_computes_the_cockpit(data, key):
    period = CockpitPeriod.parse(key)
    floor = floors.county_cockpit(COUNTY, CITY, period.start, period.end)
    table = figures.progress_table(COUNTY, period)
    county = figures.county_figures(COUNTY, period, table=table)
    red = figures.red_list(COUNTY, period, table=table, shown=figures.RED_SHOWN)

    card = county.projects
    assert floor["projects"] == {
        "count": card.count,
        "total_investment": card.total_investment,
        "annual_plan": card.annual_plan,
        "completed_this_year": card.completed_this_year,
        "ahead": card.ahead,
        "normal": card.normal,
        "behind": card.behind,
        "planned_start": card.planned_start,
        "started": card.started,
        "planned_completion": card.planned_completion,
        "finished": card.finished,
        "by_category": {
            c.category: {"count": c.count, "total_investment": c.total_investment}
            for c in card.by_category
        },
    }
    assert card.count > 0
    monthly = figures.monthly_investment(COUNTY, period)
    assert floor["monthly"] == [(m.planned, m.actual) for m in monthly]

    appeals = county.appeals
    assert floor["appeals"] == {
        "total": appeals.total,
        "closed": appeals.closed,
        "open": appeals.open,
        "overdue": appeals.overdue,
        "marked": appeals.marked,
        "satisfied": appeals.satisfied,
        "satisfaction_rate": appeals.satisfaction_rate,
        "resolution_rate": appeals.resolution_rate,
    }
    assert (floor["month_appeals"]["total"], floor["month_appeals"]["satisfaction_rate"]) == (
        appeals.month_total,
        appeals.month_satisfaction_rate,
    )

    money = county.investment
    assert floor["investment"] == {
        "signed_amount": money.signed_amount,
        "signed_count": money.signed_count,
        "year_count": money.year_count,
        "started_count": money.started_count,
        "signing_rate": money.signing_rate,
        "start_rate": money.start_rate,
        "start_rate_completion": money.start_rate_completion,
    }
    assert floor["funnel"] == [step.reached for step in figures.funnel(COUNTY)]
    assert floor_indicators(floor["indicators"]) == page_indicators(county.indicators)

    assert floor["red"] == {
        key: (red.counts[key], [item.pk for item in items]) for key, items in red.groups().items()
    }
    # The year has something in every part of the page (the test is not vacuous).
    assert key != "2025" or appeals.total and county.indicators and money.signed_count and red.total


def test_the_cockpit_floor_judges_the_red_list_at_the_period_end(data):
    """H1's list is judged on 30 June, not today: it differs from the year's."""
    h1 = floors.county_cockpit(COUNTY, CITY, *dates("2025H1"))["red"]
    year = floors.county_cockpit(COUNTY, CITY, *dates("2025"))["red"]
    assert h1 != year


@pytest.mark.parametrize("key", PERIODS)
def test_the_city_floor_computes_the_city_view(data, key):
    period = CockpitPeriod.parse(key)
    floor = floors.city_view(CITY, period.start, period.end)
    codes = list(Division.objects.counties().filter(parent_id=CITY).values_list("code", flat=True))
    result = comparison.compare(Division.objects.get(code=CITY), codes, period)
    assert len(result.rows) == len(floor) > 1
    for row in result.rows:
        mine = floor[row.code]
        assert (
            mine["project_count"],
            mine["project_investment"],
            mine["signed_amount"],
            mine["signing_rate"],
            mine["start_rate"],
            mine["appeals"],
            mine["satisfaction_rate"],
        ) == (
            row.project_count,
            row.project_investment,
            row.signed_amount,
            row.signing_rate,
            row.start_rate,
            row.appeals,
            row.satisfaction_rate,
        ), row.code
        cells = {c.code: (c.rate, c.rank, c.tied) for c in row.indicators if c.rate is not None}
        floor_cells = {
            code: (rate, rank, tied)
            for code, (rate, rank, _of, tied, _change) in floor_indicators(
                mine["indicators"]
            ).items()
            if code in cells
        }
        assert floor_cells == cells, row.code


def test_the_kpi_floor_computes_the_kpi_page(data):
    period = kpis.Period(COUNTY, 2025)
    floor = floors.investment_kpis(COUNTY, 2025)
    total, teams = kpis.progress(period)

    def progress(p):
        return {
            "signed_amount": p.signed_amount,
            "signed_count": p.signed_count,
            "year_count": p.year_count,
            "started_count": p.started_count,
            "signing_rate": p.signing_rate,
            "start_rate": p.start_rate,
            "start_rate_completion": p.start_rate_completion,
        }

    assert floor["total"] == progress(total)
    assert floor["teams"] == {t.team.pk: progress(t) for t in teams}
    assert floor["monthly"] == [amount for _m, amount, _c in kpis.monthly_signed(period)]
    assert floor["by_city"] == dict(kpis.signed_by(period, "origin_city"))
    assert floor["by_industry"] == dict(kpis.signed_by(period, "industry"))
    assert floor["funnel"] == [s.reached for s in kpis.funnel(COUNTY)]
    pipeline = {
        c["stage"]: (c["count"], c["amount"]) for c in kpis.weighted_pipeline(COUNTY).columns
    }
    assert floor["pipeline"] == {k: v for k, v in pipeline.items() if v[0]}
    assert floor["lost"] == {r.name: r.count for r in kpis.lost_reasons(COUNTY)}
    assert total.signed_count > 0


def library_rows(rows) -> list:
    return [
        {
            "pk": project.pk,
            "status": project.status_then,
            "completed_this_year": f.completed_this_year,
            "completed_since_start": f.completed_since_start,
            "physical": f.physical,
            "annual_plan": f.annual_plan,
            "planned_to_date": f.planned_to_date,
            "health": f.health,
        }
        for project, f in rows
    ]


@pytest.mark.parametrize("month", [6, 12])
def test_the_library_floor_computes_the_library_page(data, personas, client_for, month):
    response = client_for(personas.leader).get(
        f"/projects/?category=industrial&year=2025&month={month}"
    )
    floor = floors.project_library(COUNTY, "industrial", 2025, month)
    totals = response.context["totals"]
    assert (floor["count"], floor["total_investment"]) == (totals["count"], totals["investment"])
    assert floor["rows"] == library_rows(response.context["page"].object_list)
    assert floor["count"] > 0


def test_the_project_floor_computes_the_project_page(data, personas, client_for):
    project = Project.objects.filter(county_id=COUNTY, name__startswith=PROJECT_PREFIX)
    pk = project.order_by("pk").values_list("pk", flat=True).first()
    response = client_for(personas.leader).get(f"/projects/{pk}/?year=2025&month=12")
    floor = floors.project_page(COUNTY, pk, 2025, 12)
    f = response.context["progress"]
    assert floor == {
        "completed_this_year": f.completed_this_year,
        "completed_since_start": f.completed_since_start,
        "physical": f.physical,
        "annual_plan": f.annual_plan,
        "planned_to_date": f.planned_to_date,
        "health": f.health,
        "reports": len(response.context["reports"]),
        "problems": len(response.context["problems"]),
        "milestones": len(response.context["milestones"]),
        "status_changes": response.context["project"].status_changes.count(),
    }

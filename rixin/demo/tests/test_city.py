"""The demo's other ten Jinzhong counties: data of every kind, all of it illustrative, and
Shouyang's published figures and ranks as the article gives them."""

from decimal import Decimal

import pytest

from rixin.appeals.models import Appeal, Category
from rixin.cockpit.comparison import compare
from rixin.cockpit.periods import HALF, CockpitPeriod
from rixin.demo import city
from rixin.demo.codes import COUNTY_BOXES
from rixin.directory.models import Department, Enterprise
from rixin.indicators.models import Observation
from rixin.indicators.periods import Period
from rixin.indicators.queries import brief_for, city_table
from rixin.investment.models import Activity, Agreement, Lead, Target, Team
from rixin.projects.models import AnnualPlan, MonthlyReport, Project
from rixin.projects.validators import validate_project_code
from rixin.regions.data import JINZHONG_COUNTIES, SHOUYANG
from rixin.regions.models import Division

pytestmark = pytest.mark.django_db

OTHERS = sorted(code for code, _name, _en in JINZHONG_COUNTIES if code != SHOUYANG)
H1_2024 = CockpitPeriod(2024, HALF, 1)
ARTICLE = (
    "全县上半年地区生产总值完成98.03亿元,同比增长6.2%,全市第一;"
    "固定资产投资完成32亿元,同比增长10.2%,全市第一;"
    "社会消费品零售总额增长7.4%,其中限上消费品零售额增长9.8%,全市第一;"
    "规上工业增加值增长4.7%,全市第二"
)
KINDS = [
    Department,
    Enterprise,
    Project,
    AnnualPlan,
    MonthlyReport,
    Team,
    Target,
    Lead,
    Activity,
    Agreement,
    Category,
    Appeal,
    Observation,
]


def test_load_demo_runs_the_city_step_after_every_other_step():
    from rixin import discovery

    assert discovery.demo_steps()[-1][1] is city


def test_the_step_fills_the_ten_other_counties(city_demo):
    assert city_demo["counties"] == 10
    assert [d.code for d in city.counties()] == OTHERS


@pytest.mark.parametrize("model", KINDS, ids=lambda m: m.__name__)
def test_every_other_county_has_rows_of_every_kind_and_all_are_illustrative(city_demo, model):
    rows = model.objects.filter(county_id__in=OTHERS)
    assert set(rows.values_list("county_id", flat=True).distinct()) == set(OTHERS)
    assert not rows.filter(is_illustrative=False).exists()


def test_shouyang_keeps_its_271_projects_of_735_yi(city_demo):
    totals = Project.objects.filter(county_id=SHOUYANG).totals()
    assert totals == {"count": 271, "investment": Decimal("7350000")}


def test_shouyang_keeps_the_article_sentence_and_its_ranks(city_demo):
    assert ARTICLE in brief_for(SHOUYANG, 2024, 6)
    table = city_table("140700", Period(2024, 6))
    ids = {i.code: i.pk for i in table.indicators}
    ranks = [
        table.cell(SHOUYANG, ids[code])[1].rank
        for code in ("gdp", "fixed_asset_investment", "retail_above_size", "industry_value_added")
    ]
    assert ranks == [1, 1, 1, 2]


def test_the_city_step_writes_no_indicator_figure(city_demo):
    """The other counties' figures are the indicators step's, which keep Shouyang's ranks."""
    from rixin.demo import indicators

    periods = {(p.year, p.month) for p in [indicators.PUBLISHED, *indicators.EARLIER]}
    found = set(
        Observation.objects.filter(county_id__in=OTHERS).values_list("year", "month").distinct()
    )
    assert found == periods


def test_the_city_comparison_has_something_to_say_for_every_county(city_demo):
    jinzhong = Division.objects.get(code="140700")
    rows = compare(jinzhong, [SHOUYANG, *OTHERS], H1_2024).rows
    assert len(rows) == 11
    for row in rows:
        assert row.project_count > 0 and row.project_investment > 0, row.code
        assert row.signed_amount and row.signing_rate is not None, row.code
        assert row.indicators and all(cell.rank for cell in row.indicators[:2]), row.code
        if row.code != SHOUYANG:  # Shouyang's appeals are July's paper
            assert row.appeals > 0 and row.satisfaction_rate is not None, row.code
    shouyang = next(row for row in rows if row.code == SHOUYANG)
    assert shouyang.signing_rate == Decimal("106.44")
    assert shouyang.project_count == max(row.project_count for row in rows)


def test_the_other_counties_report_only_the_months_of_the_half_year(city_demo):
    reports = MonthlyReport.objects.filter(county_id__in=OTHERS)
    assert set(reports.values_list("year", "month").distinct()) == {(2024, m) for m in range(1, 7)}
    assert not reports.filter(project__status__in=["reserve", "preparation"]).exists()
    assert not Agreement.objects.filter(county_id__in=OTHERS, signed_on__year__lt=2024).exists()


def test_their_projects_carry_valid_unique_codes_and_coordinates_inside_the_county(city_demo):
    projects = list(Project.objects.filter(county_id__in=OTHERS))
    assert len({p.code for p in projects}) == len(projects)
    for project in projects:
        validate_project_code(project.code)
        assert project.code.split("-")[1] == project.county_id
        south, west, north, east = COUNTY_BOXES[project.county_id]
        assert south <= project.latitude <= north and west <= project.longitude <= east
    sample = projects[0]
    sample.full_clean()


def test_loading_again_changes_nothing(city_demo):
    before = {model: model.objects.count() for model in KINDS}
    assert city.load() == {"counties": 0, "rows": 0}
    assert {model: model.objects.count() for model in KINDS} == before


def test_the_application_can_insert_after_the_step(city_demo):
    """Ids written by the generator are past the sequences (PostgreSQL)."""
    from rixin.accounts.roles import Role
    from rixin.projects import actions
    from rixin.testing import make_user

    county = Division.objects.get(code="140702")
    project = actions.create_project(
        acting_user=make_user("yc_admin", Role.COUNTY_ADMIN, "140702"),
        county=county,
        name="插入测试项目",
        category="industrial",
        department=Department.objects.filter(county=county).first(),
        total_investment=Decimal(100),
    )
    assert project.pk > Project.objects.exclude(pk=project.pk).order_by("-pk").first().pk

"""manage.py generate_scale: an illustrative province-sized data set, county by county."""

import pytest
from django.core.management import CommandError, call_command

from rixin.appeals.models import Appeal, Transition
from rixin.demo.scale import PROJECT_PREFIX, TEST_SIZES, county_codes, generate
from rixin.investment.models import Lead
from rixin.projects.models import MonthlyReport, Project
from rixin.regions.data import JINZHONG_COUNTIES
from rixin.regions.models import Division
from rixin.regions.validators import level_of, validate_division_code

pytestmark = pytest.mark.django_db


def test_the_first_counties_are_the_real_jinzhong_ones_with_shouyang_first():
    codes = [code for code, _name, _city in county_codes(11)]
    assert codes[0] == "140725"
    assert sorted(codes) == sorted(code for code, _n, _e in JINZHONG_COUNTIES)


def test_invented_counties_have_valid_codes_under_shanxi_cities_and_are_marked_illustrative():
    generate(14, volume=TEST_SIZES[0])
    invented = Division.objects.filter(is_illustrative=True)
    assert invented.count() == 3
    for division in invented:
        validate_division_code(division.code)
        assert level_of(division.code) == "county"
        assert division.parent.level == "city" and division.parent.parent_id == "140000"
    assert not Division.objects.filter(code__in=[c for c, _n, _e in JINZHONG_COUNTIES]).filter(
        is_illustrative=True
    )


def test_every_generated_row_is_marked_illustrative():
    generate(2, volume=TEST_SIZES[0])
    for model in (Project, MonthlyReport, Lead, Appeal):
        assert model.objects.exists()
        assert not model.objects.filter(is_illustrative=False).exists(), model


def test_each_county_gets_the_volume_asked_for():
    volume = TEST_SIZES[0]
    generate(2, volume=volume)
    shouyang = Project.objects.filter(county_id="140725", name__startswith=PROJECT_PREFIX)
    assert shouyang.count() == volume.projects
    assert MonthlyReport.objects.filter(project__in=shouyang).count() == volume.projects * 36
    assert Appeal.objects.filter(county_id="140725").count() == volume.appeals_per_year * 3
    assert (
        Transition.objects.filter(appeal__county_id="140725").count()
        >= 2 * Appeal.objects.filter(county_id="140725").count()
    )


def test_the_same_seed_gives_the_same_rows_and_growing_leaves_existing_counties_alone():
    generate(1, volume=TEST_SIZES[0], seed=3)
    first = list(Project.objects.order_by("pk").values_list("name", "total_investment", "status"))
    generate(2, volume=TEST_SIZES[0], seed=3)
    shouyang = Project.objects.filter(county_id="140725").order_by("pk")
    assert list(shouyang.values_list("name", "total_investment", "status")) == first
    assert Project.objects.filter(county_id="140702").count() == TEST_SIZES[0].projects


def test_the_command_reports_what_it_wrote(capsys):
    call_command("generate_scale", counties=1, share=0.01, verbosity=0)
    assert "1 counties, 1 generated now" in capsys.readouterr().out
    assert Project.objects.filter(county_id="140725").count() == 3


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"counties": 0}, "at least 1"),
        ({"counties": 10_000}, "at most"),
        ({"counties": 1, "through": "2025-13"}, "month"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("generate_scale", verbosity=0, **options)
    assert not Project.objects.exists()


def test_after_each_county_the_application_can_insert_a_project():
    """Sequences are reset after each county's commit, not only at the end: a run killed at
    the next county leaves a database the actions can insert into (PostgreSQL)."""
    from decimal import Decimal

    from rixin.accounts.roles import Role
    from rixin.directory.models import Department
    from rixin.projects import actions
    from rixin.testing import division, make_user

    inserted = []

    def insert(code: str, _rows: int) -> None:
        county = division(code)
        inserted.append(
            actions.create_project(
                acting_user=make_user(f"admin_{code}", Role.COUNTY_ADMIN, code),
                county=county,
                name="生成期间新增项目",
                category="industrial",
                department=Department.objects.filter(county=county).first(),
                total_investment=Decimal(100),
            )
        )

    generate(2, volume=TEST_SIZES[0], progress=insert)
    assert [p.county_id for p in inserted] == ["140725", "140702"]
    assert inserted[1].pk == Project.objects.order_by("pk").last().pk


def test_generated_projects_carry_valid_codes_and_coordinates_in_real_counties():
    from rixin.demo.codes import COUNTY_BOXES
    from rixin.projects.validators import validate_project_code

    generate(12, volume=TEST_SIZES[0])
    projects = list(Project.objects.all())
    assert len({p.code for p in projects}) == len(projects)
    for project in projects:
        validate_project_code(project.code)
        assert project.code.split("-")[1] == project.county_id
        box = COUNTY_BOXES.get(project.county_id)
        if box is None:  # an invented county: no site
            assert project.latitude is None
            continue
        assert box[0] <= project.latitude <= box[2] and box[1] <= project.longitude <= box[3]


def test_a_run_raises_the_figure_versions_of_what_it_wrote():
    from rixin.figurecache import data_version

    generate(1, volume=TEST_SIZES[0])
    before = data_version("140725"), data_version("140700"), data_version("140702")
    generate(2, volume=TEST_SIZES[0])  # the second county of 晋中市 is written
    after = data_version("140725"), data_version("140700"), data_version("140702")
    # Its own version, its city's and (ranks move) its sibling Shouyang's all rose.
    assert all(a != b for a, b in zip(after, before, strict=True)), (before, after)

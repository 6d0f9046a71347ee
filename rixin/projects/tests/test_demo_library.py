from decimal import Decimal

import pytest

from rixin.projects.models import AnnualPlan, Project

pytestmark = pytest.mark.django_db


def test_demo_library_matches_the_article(demo, demo_user, client_for):
    """271 projects and 735 亿元 on the library page, three categories, 七元煤矿's 3.31 亿元
    in Q1, 21 planned starts and completions, fillers marked illustrative."""
    response = client_for(demo_user("sy_leader")).get("/projects/")
    assert "共 <strong>271</strong> 个项目,总投资 <strong>735</strong> 亿元" in response.text
    assert set(Project.objects.filter(county_id="140725").values_list("category", flat=True)) == {
        "industrial",
        "infrastructure",
        "livelihood",
    }
    mine = Project.objects.with_progress(2024, 3).get(name="七元煤矿")
    assert mine.completed_this_year == Decimal("33100")
    rates = AnnualPlan.objects.filter(year=2024, project__county_id="140725").rates()
    assert (rates["planned_start"], rates["planned_completion"]) == (21, 21)
    assert not Project.objects.filter(name__startswith="示例", is_illustrative=False).exists()


def test_a_second_load_demo_adds_nothing(demo):
    from django.apps import apps
    from django.core.management import call_command

    models = [m for m in apps.get_models(include_auto_created=True) if not m._meta.proxy]
    before = {m._meta.label: m._base_manager.count() for m in models}
    call_command("load_demo", verbosity=0)
    assert {m._meta.label: m._base_manager.count() for m in models} == before


def test_demo_exports_open_and_its_named_projects_are_published(
    demo, demo_user, client_for, tmp_path
):
    """On the untouched demo: the library export opens with a known value, and the OC4IDS
    package holds the article's named projects and validates."""
    import json
    from io import BytesIO

    from django.core.management import call_command
    from openpyxl import load_workbook

    from .test_oc4ids_export import _schema

    leader = client_for(demo_user("sy_leader"))
    response = leader.get("/projects/export.xlsx")
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 272 and "七元煤矿" in {row[1] for row in rows}
    published = set(Project.objects.filter(is_illustrative=False).values_list("name", flat=True))
    assert {"七元煤矿", "鹿泉山至乌金山旅游公路工程", "青银二广高速太原联络线"} <= published
    assert not any(name.startswith("示例") for name in published)
    out = tmp_path / "package.json"
    call_command("export_oc4ids", "--county", "140725", "--output", str(out))
    package = json.loads(out.read_text())
    assert len(package["projects"]) == len(published)
    from jsonschema import Draft4Validator, FormatChecker

    schema, _project, resolver = _schema()
    validator = Draft4Validator(schema, resolver=resolver, format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(package)] == []


def test_shouyang_demo_projects_carry_valid_unique_codes_and_sites_in_the_county(demo):
    from rixin.demo.codes import COUNTY_BOXES
    from rixin.projects.validators import validate_project_code

    projects = list(Project.objects.filter(county_id="140725"))
    assert len(projects) == 271
    assert len({p.code for p in projects}) == len(projects)
    south, west, north, east = COUNTY_BOXES["140725"]
    for project in projects:
        validate_project_code(project.code)
        assert len(project.code) == 24 and project.code.split("-")[1] == "140725"
        assert south <= project.latitude <= north and west <= project.longitude <= east

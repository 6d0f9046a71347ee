import csv
import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker, RefResolver

from rixin.projects import actions
from rixin.projects.oc4ids import project_package

from .factories import project, report

pytestmark = pytest.mark.django_db
SCHEMA_DIR = Path(__file__).resolve().parents[3] / "tests" / "data" / "oc4ids"


def _schema():
    package = json.loads((SCHEMA_DIR / "project-package-schema.json").read_text())
    project_schema = json.loads((SCHEMA_DIR / "project-schema.json").read_text())
    resolver = RefResolver.from_schema(package, store={project_schema["id"]: project_schema})
    return package, project_schema, resolver


def _closed_codes(schema, data, definitions, found):
    """Walk ``data`` along ``schema``: (value, codelist) for every field with a closed codelist."""
    if "$ref" in schema:
        schema = definitions[schema["$ref"].rsplit("/", 1)[-1]]
    if schema.get("codelist") and schema.get("openCodelist") is False:
        for value in data if isinstance(data, list) else [data]:
            found.append((value, schema["codelist"]))
    if isinstance(data, dict):
        for key, value in data.items():
            if key in schema.get("properties", {}):
                _closed_codes(schema["properties"][key], value, definitions, found)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for item in data:
            _closed_codes(schema["items"], item, definitions, found)
    return found


def _codes(name):
    with open(SCHEMA_DIR / "codelists" / name, encoding="utf-8") as fh:
        return {row["Code"] for row in csv.DictReader(fh)}


@pytest.fixture
def package(personas):
    item = project(
        personas.transport,
        name="鹿泉山至乌金山旅游公路工程",
        code="2024-140725-48-01-000001",
        total_investment=Decimal("40000"),
        status="under_construction",
        owner=personas.enterprise,
        planned_start=datetime.date(2023, 3, 1),
        planned_completion=datetime.date(2024, 7, 31),
    )
    report(personas.transport, item, 5, "3000", physical_progress=Decimal("70"))
    report(personas.transport, item, 6, "3800", physical_progress=Decimal("80"))
    actions.add_milestone(
        item,
        acting_user=personas.transport,
        name="完工",
        type="completion",
        due_date=datetime.date(2024, 7, 31),
    )
    actions.add_milestone(
        item,
        acting_user=personas.transport,
        name="专项债券到位",
        type="financing",
        due_date=datetime.date(2024, 6, 30),
        status="met",
        met_on=datetime.date(2024, 6, 30),
    )
    project(personas.officer, name="终止项目", status="terminated")
    return project_package(item.__class__.objects.all(), "oc4ids-test-")


def test_package_validates_against_the_oc4ids_schema(package):
    schema, _project, resolver = _schema()
    validator = Draft4Validator(schema, resolver=resolver, format_checker=FormatChecker())
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(package)]
    assert errors == []
    assert len(package["projects"]) == 2


def test_every_closed_codelist_value_is_in_its_codelist(package):
    _package, project_schema, _resolver = _schema()
    found = []
    for item in package["projects"]:
        _closed_codes(project_schema, item, project_schema["definitions"], found)
    bad = [(value, codelist) for value, codelist in found if value not in _codes(codelist)]
    assert bad == []
    assert {codelist for _v, codelist in found} >= {
        "projectStatus.csv",
        "projectType.csv",
        "currency.csv",
        "milestoneStatus.csv",
    }


def test_package_carries_status_budget_parties_and_metrics(package):
    road = next(p for p in package["projects"] if p["title"].startswith("鹿泉山"))
    assert road["status"] == "implementation"
    assert road["budget"]["amount"] == {"amount": 400000000.0, "currency": "CNY"}
    roles = {tuple(p["roles"]) for p in road["parties"]}
    assert ("publicAuthority",) in roles and ("privateParty",) in roles
    financial = next(m for m in road["metrics"] if m["id"] == "financialProgress")
    assert [o["value"]["amount"] for o in financial["observations"]] == [30000000.0, 68000000.0]
    assert road["identifiers"][0]["id"] == "2024-140725-48-01-000001"
    assert road["id"].startswith("oc4ids-test-140725-")
    cancelled = next(p for p in package["projects"] if p["title"] == "终止项目")
    assert cancelled["status"] == "cancelled"


def test_api_package_is_scoped_to_the_user(personas, client_for, package):
    response = client_for(personas.other_leader).get("/api/v1/projects/oc4ids.json")
    assert response.status_code == 422 and "至少一个项目" in response.json()["detail"]
    assert (
        client_for(personas.enterprise_user).get("/api/v1/projects/oc4ids.json").status_code == 403
    )


def test_command_writes_the_package(personas, package, tmp_path):
    from django.core.management import call_command

    out = tmp_path / "package.json"
    call_command(
        "export_oc4ids", "--county", "140725", "--output", str(out), "--include-illustrative"
    )
    assert len(json.loads(out.read_text())["projects"]) == 2


def test_a_demo_project_with_decided_approvals_carries_them_as_milestones():
    from rixin.approvals.models import CaseItem
    from rixin.demo import approvals, directory, parks, projects
    from rixin.projects.models import Project

    for step in (directory, parks, projects, approvals):
        step.load()
    road = (
        Project.objects.filter(approval_cases__items__status="granted", name__startswith="山西路桥")
        .distinct()
        .get()
    )
    decided = CaseItem.objects.filter(case__project=road, status__in=["granted", "refused"])
    package = project_package(Project.objects.filter(pk=road.pk), "oc4ids-test-")

    milestones = [
        m for m in package["projects"][0]["milestones"] if m["id"].startswith("approval-")
    ]
    assert {m["type"] for m in milestones} == {"approval"}
    assert len(milestones) == decided.count() > 0
    assert {m["title"] for m in milestones} == set(decided.values_list("name", flat=True))
    assert all(m["status"] == "met" and m["dateMet"].endswith("+08:00") for m in milestones)
    schema, _project, resolver = _schema()
    validator = Draft4Validator(schema, resolver=resolver, format_checker=FormatChecker())
    assert [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(package)] == []

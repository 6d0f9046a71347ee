"""OC4IDS validates in every case: what is left out is said, an empty package is refused,
and the demo's named projects are published."""

import json

import pytest
from django.core.management import CommandError, call_command

from .factories import project

pytestmark = pytest.mark.django_db


def test_command_refuses_an_empty_package_and_says_what_was_left_out(personas, tmp_path):
    project(personas.officer, name="示例项目001", is_illustrative=True)
    out = tmp_path / "package.json"
    with pytest.raises(CommandError, match="至少一个项目") as refused:
        call_command("export_oc4ids", "--county", "140725", "--output", str(out))
    assert "1 个示例项目" in str(refused.value)
    assert not out.exists()


def test_command_names_what_it_leaves_out(personas, tmp_path, capsys):
    project(personas.officer, name="七元煤矿")
    project(personas.officer, name="示例项目001", is_illustrative=True)
    out = tmp_path / "package.json"
    call_command("export_oc4ids", "--county", "140725", "--output", str(out))
    assert [p["title"] for p in json.loads(out.read_text())["projects"]] == ["七元煤矿"]
    assert "1 个示例项目" in capsys.readouterr().err


def test_api_leaves_out_illustrative_projects_and_refuses_an_empty_package(personas, client_for):
    project(personas.officer, name="示例项目001", is_illustrative=True)
    client = client_for(personas.officer)
    empty = client.get("/api/v1/projects/oc4ids.json")
    assert empty.status_code == 422 and "示例项目" in empty.json()["detail"]
    asked = client.get("/api/v1/projects/oc4ids.json", {"include_illustrative": "true"})
    assert [p["title"] for p in asked.json()["projects"]] == ["示例项目001"]


def test_statistics_page_says_what_the_package_leaves_out(personas, client_for):
    project(personas.officer, name="七元煤矿")
    project(personas.officer, name="示例项目001", is_illustrative=True)
    page = client_for(personas.officer).get("/projects/statistics/")
    assert page.context["oc4ids"]["published"] == 1
    assert "1 个示例项目" in page.content.decode()

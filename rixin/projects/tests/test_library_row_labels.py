"""The library's rows read as before their labels were taken once per page: each category
as Django names it, the demo badge in the reader's language, the column names translated."""

import pytest
from django.template import Context, Template
from django.utils import translation

from rixin.projects.choices import ProjectCategory
from rixin.projects.models import Project

from .factories import project, report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_category_label_is_the_choice_django_shows(language):
    with translation.override(language):
        for value, _label in ProjectCategory.choices:
            item = Project(category=value)
            assert item.category_label == str(item.get_category_display())
        assert Project(category="unknown").category_label == "unknown"


def test_the_demo_badge_follows_the_language():
    badge = Template("{% illustrative p %}")
    demo = Project(is_illustrative=True)
    with translation.override("zh-hans"):
        chinese = badge.render(Context({"p": demo}))
    with translation.override("en"):
        english = badge.render(Context({"p": demo}))
    assert "示例" in chinese and "示例" not in english and "badge" in english
    assert badge.render(Context({"p": Project()})) == ""


def test_the_phone_cards_name_each_cell_in_the_reader_s_language(personas, client_for):
    item = project(personas.transport, name="旅游公路")
    report(personas.transport, item, 6, "100")
    client = client_for(personas.leader)
    chinese = client.get("/projects/?year=2024&month=6").text
    assert chinese.count('data-label="类别"') == 1 and "<th>类别</th>" in chinese
    assert 'title="年度计划完成"' in chinese and '<td data-label="类别">产业类</td>' in chinese
    client.post("/accounts/language/", {"language": "en", "next": "/projects/"})
    english = client.get("/projects/?year=2024&month=6").text
    assert english.count('data-label="Category"') == 1 and "<th>Category</th>" in english
    assert 'title="Annual plan completed"' in english and "类别" not in english

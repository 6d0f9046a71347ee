from decimal import Decimal

import pytest

from rixin.projects.models import AnnualPlan, Project

pytestmark = pytest.mark.django_db


def test_demo_library_matches_the_article(client_for):
    """One test, because loading the demo takes a while: 271 projects and 735 亿元 on the
    library page, three categories, 七元煤矿's 3.31 亿元 in Q1, 21 planned starts and
    completions, fillers marked illustrative, and a second load adds nothing."""
    from rixin.accounts.models import User
    from rixin.demo import accounts, directory, parks, projects

    for module in (directory, accounts, parks, projects):
        module.load()

    response = client_for(User.objects.get(username="sy_leader")).get("/projects/")
    assert "共 <strong>271</strong> 个项目,总投资 <strong>735</strong> 亿元" in response.text
    assert set(Project.objects.values_list("category", flat=True)) == {
        "industrial",
        "infrastructure",
        "livelihood",
    }
    mine = Project.objects.with_progress(2024, 3).get(name="七元煤矿")
    assert mine.completed_this_year == Decimal("33100")
    rates = AnnualPlan.objects.filter(year=2024).rates()
    assert (rates["planned_start"], rates["planned_completion"]) == (21, 21)
    assert not Project.objects.filter(name__startswith="示例", is_illustrative=False).exists()
    assert projects.load() == {"projects": 0}
    assert Project.objects.count() == 271

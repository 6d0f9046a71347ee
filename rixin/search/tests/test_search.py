"""One search box: projects, enterprises, leads and appeals by name, code or number, each
kind through its own app's rules; another county's rows are never shown."""

from rixin.appeals.tests.factories import registered
from rixin.projects.tests.factories import project
from rixin.search.finders import search
from rixin.testing import make_enterprise


def _found(user, text):
    return {kind: [h.title for h in hits] for kind, hits in search(user, text)}


def test_projects_enterprises_and_appeals_by_name_code_or_number(personas):
    road = project(personas.transport, name="寿阳县滨阳路改造工程", code="2024-140725-48-01-000007")
    appeal = registered(personas, title="滨阳路施工围挡占道")
    found = _found(personas.gongshanglian, "滨阳路")  # the desk sees every appeal
    assert found["项目"] == ["寿阳县滨阳路改造工程"]
    assert found["诉求"] == [f"{appeal.number} 滨阳路施工围挡占道"]
    assert _found(personas.officer, road.code)["项目"] == ["寿阳县滨阳路改造工程"]
    by_number = _found(personas.gongshanglian, appeal.number)["诉求"]
    assert by_number == [f"{appeal.number} 滨阳路施工围挡占道"]
    # A department finds only the appeals it may open (this one is not dispatched yet).
    assert _found(personas.transport, "滨阳路")["诉求"] == []
    code = personas.enterprise.credit_code
    assert _found(personas.officer, code)["企业"] == [personas.enterprise.name]


def test_another_countys_rows_are_never_shown(personas):
    make_enterprise("140702", "榆次滨阳物流有限公司")
    project(personas.other_officer, name="榆次滨阳路延伸工程")
    project(personas.transport, name="寿阳县滨阳路改造工程")
    found = _found(personas.officer, "滨阳")
    assert found["项目"] == ["寿阳县滨阳路改造工程"]
    assert "榆次滨阳物流有限公司" not in found["企业"]
    other = _found(personas.other_officer, "滨阳")
    assert other["项目"] == ["榆次滨阳路延伸工程"]


def test_leads_only_for_those_who_see_them(personas):
    assert "招商线索" in _found(personas.zhaoshang, "x")
    assert "招商线索" in _found(personas.leader, "x")
    assert "招商线索" not in _found(personas.transport, "x")
    assert "招商线索" not in _found(personas.enterprise_user, "x")


def test_an_enterprise_finds_only_its_own(personas):
    registered(personas, title="用电增容审批慢")
    make_enterprise("140725", "山西强伟纸业二厂")
    found = _found(personas.enterprise_user, "强伟")
    assert found["企业"] == [personas.enterprise.name]
    assert "项目" not in found


def test_the_page_and_the_box_in_the_navigation(personas, client_for):
    project(personas.transport, name="寿阳县滨阳路改造工程")
    client = client_for(personas.officer)
    body = client.get("/search/", {"q": "滨阳路"}).content.decode()
    assert 'data-testid="search-box"' in body
    assert 'data-testid="search-hit"' in body and "寿阳县滨阳路改造工程" in body
    assert 'name="q" value="滨阳路"' in body  # the box repeats the words on its page only
    assert (
        'name="q" value="滨阳路" placeholder="搜索'
        not in client.get("/projects/", {"q": "滨阳路"}).content.decode()
    )
    assert (
        'data-testid="search-empty"' in client.get("/search/", {"q": "无此项目"}).content.decode()
    )
    assert client_for(personas.auditor).get("/search/", {"q": "滨阳"}).status_code == 403
    assert (
        'data-testid="search-box"'
        not in client_for(personas.auditor).get("/audit/").content.decode()
    )

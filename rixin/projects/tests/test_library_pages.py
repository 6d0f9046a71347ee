from decimal import Decimal

import pytest

from rixin.projects.models import Project

from .factories import project, report

pytestmark = pytest.mark.django_db


def _many(personas, count):
    for n in range(count):
        item = project(
            personas.transport,
            name=f"项目{len(Project.objects.all())}-{n}",
            total_investment=Decimal("25000"),
        )
        report(personas.transport, item, 6, "100", physical_progress=Decimal("40"))


def test_library_shows_count_and_total_investment_in_yi(personas, client_for):
    _many(personas, 4)
    response = client_for(personas.leader).get("/projects/?year=2024&month=6")
    assert response.status_code == 200
    assert "共 <strong>4</strong> 个项目,总投资 <strong>10</strong> 亿元" in response.text


def test_library_filters_by_status_and_text(personas, client_for):
    project(personas.transport, name="旅游公路", status="under_construction")
    project(personas.transport, name="污水处理厂")
    client = client_for(personas.leader)
    assert "污水处理厂" not in client.get("/projects/?status=under_construction").text
    assert "旅游公路" not in client.get("/projects/?q=污水").text


def test_enterprise_user_gets_403_on_the_library(personas, client_for):
    assert client_for(personas.enterprise_user).get("/projects/").status_code == 403


def test_other_county_does_not_see_shouyang_projects(personas, client_for):
    project(personas.transport, name="寿阳项目")
    assert "寿阳项目" not in client_for(personas.other_leader).get("/projects/").text


@pytest.mark.parametrize(
    "url",
    [
        "/projects/?year=2024&month=6",
        "/projects/?year=2024&month=6&health=normal",
        "/projects/statistics/?year=2024&month=6",
        "/projects/reporting/?year=2024&month=6",
    ],
)
def test_query_count_does_not_grow_with_the_data(
    personas, client_for, django_assert_num_queries, url
):
    client = client_for(personas.officer)
    _many(personas, 2)
    client.get(url)  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _many(personas, 12)
    with django_assert_num_queries(len(small)):
        client.get(url)


def test_project_page_query_count_does_not_grow(personas, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from rixin.projects import actions

    item = project(personas.transport)
    client = client_for(personas.officer)
    report(personas.transport, item, 1, "10")
    url = f"/projects/{item.pk}/?year=2024&month=6"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for month in range(2, 7):
        report(personas.transport, item, month, "10")
        actions.add_milestone(
            item,
            acting_user=personas.transport,
            name=f"节点{month}",
            type="other",
            due_date=f"2024-0{month}-01",
        )
        actions.raise_problem(
            item,
            acting_user=personas.transport,
            description=f"问题{month}",
            department=personas.officer.department,
        )
    with django_assert_num_queries(len(small)):
        response = client.get(url)
    assert "问题6" in response.text and "plan-chart" in response.text


def test_project_page_shows_progress_bars_and_health(personas, client_for):
    from rixin.projects import actions

    item = project(personas.transport, total_investment=Decimal("1000"))
    actions.save_annual_plan(
        item, acting_user=personas.transport, year=2024, planned_investment=Decimal("200")
    )
    report(personas.transport, item, 6, "100")
    response = client_for(personas.leader).get(f"/projects/{item.pk}/?year=2024&month=6")
    assert 'aria-label="投资进度"' in response.text
    assert 'data-testid="health"' in response.text


def test_form_creates_project_and_leader_cannot(personas, client_for):
    data = {
        "name": "新项目",
        "category": "industrial",
        "department": personas.transport.department_id,
        "total_investment": "500",
        "level": "county",
    }
    assert client_for(personas.leader).post("/projects/new/", data).status_code == 403
    assert not Project.objects.filter(name="新项目").exists()
    response = client_for(personas.transport).post("/projects/new/", data)
    assert response.status_code == 302
    assert Project.objects.get(name="新项目").department == personas.transport.department


def test_form_reports_a_malformed_code_on_the_field(personas, client_for):
    data = {
        "name": "坏代码项目",
        "code": "2024-1407",
        "category": "industrial",
        "department": personas.transport.department_id,
        "total_investment": "500",
        "level": "county",
    }
    response = client_for(personas.transport).post("/projects/new/", data)
    assert response.status_code == 200 and "24 位" in response.text
    assert not Project.objects.filter(name="坏代码项目").exists()


def test_reporting_page_lists_owed_and_late_reports(personas, client_for):
    owed = project(personas.transport, name="未报项目", status="under_construction")
    done = project(personas.transport, name="已报项目", status="under_construction")
    report(personas.transport, done, 5, "10")
    response = client_for(personas.officer).get("/projects/reporting/?year=2024&month=5")
    assert "逾期未报" in response.text and "未报项目" in response.text
    assert owed.department.name in response.text

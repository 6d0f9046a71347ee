"""The board, the queue and the case page: their query counts do not grow with the data;
the project page's panel; a decision through the page."""

import datetime

import pytest

from rixin.accounts.access import system_actor
from rixin.approvals import actions
from rixin.approvals.views import case_panel_context
from rixin.testing import SHOUYANG

from .factories import case, item, project

D = datetime.date


def _more_cases(personas, n):
    for index in range(n):
        code = f"2024-140725-48-01-{200 + index:06d}"
        p = project(personas, code=code)
        c = actions.open_case(
            acting_user=system_actor(),
            county=p.county,
            project_code=code,
            project_type="social",
            opened_on=D(2024, 3, 1),
        )
        actions.accept_item(item(c, "xiangmu-beian"), acting_user=system_actor(), on=D(2024, 3, 4))


@pytest.mark.django_db
@pytest.mark.parametrize("extra", [0, 6])
def test_board_and_queue_queries_do_not_grow(
    personas, client_for, django_assert_max_num_queries, extra
):
    case(personas)
    _more_cases(personas, extra)
    leader, officer = client_for(personas.leader), client_for(personas.officer)
    # The page's own queries, plus the shell's: the session, the navigation's to-do and inbox
    # counts and the calendar notice, the same at every size.
    with django_assert_max_num_queries(24):
        assert leader.get("/approvals/").status_code == 200
    with django_assert_max_num_queries(24):
        assert officer.get("/approvals/queue/").status_code == 200


@pytest.mark.django_db
def test_case_page_queries_are_bounded(personas, client_for, django_assert_max_num_queries):
    c = case(personas)
    actions.accept_item(item(c, "xiangmu-beian"), acting_user=personas.officer, on=D(2024, 3, 4))
    leader = client_for(personas.leader)
    with django_assert_max_num_queries(16):
        response = leader.get(f"/approvals/cases/{c.pk}/")
    assert response.status_code == 200
    assert b"timeline-data" in response.content


@pytest.mark.django_db
def test_department_decides_through_the_case_page(personas, client_for):
    c = case(personas)
    entry = item(c, "xiangmu-beian")
    client = client_for(personas.officer)
    client.post(f"/approvals/items/{entry.pk}/accept/", {"on": "2024-03-04"})
    response = client.post(
        f"/approvals/items/{entry.pk}/grant/",
        {"on": "2024-03-01", "document_number": "寿发改备1号"},
        follow=True,
    )
    assert "早于该事项的受理日期" in response.content.decode()
    client.post(
        f"/approvals/items/{entry.pk}/grant/",
        {"on": "2024-03-06", "document_number": "寿发改备1号"},
    )
    entry.refresh_from_db()
    assert entry.status == "granted" and entry.document_number == "寿发改备1号"


@pytest.mark.django_db
def test_project_panel_lists_the_case_for_county_staff_and_not_for_another_county(personas):
    c = case(personas)
    own = case_panel_context(c.project, personas.leader)
    assert [r["case"] for r in own["approval_rows"]] == [c]
    assert case_panel_context(c.project, personas.other_leader)["approval_rows"] == []
    assert c.county_id == SHOUYANG


@pytest.mark.django_db
def test_api_opens_a_case_and_takes_a_step(personas, client_for):
    p = project(personas)
    from .factories import catalogue

    catalogue()
    client = client_for(personas.yingshang)
    response = client.post(
        "/api/v1/approvals/cases",
        {"project_code": p.code, "opened_on": "2024-03-01"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    case_id = response.json()["id"]
    detail = client_for(personas.officer).get(f"/api/v1/approvals/cases/{case_id}").json()
    beian = next(i for i in detail["items"] if i["name"] == "企业投资项目备案")
    step = client_for(personas.officer).post(
        f"/api/v1/approvals/items/{beian['id']}/steps",
        {"step": "accept", "on": "2024-03-04"},
        content_type="application/json",
    )
    assert step.status_code == 201 and step.json()["status"] == "running"

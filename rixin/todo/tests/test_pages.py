"""The landing page per role, the to-do page and the counts in the navigation bar."""

from rixin.appeals.tests.factories import dispatched, moment


def test_working_roles_land_on_their_to_do_list(personas, client_for):
    for user in (personas.transport, personas.officer, personas.enterprise_user):
        assert client_for(user).get("/")["Location"] == "/todo/"


def test_the_leader_lands_on_the_cockpit(personas, client_for):
    assert client_for(personas.leader).get("/")["Location"] == "/cockpit/"


def test_the_page_lists_cards_that_link_to_the_work_and_the_badge_counts_them(personas, client_for):
    appeal = dispatched(personas, at=moment("2024-07-22"), lead=personas.transport.department)
    response = client_for(personas.transport).get("/todo/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f'href="/appeals/{appeal.pk}/" data-testid="todo-item"' in body
    total = response.context["total"]
    assert total >= 1
    assert f'data-testid="todo-count">{total}<' in body

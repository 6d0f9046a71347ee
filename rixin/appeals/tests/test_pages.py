"""The loop in the browser: the desk, a department officer and an enterprise user, each as themselves."""

import pytest

from rixin.appeals.choices import Status
from rixin.appeals.models import Appeal

from .factories import answered, category, complaint, dispatched


def test_the_whole_loop_through_the_pages(personas, client_for):
    category(personas)
    enterprise, desk, officer = (
        client_for(u) for u in (personas.enterprise_user, personas.gongshanglian, personas.officer)
    )
    response = enterprise.post(
        "/appeals/new/",
        {"category": category(personas).pk, "title": "申请用地", "content": "扩建仓库"},
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and appeal.status == Status.SUBMITTED
    desk.post(f"/appeals/{appeal.pk}/accept/")
    desk.post(f"/appeals/{appeal.pk}/dispatch/", {"lead": personas.officer.department_id})
    assert "待签收" in officer.get("/appeals/inbox/").content.decode()
    officer.post(f"/appeals/{appeal.pk}/acknowledge/")
    officer.post(f"/appeals/{appeal.pk}/progress/", {"note": "已踏勘"})
    officer.post(
        f"/appeals/{appeal.pk}/answer/",
        {"solution": "纳入供地计划", "post": "项目股", "done_on": "2024-07-08"},
    )
    page = enterprise.get(f"/appeals/{appeal.pk}/").content.decode()
    assert "已踏勘" in page and "纳入供地计划" in page and "提交评价" in page
    enterprise.post(
        f"/appeals/{appeal.pk}/mark/", {"satisfaction": "satisfied", "resolution": "resolved"}
    )
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED and appeal.transitions.count() == 7


def test_a_bad_step_shows_the_message_and_changes_nothing(personas, client_for):
    appeal = dispatched(personas)
    response = client_for(personas.officer).post(
        f"/appeals/{appeal.pk}/return/", {"note": ""}, follow=True
    )
    assert "不能为空" in response.content.decode()
    assert Appeal.objects.get(pk=appeal.pk).status == Status.DISPATCHED


def test_html_typed_into_an_appeal_is_refused_on_the_form(personas, client_for):
    response = client_for(personas.enterprise_user).post(
        "/appeals/new/",
        {
            "category": category(personas).pk,
            "title": "<img src=x onerror=alert(1)>",
            "content": "c",
        },
    )
    assert response.status_code == 200 and "HTML" in response.content.decode()
    assert not Appeal.objects.exists()


def test_an_enterprise_sees_only_its_own_appeals(personas, client_for):
    from rixin.testing import make_enterprise

    mine = dispatched(personas, title="本企业诉求")
    theirs = dispatched(personas, title="别家诉求", enterprise=make_enterprise("140725", "利尔康"))
    client = client_for(personas.enterprise_user)
    listing = client.get("/appeals/").content.decode()
    assert "本企业诉求" in listing and "别家诉求" not in listing
    assert client.get(f"/appeals/{theirs.pk}/").status_code == 404
    assert (
        client.post(
            f"/appeals/{theirs.pk}/mark/", {"satisfaction": "satisfied", "resolution": "resolved"}
        ).status_code
        == 404
    )
    assert client.get(f"/appeals/{mine.pk}/").status_code == 200


def test_text_is_escaped_on_the_page(personas, client_for):
    appeal = dispatched(personas)
    Appeal.objects.filter(pk=appeal.pk).update(
        title="<b>粗</b>"
    )  # written around the action on purpose
    page = client_for(personas.leader).get(f"/appeals/{appeal.pk}/").content.decode()
    assert "&lt;b&gt;粗&lt;/b&gt;" in page and "<b>粗</b>" not in page


def _grow(personas, n):
    for _ in range(n):
        answered(personas)
        complaint(personas)


@pytest.mark.parametrize(
    "user, url",
    [
        ("leader", "/appeals/"),
        ("officer", "/appeals/inbox/"),
        ("gongshanglian", "/appeals/inbox/"),
        ("leader", "/appeals/scorecards/?start=2020-01-01"),
        ("city_viewer", "/appeals/scorecards/?start=2020-01-01"),
        ("enterprise_user", "/appeals/"),
    ],
)
def test_lists_take_the_same_number_of_queries_at_two_sizes(
    personas, client_for, django_assert_max_num_queries, user, url
):
    client = client_for(getattr(personas, user))
    _grow(personas, 2)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(personas, 6)
    with django_assert_max_num_queries(len(small)):
        client.get(url)

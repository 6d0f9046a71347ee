"""Smaller frictions of the loop: a new dispatch is 待签收 in the inbox, the enterprise does
not read the internal dispatch note, and each step says what happened."""

import datetime

from django.contrib.messages import get_messages

from rixin.appeals import actions
from rixin.appeals.models import Transition

from .factories import dispatched, moment, registered


def test_a_new_dispatch_is_to_acknowledge_not_among_the_others(personas, client_for):
    appeal = dispatched(personas)
    response = client_for(personas.officer).get("/appeals/inbox/")
    waiting = [a.appeal_id for a in response.context["to_acknowledge"]]
    later = [a.appeal_id for a in response.context["later"]]
    assert appeal.pk in waiting and appeal.pk not in later
    actions.acknowledge_appeal(appeal, acting_user=personas.officer)
    response = client_for(personas.officer).get("/appeals/inbox/")
    assert appeal.pk not in [a.appeal_id for a in response.context["to_acknowledge"]]


def _with_note(personas):
    appeal = registered(personas)
    actions.dispatch_appeal(
        appeal,
        acting_user=personas.gongshanglian,
        lead=personas.officer.department,
        note="该企业曾多次越级上访,注意沟通方式",
    )
    return appeal


def test_the_enterprise_does_not_read_the_dispatch_note(personas, client_for):
    appeal = _with_note(personas)
    row = Transition.objects.get(appeal=appeal, step="dispatch")
    assert "越级" not in row.note and "越级" in row.internal_note
    enterprise = client_for(personas.enterprise_user)
    assert "越级" not in enterprise.get(f"/appeals/{appeal.pk}/").content.decode()
    api = enterprise.get(f"/api/v1/appeals/appeals/{appeal.pk}/transitions").content.decode()
    assert "越级" not in api
    staff = client_for(personas.officer).get(f"/appeals/{appeal.pk}/").content.decode()
    assert "越级" in staff


def test_the_enterprise_reads_where_it_went(personas, client_for):
    appeal = _with_note(personas)
    page = client_for(personas.enterprise_user).get(f"/appeals/{appeal.pk}/").content.decode()
    assert f"主办:{personas.officer.department.name}" in page


def _said(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_dispatch_step_says_where_and_until_when(personas, client_for):
    appeal = registered(personas, at=moment("2024-07-01"))
    response = client_for(personas.gongshanglian).post(
        f"/appeals/{appeal.pk}/dispatch/",
        {"lead": personas.officer.department_id, "deadline_days": "10"},
    )
    appeal.refresh_from_db()
    name = personas.officer.department.name
    assert _said(response) == [f"已派单至{name},办理时限{appeal.deadline.isoformat()}"]


def test_no_step_answers_saved(personas, client_for):
    appeal = dispatched(personas)
    client = client_for(personas.officer)
    client.post(f"/appeals/{appeal.pk}/acknowledge/")
    client.post(f"/appeals/{appeal.pk}/progress/", {"note": "已现场勘察", "internal": ""})
    response = client.post(
        f"/appeals/{appeal.pk}/answer/",
        {"solution": "已增容", "post": "能源股", "done_on": datetime.date.today()},
    )
    said = _said(response)  # the three steps' messages, not yet shown
    assert "已保存。" not in said and len(said) == 3
    assert said[0].startswith("已签收,办理时限") and said[2] == "已答复,等待企业评价。"

"""Marking without an account: a one-time link for the appeal's contact, and 回访."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from rixin.accounts.access import system_actor
from rixin.appeals import actions, scorecards
from rixin.appeals import announce as events
from rixin.appeals.choices import MarkSource, Satisfaction, Status, Step
from rixin.appeals.models import Appeal, MarkingLink
from rixin.directory.actions import update_enterprise

from .factories import answered, moment

MARK = {"satisfaction": "satisfied", "resolution": "resolved", "comment": "很快"}


@pytest.fixture
def with_phone(personas):
    update_enterprise(
        personas.enterprise, {"contact_phone": "13900000000"}, acting_user=system_actor()
    )
    return personas


def _link(personas, at=None):
    appeal = answered(personas, at=at)
    path = actions.issue_marking_link(appeal, acting_user=personas.gongshanglian, at=at)
    return appeal, path


def test_the_link_opens_without_a_login_and_marks_once(with_phone):
    appeal, path = _link(with_phone)
    anonymous = Client()
    page = anonymous.get(path)
    assert page.status_code == 200 and appeal.title in page.content.decode()
    done = anonymous.post(path, MARK)
    assert done.status_code == 200 and 'data-testid="marked"' in done.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED and appeal.mark_source == MarkSource.LINK
    assert appeal.transitions.last().step == Step.MARK
    assert anonymous.get(path).status_code == 410  # used: it cannot be opened again
    assert anonymous.post(path, MARK).status_code == 410


def test_only_the_hash_of_the_token_is_kept(with_phone):
    appeal, path = _link(with_phone)
    token = path.rstrip("/").rsplit("/", 1)[-1]
    link = MarkingLink.objects.get(appeal=appeal)
    assert link.token_hash != token and token not in link.token_hash
    assert link.sent_to == "13900000000"


def test_an_unknown_token_is_404(with_phone):
    _link(with_phone)
    assert Client().get("/appeals/mark/not-a-token/").status_code == 404


def test_the_link_expires_after_fifteen_working_days(with_phone):
    appeal, path = _link(with_phone, at=moment("2024-09-20"))
    link = MarkingLink.objects.get(appeal=appeal)
    # The National Day week skipped, the make-up weekend days 09-29 and 10-12 counted.
    assert link.expires_on == datetime.date(2024, 10, 16)
    assert link.is_open(datetime.date(2024, 10, 16))
    assert not link.is_open(datetime.date(2024, 10, 17))
    assert Client().get(path).status_code == 410  # today is long after 2024
    with pytest.raises(ValidationError):
        actions.mark_by_link(path.split("/")[-2], **MARK)


def test_a_link_of_an_answer_marked_another_way_is_gone(with_phone):
    appeal, path = _link(with_phone)
    actions.mark_answer(appeal, acting_user=with_phone.enterprise_user, **MARK)
    assert Client().get(path).status_code == 410


def test_only_the_federation_sends_links_and_sending_is_announced(with_phone, monkeypatch):
    heard = []
    monkeypatch.setattr(actions, "announce", lambda event, *a, **k: heard.append((event, k)))
    appeal = answered(with_phone)
    for user in (with_phone.yingshang, with_phone.officer, with_phone.enterprise_user):
        with pytest.raises(PermissionDenied):
            actions.issue_marking_link(appeal, acting_user=user)
    path = actions.issue_marking_link(appeal, acting_user=with_phone.gongshanglian)
    assert heard[-1][0] == events.MARKING_LINK
    assert heard[-1][1]["recipients"] == ["13900000000"]
    assert heard[-1][1]["details"]["path"] == path


def test_no_link_without_a_contact_phone(personas):
    appeal = answered(personas)
    with pytest.raises(ValidationError):
        actions.issue_marking_link(appeal, acting_user=personas.gongshanglian)


def test_the_federation_sends_the_link_from_the_appeal_page(with_phone, client_for):
    appeal = answered(with_phone)
    client = client_for(with_phone.gongshanglian)
    assert "/mark_link/" in client.get(f"/appeals/{appeal.pk}/").content.decode()
    page = client.post(f"/appeals/{appeal.pk}/mark_link/", follow=True).content.decode()
    assert "/appeals/mark/" in page
    assert MarkingLink.objects.filter(appeal=appeal).count() == 1


# ---------------------------------------------------------------- 回访


def _callback(personas, appeal, **extra):
    return actions.record_callback(
        appeal,
        acting_user=personas.gongshanglian,
        called_by="工商联 王干事",
        called_at=moment("2024-07-30", 15),
        satisfaction=extra.get("satisfaction", Satisfaction.BASICALLY),
        resolution="partly",
        comment="电话中表示基本满意",
    )


def test_a_callback_records_who_called_when_and_the_verdict(personas):
    appeal = answered(personas, at=moment("2024-07-25"))
    _callback(personas, appeal)
    appeal.refresh_from_db()
    assert appeal.status == Status.CLOSED and appeal.satisfaction == Satisfaction.BASICALLY
    assert appeal.mark_source == MarkSource.PHONE
    assert appeal.callback_by == "工商联 王干事"
    assert appeal.callback_at == moment("2024-07-30", 15)
    row = appeal.transitions.last()
    assert row.step == Step.CALLBACK and row.get_step_display() == "回访"
    assert "工商联 王干事" in row.note and "2024-07-30 15:00" in row.note


def test_only_the_federation_records_a_callback(personas):
    appeal = answered(personas)
    with pytest.raises(PermissionDenied):
        actions.record_callback(
            appeal,
            acting_user=personas.yingshang,
            called_by="x",
            called_at=moment("2024-07-30"),
            satisfaction="satisfied",
            resolution="resolved",
        )


def test_the_timeline_shows_the_callback(personas, client_for):
    appeal = answered(personas, at=moment("2024-07-25"))
    client = client_for(personas.gongshanglian)
    client.post(
        f"/appeals/{appeal.pk}/callback/",
        {
            "called_by": "工商联 王干事",
            "called_at": "2024-07-30T15:00",
            "satisfaction": "satisfied",
            "resolution": "resolved",
            "comment": "",
        },
    )
    page = client.get(f"/appeals/{appeal.pk}/").content.decode()
    assert "<strong>回访</strong>" in page


def test_scorecards_count_callbacks_apart_from_other_marks(personas):
    by_phone = answered(personas, at=moment("2024-07-25"))
    _callback(personas, by_phone)
    online = answered(personas, at=moment("2024-07-25"))
    actions.mark_answer(online, acting_user=personas.enterprise_user, **MARK)
    cards = scorecards.department_scorecards(
        Appeal.objects.all(), "140725", datetime.date(2024, 12, 31)
    )
    card = {c.department.pk: c for c in cards}[personas.officer.department_id]
    assert (card.marked, card.callbacks) == (2, 1)


def test_an_enterprise_without_an_account_gets_the_link_by_sms(personas, settings):
    from rixin.notices.actions import save_channel_settings
    from rixin.notices.delivery import deliver_due
    from rixin.notices.tests.servers import Recorder
    from rixin.testing import make_enterprise

    settings.RIXIN_PUBLIC_URL = "https://rixin.example.org"
    actor = system_actor()
    bare = make_enterprise("140725", "晋荞米业")
    update_enterprise(bare, {"contact_phone": "13911112222"}, acting_user=actor)
    appeal = answered(personas, enterprise=bare)
    with Recorder() as gateway:
        save_channel_settings(
            "140725", {"sms_enabled": True, "sms_gateway": gateway.url}, acting_user=actor
        )
        path = actions.issue_marking_link(appeal, acting_user=personas.gongshanglian)
        deliver_due(acting_user=actor)
        sent = [r["json"] for r in gateway.requests]
    assert [s["to"] for s in sent] == ["13911112222"]
    assert f"https://rixin.example.org{path}" in sent[0]["text"]
    assert Client().get(path).status_code == 200

"""The inbox: unread counts, marking read, and nobody reads another's notices."""

from django.db import transaction

from rixin.notices import actions
from rixin.notices.choices import Event
from rixin.notices.models import Notice


def _notice(actor, county, user, title="已派单", link="/appeals/1/"):
    with transaction.atomic():
        return actions.notify(
            Event.DISPATCH,
            recipients=[user],
            title=title,
            link=link,
            county=county,
            acting_user=actor,
        )[0]


def test_the_inbox_shows_the_unread_count_and_the_badge(personas, actor, county, client_for):
    _notice(actor, county, personas.transport)
    _notice(actor, county, personas.transport, title="超期")
    response = client_for(personas.transport).get("/notices/")
    assert response.status_code == 200
    assert response.context["unread"] == 2
    assert b'data-testid="unread-count">2<' in response.content


def test_opening_a_notice_marks_it_read_and_goes_to_its_page(personas, actor, county, client_for):
    notice = _notice(actor, county, personas.transport)
    response = client_for(personas.transport).post("/notices/read/", {"id": notice.pk})
    assert response.status_code == 302 and response["Location"] == "/appeals/1/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_nobody_marks_another_persons_notice(personas, actor, county, client_for):
    notice = _notice(actor, county, personas.transport)
    client_for(personas.yingshang).post("/notices/read/", {"id": notice.pk})
    client_for(personas.yingshang).post("/notices/read/", {"all": "1"})
    notice.refresh_from_db()
    assert notice.read_at is None
    page = client_for(personas.yingshang).get("/notices/")
    assert page.context["notices"] == []


def test_mark_all_read(personas, actor, county, client_for):
    _notice(actor, county, personas.transport)
    _notice(actor, county, personas.transport)
    client_for(personas.transport).post("/notices/read/", {"all": "1"})
    assert not Notice.objects.unread().exists()


def test_the_county_administrator_keeps_the_channels(personas, client_for):
    response = client_for(personas.county_admin).post(
        "/notices/channels/",
        {"sms_enabled": "on", "sms_gateway": "https://sms.example/send", "sms_token": "t"},
    )
    assert response.status_code == 302
    from rixin.audit.models import AuditEvent
    from rixin.notices.models import ChannelSettings

    settings = ChannelSettings.objects.get(county_id="140725")
    assert settings.sms_enabled and settings.sms_token == "t"
    event = AuditEvent.objects.filter(object_type="notices.channelsettings").latest("pk")
    assert event.after["sms_token"] == "***"  # the secret stays out of the audit log

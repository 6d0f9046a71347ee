"""A contact without an account (a bare phone number) hears by SMS: a notice that is in no
one's inbox, one delivery to the number, and nothing posted to the group robots."""

from django.db import transaction

from rixin.notices import actions
from rixin.notices.choices import ChannelKind, Event
from rixin.notices.delivery import deliver_due
from rixin.notices.models import Delivery, Notice


def _notify(actor, county, **kwargs):
    with transaction.atomic():
        return actions.notify(
            Event.MARKING_LINK,
            title="评价链接",
            body="请打开链接评价答复",
            county=county,
            acting_user=actor,
            **kwargs,
        )


def test_a_phone_number_gets_an_sms_and_no_inbox_row(personas, actor, county, recorder):
    actions.save_channel_settings(
        county,
        {
            "sms_enabled": True,
            "sms_gateway": recorder.url,
            "wecom_enabled": True,
            "wecom_webhook": recorder.url + "/wecom",
        },
        acting_user=actor,
    )
    (notice,) = _notify(actor, county, recipients=[], addresses=[(ChannelKind.SMS, "13900000000")])
    assert notice.recipient is None
    assert not Notice.objects.visible_to(personas.gongshanglian).exists()
    assert list(Delivery.objects.values_list("channel", "address")) == [("sms", "13900000000")]
    run = deliver_due(acting_user=actor)
    assert run.claimed == 1
    assert [r["json"]["to"] for r in recorder.requests] == ["13900000000"]
    assert "请打开链接评价答复" in recorder.requests[0]["json"]["text"]


def test_without_the_countys_sms_channel_nothing_is_written(actor, county):
    assert _notify(actor, county, recipients=[], addresses=[(ChannelKind.SMS, "13900000000")]) == []
    assert not Notice.objects.exists()

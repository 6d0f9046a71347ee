"""Each channel against a real local server: the SMTP server (aiosmtpd), and an HTTP server
recording what the 企业微信 and 钉钉 robots and the SMS gateway receive."""

import base64
import datetime
import hashlib
import hmac
import urllib.parse

from django.db import transaction
from django.utils import timezone

from rixin.notices import actions
from rixin.notices.choices import ChannelKind, DeliveryStatus, Event
from rixin.notices.delivery import deliver_due
from rixin.notices.models import Delivery, DeliveryAttempt, Notice

from .servers import Recorder


def _channels(actor, county, **changes):
    return actions.save_channel_settings(county, changes, acting_user=actor)


def _notify(actor, county, recipients, title="已派单至交通运输局"):
    with transaction.atomic():
        return actions.notify(
            Event.DISPATCH,
            recipients=recipients,
            title=title,
            body="办理时限2024-07-22",
            link="/appeals/1/",
            county=county,
            acting_user=actor,
        )


def test_email_reaches_the_smtp_server_once(personas, actor, county, smtp):
    _channels(actor, county, email_enabled=True)
    personas.transport.email = "jiaotong@example.org"
    personas.transport.save()
    _notify(actor, county, [personas.transport])
    run = deliver_due(acting_user=actor)
    assert run.statuses == {DeliveryStatus.SENT: 1}
    assert len(smtp.messages) == 1
    to, message = smtp.messages[0]
    assert to == ["jiaotong@example.org"]
    assert message["Subject"] == "已派单至交通运输局"
    delivery = Delivery.objects.get()
    assert message["Message-ID"] == f"<{delivery.idempotency_key}@rixin>"
    assert deliver_due(acting_user=actor).claimed == 0  # nothing twice


def test_wecom_robot_receives_its_markdown_json(personas, actor, county, recorder):
    _channels(
        actor,
        county,
        wecom_enabled=True,
        wecom_webhook=f"{recorder.url}/cgi-bin/webhook/send?key=K",
    )
    _notify(actor, county, [personas.transport, personas.yingshang])
    deliver_due(acting_user=actor)
    assert len(recorder.requests) == 1  # one post to the group, not one per recipient
    request = recorder.requests[0]
    assert request["query"] == {"key": "K"}
    assert request["json"]["msgtype"] == "markdown"
    assert request["json"]["markdown"]["content"].startswith("**已派单至交通运输局**")
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_dingtalk_robot_signs_with_the_secret(personas, actor, county, recorder):
    secret = "SEC0123456789abcdef"
    _channels(
        actor,
        county,
        dingtalk_enabled=True,
        dingtalk_webhook=f"{recorder.url}/robot/send?access_token=T",
        dingtalk_secret=secret,
    )
    _notify(actor, county, [personas.transport])
    deliver_due(acting_user=actor)
    request = recorder.requests[0]
    timestamp = request["query"]["timestamp"]
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    assert request["query"]["sign"] == base64.b64encode(digest).decode()
    assert request["query"]["access_token"] == "T"
    assert request["json"]["msgtype"] == "markdown"
    assert request["json"]["markdown"]["title"] == "已派单至交通运输局"
    assert abs(int(timestamp) / 1000 - timezone.now().timestamp()) < 60


def test_the_dingtalk_sign_is_url_encoded():
    from rixin.notices.channels import dingtalk_signed_url

    url = dingtalk_signed_url("https://oapi.dingtalk.com/robot/send?access_token=T", "s", 1)
    sign = url.split("sign=")[1]
    assert (
        urllib.parse.unquote_plus(sign)
        == base64.b64encode(hmac.new(b"s", b"1\ns", hashlib.sha256).digest()).decode()
    )
    assert "+" not in sign and "/" not in sign


def test_a_robot_errcode_is_a_failure(personas, actor, county):
    with Recorder(answer={"errcode": 310000, "errmsg": "sign not match"}) as server:
        _channels(actor, county, wecom_enabled=True, wecom_webhook=f"{server.url}/send")
        _notify(actor, county, [personas.transport])
        deliver_due(acting_user=actor)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING and "310000" in delivery.last_error


def test_the_sms_gateway_receives_to_text_template_and_key(personas, actor, county, recorder):
    _channels(
        actor,
        county,
        sms_enabled=True,
        sms_gateway=f"{recorder.url}/sms",
        sms_token="tok-1",
        sms_template="SMS_1",
    )
    actions.save_preference(
        personas.transport, {"phone": "13800000000"}, acting_user=personas.transport
    )
    _notify(actor, county, [personas.transport, personas.yingshang])  # yingshang has no phone
    deliver_due(acting_user=actor)
    assert len(recorder.requests) == 1
    request = recorder.requests[0]
    delivery = Delivery.objects.get(channel=ChannelKind.SMS)
    assert request["headers"]["Authorization"] == "Bearer tok-1"
    assert request["json"] == {
        "to": "13800000000",
        "text": "已派单至交通运输局 办理时限2024-07-22",
        "template": "SMS_1",
        "key": delivery.idempotency_key,
    }


def test_a_person_who_opts_out_gets_the_inbox_only(personas, actor, county, recorder):
    _channels(actor, county, sms_enabled=True, sms_gateway=f"{recorder.url}/sms")
    actions.save_preference(
        personas.transport,
        {"phone": "13800000000", "sms_enabled": False},
        acting_user=personas.transport,
    )
    _notify(actor, county, [personas.transport])
    assert Notice.objects.count() == 1 and not Delivery.objects.exists()


def test_a_failing_endpoint_succeeds_on_the_third_try_after_back_off(
    personas, actor, county, settings
):
    settings.RIXIN_NOTICE_BACKOFF_SECONDS = 60
    with Recorder(fail_first=2) as server:
        _channels(actor, county, wecom_enabled=True, wecom_webhook=f"{server.url}/send")
        _notify(actor, county, [personas.transport])
        delivery = Delivery.objects.get()
        now = timezone.now()
        deliver_due(acting_user=actor, now=now)
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.PENDING
        assert delivery.next_attempt_at >= now + datetime.timedelta(seconds=59)
        # Not due before its back-off: nothing is tried.
        assert deliver_due(acting_user=actor, now=now + datetime.timedelta(seconds=30)).claimed == 0
        deliver_due(acting_user=actor, now=now + datetime.timedelta(seconds=61))
        delivery.refresh_from_db()
        # The second back-off is twice the first.
        assert delivery.next_attempt_at >= now + datetime.timedelta(seconds=61 + 119)
        deliver_due(acting_user=actor, now=now + datetime.timedelta(seconds=200))
        assert len(server.requests) == 3
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 3
    attempts = list(DeliveryAttempt.objects.values_list("ok", flat=True))
    assert attempts == [False, False, True]
    assert "503" in DeliveryAttempt.objects.first().error


def test_a_delivery_is_given_up_after_the_last_attempt(personas, actor, county, settings):
    settings.RIXIN_NOTICE_MAX_ATTEMPTS = 2
    settings.RIXIN_NOTICE_BACKOFF_SECONDS = 0
    with Recorder(fail_first=5) as server:
        _channels(actor, county, wecom_enabled=True, wecom_webhook=f"{server.url}/send")
        _notify(actor, county, [personas.transport])
        deliver_due(acting_user=actor)
        deliver_due(acting_user=actor)
        assert deliver_due(acting_user=actor).claimed == 0
    assert Delivery.objects.get().status == DeliveryStatus.FAILED

"""A notice's files: notify() keeps their paths with each notice; the email carries them
(a Chinese file name encoded by RFC 2231), the robots, SMS and the inbox carry the link."""

import urllib.parse

import pytest
from django.db import transaction

from rixin.notices import actions
from rixin.notices.choices import ChannelKind, DeliveryStatus, Event
from rixin.notices.delivery import deliver_due
from rixin.notices.models import Delivery, DeliveryAttempt, Notice, NoticeAttachment

NAME = "寿阳县-2024-07-月报.pdf"
PDF = b"%PDF-1.7\n% a report\n"


@pytest.fixture
def report_file(tmp_path):
    path = tmp_path / "jobs" / "7" / NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(PDF)
    return path


def _notify(actor, county, recipients, attachments):
    with transaction.atomic():
        return actions.notify(
            Event.SCHEDULED_REPORT,
            recipients=recipients,
            title="寿阳县2024年7月月报",
            body="月报已生成,请从链接下载。",
            link="/reports/140725/2024-07/month.pdf",
            county=county,
            acting_user=actor,
            attachments=attachments,
        )


def test_notify_keeps_the_paths_not_the_bytes_with_each_notice(
    personas, actor, county, report_file
):
    notices = _notify(
        actor,
        county,
        [personas.transport, personas.yingshang],
        [report_file, ("月报.pdf", report_file)],
    )
    assert len(notices) == 2
    rows = NoticeAttachment.objects.filter(notice=notices[0]).values_list("name", "path")
    assert list(rows) == [(NAME, str(report_file)), ("月报.pdf", str(report_file))]
    assert NoticeAttachment.objects.count() == 4


def test_a_missing_file_is_refused_before_anything_is_written(personas, actor, county, tmp_path):
    with pytest.raises(FileNotFoundError):
        _notify(actor, county, [personas.transport], [tmp_path / "nowhere.pdf"])
    assert not Notice.objects.exists() and not NoticeAttachment.objects.exists()


def test_the_email_carries_the_file_under_its_chinese_name(
    personas, actor, county, smtp, report_file
):
    actions.save_channel_settings(county, {"email_enabled": True}, acting_user=actor)
    personas.transport.email = "jiaotong@example.org"
    personas.transport.save()
    _notify(actor, county, [personas.transport], [report_file])
    assert deliver_due(acting_user=actor).statuses == {DeliveryStatus.SENT: 1}
    [(to, message)] = smtp.messages
    assert to == ["jiaotong@example.org"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == NAME
    encoded = urllib.parse.quote(NAME).encode()
    assert b"filename*=utf-8''" + encoded in smtp.raw[0].replace(b"\r\n ", b"")  # RFC 2231
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == PDF
    body = message.get_body(("plain",)).get_content()
    assert "/reports/140725/2024-07/month.pdf" in body  # the link as well


def test_robots_and_sms_get_the_link_only(personas, actor, county, recorder, report_file):
    actions.save_channel_settings(
        county,
        {
            "wecom_enabled": True,
            "wecom_webhook": f"{recorder.url}/wecom",
            "sms_enabled": True,
            "sms_gateway": f"{recorder.url}/sms",
        },
        acting_user=actor,
    )
    actions.save_preference(
        personas.transport, {"phone": "13800000000"}, acting_user=personas.transport
    )
    _notify(actor, county, [personas.transport], [report_file])
    deliver_due(acting_user=actor)
    by_path = {r["path"]: r["json"] for r in recorder.requests}
    assert set(by_path) == {"/wecom", "/sms"}
    assert "/reports/140725/2024-07/month.pdf" in by_path["/wecom"]["markdown"]["content"]
    for payload in by_path.values():
        assert NAME not in str(payload) and str(report_file) not in str(payload)


def test_an_email_whose_file_is_gone_goes_with_the_link_and_says_so(
    personas, actor, county, smtp, report_file
):
    actions.save_channel_settings(county, {"email_enabled": True}, acting_user=actor)
    personas.transport.email = "jiaotong@example.org"
    personas.transport.save()
    _notify(actor, county, [personas.transport], [report_file])
    report_file.unlink()
    deliver_due(acting_user=actor)
    [(_to, message)] = smtp.messages
    assert not list(message.iter_attachments())
    assert Delivery.objects.get(channel=ChannelKind.EMAIL).status == DeliveryStatus.SENT
    assert NAME in DeliveryAttempt.objects.get().response


def test_the_inbox_shows_the_link(personas, actor, county, report_file, client_for):
    _notify(actor, county, [personas.transport], [report_file])
    page = client_for(personas.transport).get("/notices/").content.decode()
    assert "寿阳县2024年7月月报" in page and str(report_file) not in page
    notice = Notice.objects.get()
    response = client_for(personas.transport).post("/notices/read/", {"id": notice.pk})
    assert response.status_code == 302 and response["Location"] == notice.link

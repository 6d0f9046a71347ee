"""The scheduled monthly report arrives by email with its files attached: the worker
(``manage.py work``) generates the month, notify() files the notice, and the same worker
delivers it to a local SMTP server, the PDF attached under its Chinese name."""

import socket

import pytest
from django.core.management import call_command
from django.utils import timezone

from rixin.cockpit.periods import CockpitPeriod
from rixin.jobs.models import Job, JobStatus
from rixin.notices.actions import save_channel_settings
from rixin.notices.choices import Event
from rixin.notices.models import Notice
from rixin.notices.tests.servers import MailBox
from rixin.regions.models import Division
from rixin.reports import actions
from rixin.reports.content import file_name
from rixin.reports.jobs import SCHEDULED

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings, tmp_path):
    from aiosmtpd.controller import Controller

    settings.RIXIN_JOBS_DIR = tmp_path / "jobs"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = MailBox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield box
    controller.stop()


def test_the_scheduled_monthly_report_arrives_with_the_pdf_attached(personas, smtp):
    admin = personas.county_admin
    personas.leader.email = "leader@example.org"
    personas.leader.save()
    save_channel_settings("140725", {"email_enabled": True}, acting_user=admin)
    actions.save_schedule(
        acting_user=admin,
        county_code="140725",
        enabled=True,
        working_day=3,
        format="pdf",
        recipients=[personas.leader],
    )
    job = Job.objects.get(kind=SCHEDULED)
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())  # its day has come
    call_command("work")  # passes until nothing is due: the job, then its deliveries
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    name = file_name(
        Division.objects.get(code="140725"), CockpitPeriod.parse(job.params["period"]), "pdf"
    )
    assert [to for to, _message in smtp.messages] == [["leader@example.org"]]
    message = smtp.messages[0][1]
    assert "月报" in message["Subject"]
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == name
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content().startswith(b"%PDF")
    # The inbox has the same notice, with the download link.
    notice = Notice.objects.get(event=Event.SCHEDULED_REPORT, recipient=personas.leader)
    assert notice.link.endswith("/month.pdf")
    assert notice.link in message.get_body(("plain",)).get_content()

"""The monthly report on a schedule: the county administrator sets it, the worker generates
it on the Nth working day for the month before and sends it through notify() — by email
when the county has email on — once per month, then queues the next month."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.audit.actions import StaleEdit
from rixin.jobs import worker
from rixin.jobs.models import Job, JobStatus
from rixin.notices.actions import save_channel_settings
from rixin.notices.choices import Event
from rixin.notices.models import Notice
from rixin.reports import actions
from rixin.reports import jobs as report_jobs
from rixin.reports.jobs import SCHEDULED
from rixin.reports.models import ReportSchedule
from rixin.reports.schedule import next_run, nth_working_day

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(settings, tmp_path, monkeypatch):
    settings.RIXIN_JOBS_DIR = tmp_path / "jobs"
    monkeypatch.setattr(report_jobs, "render", lambda report, fmt, frame: fmt.encode())


def _at(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def test_the_sending_day_is_the_nth_working_day_of_the_county():
    # 2024-10: 1–7 are the National Day holiday; the 8th is the first working day.
    assert nth_working_day(2024, 10, 1, "140725") == datetime.date(2024, 10, 8)
    assert nth_working_day(2024, 8, 3, "140725") == datetime.date(2024, 8, 5)


def test_the_next_run_is_for_the_month_before_and_a_past_day_waits_a_month():
    moment, period = next_run("140725", 3, "", now=_at(2024, 8, 1))
    assert period.key == "2024-07" and moment == _at(2024, 8, 5, 8)
    moment, period = next_run("140725", 3, "", now=_at(2024, 8, 20))
    assert period.key == "2024-08" and moment.date() == datetime.date(2024, 9, 4)
    moment, period = next_run("140725", 3, "2024-07", now=_at(2024, 8, 5))
    assert period.key == "2024-08"


def test_only_the_county_administrator_sets_the_schedule(personas):
    for user in (personas.officer, personas.other_officer, personas.city_viewer):
        with pytest.raises(PermissionDenied):
            actions.save_schedule(
                acting_user=user,
                county_code="140725",
                enabled=True,
                working_day=3,
                format="pdf",
                recipients=[],
            )
    with pytest.raises(ValidationError):
        actions.save_schedule(
            acting_user=personas.county_admin,
            county_code="140725",
            enabled=True,
            working_day=3,
            format="pdf",
            recipients=[personas.other_officer],  # not of the county
        )
    assert not ReportSchedule.objects.exists() and not Job.objects.exists()


def test_the_worker_sends_the_month_once_by_email_and_queues_the_next(personas, client_for):
    admin = personas.county_admin
    personas.leader.email = "leader@example.org"
    personas.leader.save()
    save_channel_settings("140725", {"email_enabled": True}, acting_user=admin)
    schedule = actions.save_schedule(
        acting_user=admin,
        county_code="140725",
        enabled=True,
        working_day=3,
        format="both",
        recipients=[personas.leader, personas.officer],
    )
    job = Job.objects.get(kind=SCHEDULED)
    period = job.params["period"]
    # Saving again does not start a second chain.
    actions.save_schedule(
        acting_user=admin,
        county_code="140725",
        enabled=True,
        working_day=3,
        format="both",
        recipients=[personas.leader, personas.officer],
        expected_version=schedule.version,
    )
    assert Job.objects.filter(kind=SCHEDULED).count() == 1
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())  # its day has come
    actor = system_actor()
    assert worker.run_one(acting_user=actor, interval=0).pk == job.pk
    job.refresh_from_db()
    schedule.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result_name.endswith(".zip")
    assert schedule.last_period == period
    notices = Notice.objects.filter(event=Event.SCHEDULED_REPORT)
    assert {n.recipient for n in notices} == {personas.leader, personas.officer}
    assert notices.first().link.startswith(f"/reports/140725/{period}/month.")
    # The next month is queued, for later.
    following = Job.objects.get(kind=SCHEDULED, status=JobStatus.QUEUED)
    assert following.params["period"] > period and following.run_after > timezone.now()
    # The same worker delivers the email.
    from rixin.notices.delivery import deliver_due

    deliver_due(acting_user=actor)
    assert [m.to for m in mail.outbox] == [["leader@example.org"]]
    assert "月报" in mail.outbox[0].subject
    # Both files as configured, attached (not the ZIP of the job's page).
    attached = [(name, content) for name, content, _type in mail.outbox[0].attachments]
    assert [name.rsplit(".", 1)[1] for name, _content in attached] == ["pdf", "docx"]
    assert [content for _name, content in attached] == [b"pdf", b"docx"]
    assert attached[0][0] == f"寿阳县-{period}-月报.pdf"
    # The page shows the last month sent and the next run.
    page = client_for(admin).get("/reports/schedule/").content.decode()
    assert 'data-testid="schedule-last"' in page and 'data-testid="schedule-next"' in page


def test_a_run_taken_up_again_after_its_month_was_sent_sends_nothing_more(personas):
    schedule = actions.save_schedule(
        acting_user=personas.county_admin,
        county_code="140725",
        enabled=True,
        working_day=3,
        format="pdf",
        recipients=[personas.leader],
    )
    job = Job.objects.get(kind=SCHEDULED)
    period = job.params["period"]
    ReportSchedule.objects.filter(pk=schedule.pk).update(last_period=period)  # sent, then killed
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    worker.run_one(acting_user=system_actor(), interval=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and "此前已发送" in job.message
    assert not Notice.objects.filter(event=Event.SCHEDULED_REPORT).exists()
    assert Job.objects.filter(kind=SCHEDULED, status=JobStatus.QUEUED).count() == 1


def test_a_changed_day_moves_the_waiting_run(personas):
    def save(day):
        current = ReportSchedule.objects.filter(county_id="140725").first()
        return actions.save_schedule(
            acting_user=personas.county_admin,
            county_code="140725",
            enabled=True,
            working_day=day,
            format="pdf",
            recipients=[personas.leader],
            expected_version=current.version if current else None,
        )

    save(3)
    job = Job.objects.get(kind=SCHEDULED)
    save(8)
    moved = Job.objects.get(kind=SCHEDULED)
    assert moved.pk == job.pk
    expected, period = next_run("140725", 8, "")
    assert moved.run_after == expected and moved.params["period"] == period.key


def test_two_administrators_saving_at_once_the_second_is_told_not_overwritten(personas, client_for):
    first, second = client_for(personas.county_admin), client_for(personas.county_admin)
    first.post(
        "/reports/schedule/", {"enabled": "on", "working_day": "3", "format": "pdf"}
    )  # creates it, version 1
    assert ReportSchedule.objects.get(county_id="140725").version == 1
    for client in (first, second):  # both open the page at version 1
        assert 'name="version" value="1"' in client.get("/reports/schedule/").content.decode()
    changed = {"enabled": "on", "working_day": "5", "format": "docx", "version": "1"}
    assert first.post("/reports/schedule/", changed).status_code == 302
    stale = {"enabled": "on", "working_day": "9", "format": "pdf", "version": "1"}
    page = second.post("/reports/schedule/", stale)
    assert page.status_code == 200 and "其他人已修改了此记录" in page.content.decode()
    schedule = ReportSchedule.objects.get(county_id="140725")
    assert (schedule.working_day, schedule.format, schedule.version) == (5, "docx", 2)
    # A POST that names no version is refused too, never saved over the current one.
    unnamed = second.post("/reports/schedule/", {"working_day": "9", "format": "pdf"})
    assert unnamed.status_code == 200 and "缺少版本号" in unnamed.content.decode()
    assert ReportSchedule.objects.get(county_id="140725").working_day == 5


def test_the_action_refuses_a_change_that_names_an_old_version(personas):
    values = {"enabled": True, "working_day": 3, "format": "pdf", "recipients": []}
    admin = personas.county_admin
    actions.save_schedule(acting_user=admin, county_code="140725", **values)
    actions.save_schedule(acting_user=admin, county_code="140725", expected_version=1, **values)
    for version in (None, 1):
        with pytest.raises(StaleEdit):
            actions.save_schedule(
                acting_user=admin, county_code="140725", expected_version=version, **values
            )
    assert ReportSchedule.objects.get(county_id="140725").version == 2


def test_the_recipients_are_check_boxes_not_text_boxes(personas, client_for):
    page = client_for(personas.county_admin).get("/reports/schedule/").content.decode()
    boxes = re.findall(r'<input type="checkbox" name="recipients"[^>]*>', page)
    assert boxes and all('class="form-check-input"' in box for box in boxes), boxes[:2]

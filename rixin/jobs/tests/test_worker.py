"""The worker's job step: claim with a token and a lease, progress, retake after a kill,
the outcome and the notice to the person who asked."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.audit.models import AuditEvent
from rixin.jobs import actions, files, worker
from rixin.jobs.models import Job, JobStatus
from rixin.jobs.progress import Progress, current
from rixin.notices.choices import Event
from rixin.notices.models import Notice

from .conftest import BROKEN, COUNT, RUNS

pytestmark = pytest.mark.django_db


def _job(user, kind=COUNT, n=3, county="140725"):
    return actions.enqueue(
        kind, acting_user=user, params={"county": county, "n": n}, county=county, total=n
    )


def test_enqueue_is_audited_and_runs_nothing(personas):
    job = _job(personas.officer)
    assert job.status == JobStatus.QUEUED and RUNS == []
    assert AuditEvent.objects.filter(object_type="jobs.job", object_id=str(job.pk)).count() == 1


def test_the_kinds_own_rule_refuses_another_county_and_writes_nothing(personas):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _job(personas.other_officer)  # 榆次区's officer asks for Shouyang's work
    with pytest.raises(PermissionDenied):
        _job(personas.city_viewer)  # a reader writes nothing
    assert not Job.objects.exists() and AuditEvent.objects.count() == before


def test_only_the_worker_claims(personas):
    _job(personas.officer)
    with pytest.raises(PermissionDenied):
        actions.claim_next(acting_user=personas.officer)


def test_a_claimed_job_is_held_by_its_lease_and_retaken_when_it_runs_out(personas):
    actor = system_actor()
    job = _job(personas.officer)
    now = timezone.now()
    first = actions.claim_next(acting_user=actor, now=now)
    assert first.pk == job.pk and first.status == JobStatus.RUNNING and first.attempts == 1
    # The worker is killed here: nothing finishes the job. While its lease holds, no one
    # else takes it.
    assert actions.claim_next(acting_user=actor, now=now + datetime.timedelta(seconds=5)) is None
    later = first.claimed_until + datetime.timedelta(seconds=1)
    second = actions.claim_next(acting_user=actor, now=later)
    assert second.pk == job.pk and second.attempts == 2
    assert second.claim_token != first.claim_token
    # The killed worker's token no longer counts.
    assert actions.finish(first, token=first.claim_token, error="x", acting_user=actor) == "lost"
    assert not actions.record_progress(
        first, token=first.claim_token, done=1, total=3, acting_user=actor
    )
    done = actions.finish(
        second, token=second.claim_token, outcome=worker.registry.Outcome(), acting_user=actor
    )
    assert done == JobStatus.DONE


def test_the_worker_runs_a_retaken_job_to_its_end(personas):
    actor = system_actor()
    job = _job(personas.officer)
    killed = actions.claim_next(acting_user=actor)
    Job.objects.filter(pk=job.pk).update(claimed_until=timezone.now() - datetime.timedelta(1))
    assert worker.run_one(acting_user=actor, interval=0).pk == killed.pk
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2 and RUNS == [job.pk]
    assert job.progress_done == job.progress_total == 3


def test_a_job_that_kills_its_worker_every_time_is_given_up(personas, settings):
    settings.RIXIN_JOB_MAX_ATTEMPTS = 2
    actor = system_actor()
    job = _job(personas.officer)
    for _attempt in range(2):
        actions.claim_next(acting_user=actor)
        Job.objects.filter(pk=job.pk).update(claimed_until=timezone.now() - datetime.timedelta(1))
    worker.run_one(acting_user=actor)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "不再重试" in job.message and RUNS == []
    assert Notice.objects.filter(recipient=personas.officer, event=Event.JOB_FAILED).exists()


def test_progress_is_recorded_in_the_row_and_the_file(personas):
    actor = system_actor()
    job = _job(personas.officer, n=10)
    claimed = actions.claim_next(acting_user=actor)
    progress = Progress(claimed, token=claimed.claim_token, acting_user=actor, interval=0)
    progress(4, 10, "第4步")
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.message) == (4, 10, "第4步")
    assert files.read_progress(job.pk) == {"done": 4, "total": 10, "message": "第4步"}
    # Inside a long transaction the row lags behind; the page reads the file.
    files.write_progress(job.pk, 7, 10, "第7步")
    shown = current(job)
    assert (shown["done"], shown["percent"], shown["message"]) == (7, 70, "第7步")


def test_progress_is_throttled_but_the_last_step_is_always_recorded(personas):
    actor = system_actor()
    job = _job(personas.officer, n=5)
    claimed = actions.claim_next(acting_user=actor)
    progress = Progress(claimed, token=claimed.claim_token, acting_user=actor, interval=3600)
    for done in range(1, 6):
        progress(done, 5)
    job.refresh_from_db()
    assert job.progress_done == 5


def test_a_finished_job_keeps_its_file_and_tells_its_creator(personas):
    job = _job(personas.officer)
    worker.run_one(acting_user=system_actor(), interval=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.message == "数完了"
    assert files.result_path(job.result_file).read_bytes() == b"3"
    assert files.read_progress(job.pk) is None
    notice = Notice.objects.get(recipient=personas.officer, event=Event.JOB_DONE)
    assert notice.link == f"/jobs/{job.pk}/"


def test_a_failing_job_says_why(personas):
    job = _job(personas.officer, kind=BROKEN)
    worker.run_one(acting_user=system_actor())
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.message == "数据不全"
    assert not job.result_file


def test_the_one_worker_command_runs_jobs_and_its_old_name_too(personas):
    first, second = _job(personas.officer), _job(personas.officer)
    call_command("work")
    call_command("deliver_notices")  # nothing left: returns at once
    assert sorted(RUNS) == sorted([first.pk, second.pk])
    third = _job(personas.officer)
    call_command("deliver_notices", "--once")
    assert RUNS[-1] == third.pk


def test_a_progress_file_that_cannot_be_written_does_not_stop_the_job(personas, settings, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    settings.RIXIN_JOBS_DIR = blocked / "jobs"  # under a file: nothing can be written there
    actor = system_actor()
    job = _job(personas.officer)
    claimed = actions.claim_next(acting_user=actor)
    assert actions.record_progress(
        claimed, token=claimed.claim_token, done=2, total=3, acting_user=actor
    )
    job.refresh_from_db()
    assert job.progress_done == 2

"""A file over RIXIN_IMPORT_BACKGROUND_ROWS is confirmed in the background: the confirm
queues a job, the worker commits it once (even when taken up again after a kill), the
batch page shows the progress, and the uploader hears of the outcome."""

import datetime

import pytest
from django.utils import timezone

from rixin.accounts.access import system_actor
from rixin.audit.models import AuditAction, AuditEvent
from rixin.demo.codes import illustrative_credit_code
from rixin.directory.importers import EnterpriseImporter
from rixin.directory.models import Enterprise
from rixin.jobs import actions, worker
from rixin.jobs.models import Job, JobStatus
from rixin.notices.choices import Event
from rixin.notices.models import Notice
from rixin.spreadsheets import imports
from rixin.spreadsheets.jobs import IMPORT
from rixin.spreadsheets.models import ImportBatch, ImportStatus
from rixin.testing import upload, xlsx_bytes

pytestmark = pytest.mark.django_db
NAMES = ["甲企业", "乙企业", "丙企业"]


@pytest.fixture(autouse=True)
def _small_threshold(settings, tmp_path):
    settings.RIXIN_IMPORT_BACKGROUND_ROWS = 2
    settings.RIXIN_IMPORT_PROGRESS_ROWS = 1
    settings.RIXIN_JOBS_DIR = tmp_path / "jobs"


def _batch(user) -> ImportBatch:
    rows = [
        ["140725", name, illustrative_credit_code(name), "C22", "否", None, "", "", ""]
        for name in NAMES
    ]
    content = xlsx_bytes([EnterpriseImporter.header(), *rows])
    return imports.preview(EnterpriseImporter(user), upload("enterprises.xlsx", content))


def _written_once() -> None:
    assert Enterprise.objects.filter(name__in=NAMES).count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 1
    assert ImportBatch.objects.get().status == ImportStatus.COMMITTED


def test_confirm_queues_the_import_and_the_worker_writes_it_once(personas, client_for):
    client = client_for(personas.officer)
    batch = _batch(personas.officer)
    page = client.get(f"/imports/batch/{batch.pk}/").content.decode()
    assert 'data-testid="import-background"' in page
    assert client.post(f"/imports/batch/{batch.pk}/confirm/").status_code == 302
    job = Job.objects.get(kind=IMPORT)
    assert job.status == JobStatus.QUEUED and job.created_by == personas.officer
    assert not Enterprise.objects.filter(name__in=NAMES).exists()  # nothing in the request
    page = client.get(f"/imports/batch/{batch.pk}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and 'data-testid="confirm-import"' not in page
    # A second click while it waits queues nothing more.
    client.post(f"/imports/batch/{batch.pk}/confirm/")
    assert Job.objects.count() == 1

    assert worker.run_one(acting_user=system_actor(), interval=0).pk == job.pk
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.progress_done == job.progress_total == 3
    assert job.result_link == f"/imports/batch/{batch.pk}/"
    _written_once()
    notice = Notice.objects.get(recipient=personas.officer, event=Event.JOB_DONE)
    assert "新增 3" in notice.body
    # The audit names the uploader as the importer, not the worker.
    assert AuditEvent.objects.get(action=AuditAction.IMPORT).user == personas.officer
    page = client.get(f"/imports/batch/{batch.pk}/").content.decode()
    assert 'data-testid="import-done"' in page and "hx-trigger" not in page
    assert worker.run_one(acting_user=system_actor()) is None


def test_commit_reports_its_progress_every_n_rows(personas):
    batch = _batch(personas.officer)
    seen = []
    imports.commit(
        batch,
        EnterpriseImporter(personas.officer),
        progress=lambda done, total: seen.append((done, total)),
        progress_every=2,
    )
    assert seen == [(0, 3), (2, 3), (3, 3)]
    _written_once()


def _queued(user) -> Job:
    batch = _batch(user)
    return actions.enqueue(
        IMPORT, acting_user=user, params={"batch": batch.pk}, county="140725", total=3
    )


def _kill(job: Job) -> None:
    """The worker holding ``job`` died: its lease runs out."""
    Job.objects.filter(pk=job.pk).update(
        claimed_until=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_a_worker_killed_mid_import_leaves_it_to_the_next_which_writes_it_once(personas):
    job = _queued(personas.officer)
    actions.claim_next(acting_user=system_actor())  # killed before its transaction committed
    _kill(job)
    worker.run_one(acting_user=system_actor(), interval=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 2
    _written_once()


def test_a_worker_killed_after_the_commit_does_not_import_twice(personas):
    job = _queued(personas.officer)
    claimed = actions.claim_next(acting_user=system_actor())
    batch = ImportBatch.objects.get()
    imports.commit(batch, EnterpriseImporter(personas.officer))  # committed, then killed
    _kill(claimed)
    worker.run_one(acting_user=system_actor(), interval=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and "新增 3" in job.message
    _written_once()


def test_only_the_uploader_may_queue_a_batch(personas, client_for):
    batch = _batch(personas.officer)
    for user in (personas.zhaoshang, personas.other_officer):
        response = client_for(user).post(f"/imports/batch/{batch.pk}/confirm/")
        assert response.status_code == 404
    with pytest.raises(imports.PermissionDenied):
        actions.enqueue(IMPORT, acting_user=personas.other_officer, params={"batch": batch.pk})
    assert not Job.objects.exists()


def test_a_file_changed_since_its_preview_fails_in_the_background_and_says_so(personas):
    job = _queued(personas.officer)
    batch = ImportBatch.objects.get()
    imports.commit(
        _batch(personas.officer), EnterpriseImporter(personas.officer)
    )  # another upload of the same rows got there first: the preview is stale
    worker.run_one(acting_user=system_actor(), interval=0)
    job.refresh_from_db()
    batch.refresh_from_db()
    assert job.status == JobStatus.FAILED and batch.status == ImportStatus.REJECTED
    assert Notice.objects.filter(recipient=personas.officer, event=Event.JOB_FAILED).exists()

"""generate_scale --background: queued for the worker, which writes it with progress."""

import pytest
from django.core.management import call_command

from rixin.jobs.models import Job, JobStatus
from rixin.projects.models import Project

pytestmark = pytest.mark.django_db


def test_background_queues_the_run_and_the_worker_writes_it(settings, tmp_path, capsys):
    settings.RIXIN_JOBS_DIR = tmp_path / "jobs"
    call_command("generate_scale", counties=2, share=0.01, background=True, verbosity=0)
    job = Job.objects.get(kind="demo.generate_scale")
    assert f"job {job.pk} queued" in capsys.readouterr().out
    assert not Project.objects.exists()
    call_command("work")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    assert (job.progress_done, job.progress_total) == (2, 2)
    assert "2 counties, 2 generated now" in job.message
    assert Project.objects.filter(county_id="140725").count() == 3
    call_command("jobs")
    assert "demo.generate_scale" in capsys.readouterr().out

"""What a running job calls as it goes: ``progress(done, total)``."""

from __future__ import annotations

import time

from . import actions, files
from .models import Job, JobStatus


class Progress:
    """Records a job's progress at most every ``interval`` seconds (and always at the
    end), in the job row and in the progress file beside it (see ``files``)."""

    def __init__(self, job: Job, *, token: str, acting_user, interval: float = 1.0):
        self.job = job
        self.token = token
        self.acting_user = acting_user
        self.interval = interval
        self._last = 0.0

    def __call__(self, done: int, total: int | None = None, message: str | None = None) -> None:
        if total is not None:
            self.job.progress_total = total
        self.job.progress_done = done
        if message is not None:
            self.job.message = message
        moment = time.monotonic()
        if moment - self._last < self.interval and done < self.job.progress_total:
            return
        self._last = moment
        actions.record_progress(
            self.job,
            token=self.token,
            done=done,
            total=self.job.progress_total,
            message=message,
            acting_user=self.acting_user,
        )


def current(job: Job) -> dict:
    """done, total, percent and message as a page shows them: a running job's progress
    file is newer than its row while the work's transaction is open."""
    done, total, message = job.progress_done, job.progress_total, job.message
    if job.status == JobStatus.RUNNING:
        live = files.read_progress(job.pk)
        if live and live.get("done", 0) >= done:
            done, total = live["done"], live.get("total", total)
            message = live.get("message") or message
    percent = 100 if job.status == JobStatus.DONE else (int(100 * done / total) if total else 0)
    return {
        "done": done,
        "total": total,
        "percent": min(percent, 100),
        "message": message,
        "job": job,
    }

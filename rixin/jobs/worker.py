"""The worker's job step: take a due job and run it. ``manage.py work`` (and its alias
``deliver_notices``) runs this beside the outbox's deliveries, in one process."""

from __future__ import annotations

import logging

from django.utils import timezone
from django.utils.translation import gettext as _

from . import actions, registry
from .models import Job
from .progress import Progress

log = logging.getLogger(__name__)


def run_one(*, acting_user, now=None, interval: float = 1.0) -> Job | None:
    """Claim one due job and run it to its end; the job, or None if none was due."""
    job = actions.claim_next(acting_user=acting_user, now=now or timezone.now())
    if job is None:
        return None
    token = job.claim_token
    kind = registry.kind_of(job.kind)
    if kind is None:
        actions.finish(job, token=token, error=_("未知的任务类型。"), acting_user=acting_user)
        return job
    if job.attempts > actions.max_attempts():
        error = _("任务已运行 %(n)d 次仍未完成(工作进程中断),不再重试。") % {"n": job.attempts - 1}
        actions.finish(job, token=token, error=error, acting_user=acting_user)
        return job
    progress = Progress(job, token=token, acting_user=acting_user, interval=interval)
    outcome, error = None, ""
    try:
        outcome = kind.run(job, progress)
    except registry.JobFailed as exc:
        error = str(exc)
    except Exception as exc:  # a bug in one job must not stop the worker
        log.exception("job %s failed", job.pk)
        error = _("任务出错:%(error)s") % {"error": f"{type(exc).__name__}: {exc}"}
    if outcome is None and not error:
        outcome = registry.Outcome()
    actions.finish(job, token=token, outcome=outcome, error=error, acting_user=acting_user)
    return job


def run_due(*, acting_user, limit: int = 1) -> int:
    """Run up to ``limit`` due jobs; how many ran."""
    ran = 0
    while ran < limit and run_one(acting_user=acting_user) is not None:
        ran += 1
    return ran

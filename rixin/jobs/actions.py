"""The writes of the jobs app: ``enqueue`` (a person or a command asks for work; audited),
and the worker's steps: claim a due job, record its progress, finish it (audited, and the
person who asked hears of it through ``notify``).

Claiming is the outbox's pattern (rixin.notices.actions.claim_due): a conditional UPDATE
sets a claim token and a lease on a row still due (SKIP LOCKED on PostgreSQL). A worker
that is killed leaves its job "running" under a lease that runs out; the job is then due
again and the next worker runs it again, up to ``RIXIN_JOB_MAX_ATTEMPTS`` times. Recording
progress writes no audit event (it changes nothing but the job's own counters)."""

from __future__ import annotations

import datetime
import os
import uuid
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import record_event, snapshot
from rixin.audit.models import AuditAction
from rixin.notices.actions import notify
from rixin.notices.choices import Event

from . import access, files, registry
from .models import Job, JobStatus


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, os.environ.get(name, default)))


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=_setting("RIXIN_JOB_LEASE_SECONDS", 600))


def max_attempts() -> int:
    return _setting("RIXIN_JOB_MAX_ATTEMPTS", 3)


def enqueue(
    kind: str,
    *,
    acting_user,
    params: dict[str, Any] | None = None,
    county: str | None = None,
    title: str = "",
    total: int = 0,
    run_after: datetime.datetime | None = None,
) -> Job:
    """Queue a job of ``kind``; the kind's own rule (its app's access module) decides
    whether ``acting_user`` may. Nothing runs here: the worker takes the job."""
    job_kind = registry.kind_of(kind)
    if job_kind is None:
        raise ValueError(f"unknown job kind {kind!r}")
    params = params or {}
    access.check_allowed(job_kind, acting_user, params)
    with transaction.atomic():
        job = Job(
            kind=kind,
            title=(title or str(job_kind.title))[:200],
            county_id=county or None,
            created_by=acting_user,
            params=params,
            progress_total=total,
            run_after=run_after or timezone.now(),
        )
        job.full_clean()
        job.save()
        record_event(AuditAction.CREATE, acting_user=acting_user, obj=job, after=snapshot(job))
    return job


def claim_next(*, acting_user, now: datetime.datetime | None = None) -> Job | None:
    """Take the oldest due job for this worker (its ``claim_token`` set), or None."""
    access.check_worker(acting_user)
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        candidates = Job.objects.due(now).order_by("run_after", "pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        pk = candidates.values_list("pk", flat=True).first()
        if pk is None:
            return None
        claimed = (
            Job.objects.due(now)
            .filter(pk=pk)
            .update(
                status=JobStatus.RUNNING,
                claim_token=token,
                claimed_until=now + lease(),
                attempts=F("attempts") + 1,
                started_at=now,
            )
        )
    if not claimed:
        return None
    return Job.objects.select_related("created_by", "county").get(pk=pk)


def record_progress(
    job: Job, *, token: str, done: int, total: int, message: str | None = None, acting_user
) -> bool:
    """The job's counters, and its lease renewed; False if the claim was lost."""
    access.check_worker(acting_user)
    changes: dict[str, Any] = {
        "progress_done": max(done, 0),
        "progress_total": max(total, 0),
        "claimed_until": timezone.now() + lease(),
    }
    if message is not None:
        changes["message"] = message[:500]
    with transaction.atomic():
        updated = Job.objects.filter(pk=job.pk, claim_token=token, status=JobStatus.RUNNING).update(
            **changes
        )
    files.write_progress(job.pk, done, total, message or "")
    return bool(updated)


def finish(
    job: Job,
    *,
    token: str,
    outcome: registry.Outcome | None = None,
    error: str = "",
    acting_user,
) -> str:
    """Done (with ``outcome``) or failed (with ``error``); the creator is notified. Returns
    the new status, or "lost" if another worker holds the job now."""
    access.check_worker(acting_user)
    ok = outcome is not None and not error
    status = JobStatus.DONE if ok else JobStatus.FAILED
    with transaction.atomic():
        current = (
            Job.objects.select_for_update()
            .filter(pk=job.pk, claim_token=token, status=JobStatus.RUNNING)
            .first()
        )
        if current is None:
            return "lost"
        before = {"status": current.status, "progress_done": current.progress_done}
        changes: dict[str, Any] = {
            "status": status,
            "message": ((outcome.message if ok else error) or "")[:500],
            "claim_token": "",
            "claimed_until": None,
            "finished_at": timezone.now(),
        }
        if ok:
            changes["progress_done"] = max(current.progress_total, current.progress_done)
            changes["result_link"] = outcome.link[:300]
            if outcome.content is not None and outcome.file_name:
                changes["result_file"] = files.save_result(
                    job.pk, outcome.file_name, outcome.content
                )
                changes["result_name"] = outcome.file_name[:200]
        Job.objects.filter(pk=job.pk).update(**changes)
        for name, value in changes.items():
            setattr(job, name, value)
        record_event(
            AuditAction.UPDATE,
            acting_user=acting_user,
            obj=job,
            before=before,
            after={"status": status, "progress_done": job.progress_done},
            message=job.message,
        )
        county = job.county_id or (outcome.notice_county if outcome else "")
        if county:
            _tell(job, ok, county, acting_user)
    files.clear_progress(job.pk)
    return status


def _tell(job: Job, ok: bool, county: str, acting_user) -> None:
    if ok:
        event, title = Event.JOB_DONE, _("后台任务已完成:%(title)s") % {"title": job.title}
    else:
        event, title = Event.JOB_FAILED, _("后台任务失败:%(title)s") % {"title": job.title}
    notify(
        event,
        recipients=[job.created_by],
        title=title,
        body=job.message,
        link=job.result_link or reverse("jobs:job", args=[job.pk]),
        county=county,
        acting_user=acting_user,
    )


def reschedule(
    job: Job,
    *,
    run_after: datetime.datetime,
    params: dict[str, Any] | None = None,
    acting_user,
) -> bool:
    """Move a job still waiting (queued, not claimed) to ``run_after``, with new ``params``
    if given; the kind's own rule decides who may. False if a worker has it already."""
    job_kind = registry.kind_of(job.kind)
    if job_kind is None:
        raise ValueError(f"unknown job kind {job.kind!r}")
    params = job.params if params is None else params
    access.check_allowed(job_kind, acting_user, params)
    with transaction.atomic():
        before = {"run_after": job.run_after.isoformat(), "params": job.params}
        moved = Job.objects.filter(pk=job.pk, status=JobStatus.QUEUED, claim_token="").update(
            run_after=run_after, params=params
        )
        if moved:
            job.run_after, job.params = run_after, params
            record_event(
                AuditAction.UPDATE,
                acting_user=acting_user,
                obj=job,
                before=before,
                after={"run_after": run_after.isoformat(), "params": params},
            )
    return bool(moved)

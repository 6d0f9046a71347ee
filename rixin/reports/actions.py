"""Writes of the reports app: the county's 公文 frame, and issuing an official report."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import (
    StaleEdit,
    audited_create,
    audited_update,
    record_event,
    snapshot,
)
from rixin.audit.models import AuditAction
from rixin.cockpit.periods import CockpitPeriod

from . import access
from .models import DocumentCounter, IssuedReport, ReportFrame, ReportSchedule


def save_frame(
    *, acting_user, county_code: str, expected_version: int | None = None, **values: Any
) -> ReportFrame:
    """Create or change the county's frame (the county administrator)."""
    access.check_administers_frame(acting_user, county_code)
    with transaction.atomic():
        current = ReportFrame.objects.filter(county_id=county_code).first()
        if current is None:
            return audited_create(
                ReportFrame, acting_user=acting_user, county_id=county_code, **values
            )
        return audited_update(
            current, values, acting_user=acting_user, expected_version=expected_version
        )


def issue_official_report(
    *,
    acting_user,
    county_code: str,
    period: CockpitPeriod,
    dated: datetime.date | None = None,
) -> IssuedReport:
    """The 发文字号 and 成文日期 of the county's official report for ``period``.

    The first issue takes the next number of the county and the 成文日期's year, the counter
    row locked (select_for_update) so that two issues at once never share a number; issuing
    the same period again returns the number it was given."""
    access.check_issues(acting_user, county_code)
    if period.end >= timezone.localdate():
        raise ValidationError(
            _("%(period)s尚未结束,其报告只能是快报,不能签发正式文件。") % {"period": period.label}
        )
    frame = ReportFrame.objects.filter(county_id=county_code).first()
    if frame is None:
        raise ValidationError(
            _("本县尚未设置公文格式(发文机关标志、发文字号等),不能签发正式报告。")
        )
    with transaction.atomic():
        issued = (
            IssuedReport.objects.select_for_update()
            .filter(county_id=county_code, period_key=period.key)
            .first()
        )
        if issued is not None:
            return issued
        dated = dated or frame.dated_for(period.end, timezone.localdate())
        counter, _created = DocumentCounter.objects.select_for_update().get_or_create(
            county_id=county_code, year=dated.year
        )
        counter.last_number += 1
        counter.save(update_fields=["last_number"])
        issued = IssuedReport.objects.create(
            county_id=county_code,
            period_key=period.key,
            year=dated.year,
            number=counter.last_number,
            document_number=frame.document_number(dated.year, counter.last_number),
            dated=dated,
        )
        record_event(
            AuditAction.CREATE,
            acting_user=acting_user,
            obj=issued,
            after=snapshot(issued),
            county=county_code,
            message=issued.document_number,
        )
        return issued


# ---------------------------------------------------------------- the monthly report on a schedule


def save_schedule(
    *,
    acting_user,
    county_code: str,
    enabled: bool,
    working_day: int,
    format: str,
    recipients: Iterable,
    expected_version: int | None = None,
) -> ReportSchedule:
    """Create or change the county's schedule (its county administrator) and queue its next
    run for the worker. Recipients are the county's own readers of its figures. A change
    names the version it was made from: if another administrator saved in between, it is
    refused (StaleEdit), never saved over theirs."""
    access.check_schedules(acting_user, county_code)
    people = list(recipients)
    strangers = [u for u in people if u.county_code != county_code or not u.reads_county_data]
    if strangers:
        raise ValidationError({"recipients": _("接收人须为本县可查看报告的用户。")})
    with transaction.atomic():
        schedule = ReportSchedule.objects.select_for_update().filter(county_id=county_code).first()
        before = _schedule_snapshot(schedule) if schedule else None
        if schedule is not None:
            if expected_version is None or expected_version != schedule.version:
                raise StaleEdit()
            schedule.version += 1
        schedule = schedule or ReportSchedule(county_id=county_code)
        schedule.enabled, schedule.working_day, schedule.format = enabled, working_day, format
        schedule.full_clean()
        schedule.save()
        schedule.recipients.set(people)
        record_event(
            AuditAction.UPDATE if before else AuditAction.CREATE,
            acting_user=acting_user,
            obj=schedule,
            before=before,
            after=_schedule_snapshot(schedule),
        )
        if enabled:
            schedule_next(schedule, acting_user=acting_user)
    return schedule


def _schedule_snapshot(schedule: ReportSchedule) -> dict:
    data = snapshot(schedule)
    data["recipients"] = sorted(schedule.recipients.values_list("pk", flat=True))
    return data


def schedule_next(schedule: ReportSchedule, *, acting_user, now=None, running: int | None = None):
    """Queue the schedule's next run; a run already waiting is moved to the schedule's
    day instead (so a schedule saved twice, or a run taken up again, never starts a second
    chain, and a changed day applies at once). ``running``: the job asking, which does not
    count as waiting."""
    from rixin.jobs.actions import enqueue, reschedule
    from rixin.jobs.models import Job, JobStatus

    from .jobs import SCHEDULED
    from .schedule import next_run

    moment, period = next_run(
        schedule.county_id, schedule.working_day, schedule.last_period, now=now
    )
    params = {"county": schedule.county_id, "period": period.key}
    waiting = Job.objects.open().filter(kind=SCHEDULED, county_id=schedule.county_id)
    if running is not None:
        waiting = waiting.exclude(pk=running)
    first = waiting.first()
    if first is not None:
        if first.status == JobStatus.QUEUED and (first.run_after, first.params) != (
            moment,
            params,
        ):
            reschedule(first, run_after=moment, params=params, acting_user=acting_user)
        return first
    return enqueue(
        SCHEDULED,
        acting_user=acting_user,
        params=params,
        county=schedule.county_id,
        title=_("%(period)s 月报定期发送") % {"period": period.key},
        run_after=moment,
    )


def record_scheduled_run(
    schedule: ReportSchedule,
    period: CockpitPeriod,
    *,
    link: str,
    attachments: Iterable[tuple[str, Path]] = (),
    acting_user,
) -> bool:
    """The month is sent: recorded once (the row locked), and its recipients notified
    through the county's channels — ``attachments`` (name, path) go with the email, the
    robots and SMS get the link. False if it had been sent already."""
    from rixin.notices.actions import notify
    from rixin.notices.choices import Event

    from .content import period_label

    access.check_schedules(acting_user, schedule.county_id)
    with transaction.atomic():
        row = ReportSchedule.objects.select_for_update().get(pk=schedule.pk)
        if row.last_period and row.last_period >= period.key:
            return False
        before = {"last_period": row.last_period}
        row.last_period, row.last_sent_at = period.key, timezone.now()
        row.save(update_fields=["last_period", "last_sent_at"])
        record_event(
            AuditAction.UPDATE,
            acting_user=acting_user,
            obj=row,
            before=before,
            after={"last_period": row.last_period},
            message=period.key,
        )
        label = period_label(period)
        notify(
            Event.SCHEDULED_REPORT,
            recipients=row.recipients.filter(is_active=True),
            title=_("%(county)s%(period)s月报") % {"county": row.county.name, "period": label},
            body=_("%(period)s月报已生成,请从链接下载。") % {"period": label},
            link=link,
            county=row.county_id,
            acting_user=acting_user,
            attachments=attachments,
        )
    return True

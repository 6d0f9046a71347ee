"""Writes of the reports app: the county's 公文 frame, and issuing an official report."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update, record_event, snapshot
from rixin.audit.models import AuditAction
from rixin.cockpit.periods import CockpitPeriod

from . import access
from .models import DocumentCounter, IssuedReport, ReportFrame


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

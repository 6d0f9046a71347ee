"""Report files for a user: who may have which, the periods on offer, and the audited download.

A user may have a county's reports when they may read its figures (county staff of the county,
city and province accounts above it); another county's staff get 404, enterprise users and the
three administrators 403. Every file handed out is recorded in the audit log (导出).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import reverse

from rixin.accounts.access import county_or_404, require_actor
from rixin.appeals.models import Appeal
from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction
from rixin.cockpit.periods import HALF, MONTH, CockpitPeriod
from rixin.indicators.queries import periods_with_data
from rixin.projects.models import MonthlyReport
from rixin.regions.models import Division
from rixin.spreadsheets.exports import content_disposition

from .content import build_report, file_name
from .render import CONTENT_TYPES, FORMATS, render

KIND_OF_PERIOD = {"half": HALF, "month": MONTH}


def county_for(user, county_code: str) -> Division:
    """The county if the user may have its reports: 403 for a role that reads no county
    figures, 404 for a county the user may not see."""
    if not (user.is_authenticated and user.reads_county_data):
        raise PermissionDenied("reads_county_data")
    return county_or_404(user, county_code)


def report_period(period_key: str, kind: str) -> CockpitPeriod:
    """The period of a report URL; 404 for a malformed key or one of another kind."""
    try:
        period = CockpitPeriod.parse(period_key)
    except ValueError:
        raise Http404 from None
    if KIND_OF_PERIOD.get(kind) != period.kind:
        raise Http404
    return period


def _latest_month(county_code: str) -> tuple[int, int] | None:
    """The latest month with figures of the county: reports, indicators or appeals."""
    found = [MonthlyReport.objects.filter(county_id=county_code).latest_period()]
    published = periods_with_data([county_code])
    found.append((published[0].year, published[0].month) if published else None)
    registered = Appeal.objects.filter(county_id=county_code).aggregate(m=Max("registered_at"))["m"]
    found.append((registered.year, registered.month) if registered else None)
    present = [f for f in found if f]
    return max(present) if present else None


def available_periods(county_code: str, today: datetime.date | None = None) -> list[CockpitPeriod]:
    """Newest first: the months of the latest year with figures, up to the latest month, and
    the half-years that have ended by then in that year and the year before."""
    latest = _latest_month(county_code)
    if latest is None:
        return []
    year, month = latest
    halves = [
        CockpitPeriod(y, HALF, n)
        for y in (year, year - 1)
        for n in (2, 1)
        if (y, n * 6) <= (year, month)
    ]
    months = [CockpitPeriod(year, MONTH, m) for m in range(month, 0, -1)]
    return sorted(halves + months, key=lambda p: (p.end, p.kind == MONTH), reverse=True)


def kind_of(period: CockpitPeriod) -> str:
    return "half" if period.kind == HALF else "month"


def download_url(county_code: str, period: CockpitPeriod, fmt: str) -> str:
    return reverse(
        "report_download",
        kwargs={
            "county_code": county_code,
            "period": period.key,
            "kind": kind_of(period),
            "fmt": fmt,
        },
    )


def report_file(
    user, county_code: str, period_key: str, kind: str, fmt: str, language: str = "zh"
) -> tuple[bytes, str]:
    """The file's bytes and name, generated now from the current figures, and audited."""
    county = county_for(user, county_code)
    period = report_period(period_key, kind)
    if fmt not in FORMATS:
        raise Http404
    language = "en" if (language or "").startswith("en") else "zh"
    content = render(build_report(county.code, period, language), fmt)
    name = file_name(county, period, fmt, language)
    record_report_export(user, county, period, fmt, language, content, name)
    return content, name


def record_report_export(
    user, county: Division, period: CockpitPeriod, fmt: str, language: str, content, name: str
) -> None:
    """Every report file handed out (a download, or ``make_report``'s file written as the system
    actor) is recorded in the audit log."""
    require_actor(user)
    record_event(
        AuditAction.EXPORT,
        acting_user=user,
        object_type="reports.report",
        object_id=f"{county.code}/{period.key}/{kind_of(period)}.{fmt}",
        object_repr=name,
        county=county.code,
        message=f"{len(content)} bytes, {language}",
    )


def file_response(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(name)
    response["Content-Length"] = str(len(content))
    return response

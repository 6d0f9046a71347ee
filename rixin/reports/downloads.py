"""Report files for a user: who may have which, the periods on offer, and the audited download.

A user may have a county's reports when they may read its figures (county staff of the county,
city and province accounts above it); another county's staff get 404, enterprise users and the
three administrators 403. Every file handed out is recorded in the audit log (导出).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.functions import TruncMonth
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.accounts.access import county_or_404, require_actor
from rixin.appeals.models import Appeal
from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction
from rixin.cockpit.periods import HALF, MONTH, QUARTER, YEAR, CockpitPeriod
from rixin.indicators.queries import periods_with_data
from rixin.projects.models import MonthlyReport
from rixin.regions.models import Division
from rixin.spreadsheets.exports import content_disposition

from .access import check_issues
from .content import build_report, file_name
from .frame import DRAFT, DRAFT_MODE, MODES, OFFICIAL, issued_frame
from .models import IssuedReport
from .render import CONTENT_TYPES, FORMATS, render

# The report of each kind of period, as its URL names it.
KIND_OF_PERIOD = {"month": MONTH, "quarter": QUARTER, "half": HALF, "year": YEAR}
PERIOD_KIND = {period_kind: kind for kind, period_kind in KIND_OF_PERIOD.items()}


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


def months_with_data(county_code: str) -> set[tuple[int, int]]:
    """(year, month) of every month the county has figures for: monthly reports, published
    indicators (cumulative to that month) or appeals registered in it (three queries)."""
    months = set(
        MonthlyReport.objects.filter(county_id=county_code)
        .values_list("year", "month")
        .distinct()
        .order_by()
    )
    months |= {(p.year, p.month) for p in periods_with_data([county_code])}
    registered = (
        Appeal.objects.filter(county_id=county_code)
        .annotate(month=TruncMonth("registered_at"))
        .values_list("month", flat=True)
        .distinct()
        .order_by()
    )
    months |= {(day.year, day.month) for day in registered if day}
    return months


def is_flash(period: CockpitPeriod, today: datetime.date | None = None) -> bool:
    """A month not yet over: its report is a 快报 (flash report), said as such."""
    return period.end >= (today or timezone.localdate())


# Of two periods ending on the same day, the widest first: the year, the half, the quarter,
# the month.
_WIDTH = {YEAR: 0, HALF: 1, QUARTER: 2, MONTH: 3}


def available_periods(county_code: str, today: datetime.date | None = None) -> list[CockpitPeriod]:
    """Newest first: every month the county has figures for and the quarter, half-year and
    year containing such a month, when the period is over; the month under way only as a
    快报 (``is_flash``)."""
    today = today or timezone.localdate()
    months = months_with_data(county_code)
    periods = {CockpitPeriod(year, MONTH, month) for year, month in months}
    periods |= {CockpitPeriod(year, QUARTER, (month + 2) // 3) for year, month in months}
    periods |= {CockpitPeriod(year, HALF, 1 if month <= 6 else 2) for year, month in months}
    periods |= {CockpitPeriod(year, YEAR) for year, _month in months}
    offered = [
        period
        for period in periods
        if period.end < today or (period.kind == MONTH and period.start <= today)
    ]
    return sorted(offered, key=lambda p: (p.end, -_WIDTH[p.kind]), reverse=True)


def kind_of(period: CockpitPeriod) -> str:
    return PERIOD_KIND[period.kind]


def issued_reports(county_code: str) -> dict[str, IssuedReport]:
    """The county's issued reports by period key (one query)."""
    return {i.period_key: i for i in IssuedReport.objects.filter(county_id=county_code)}


def download_url(county_code: str, period: CockpitPeriod, fmt: str, mode: str = DRAFT_MODE) -> str:
    url = reverse(
        "report_download",
        kwargs={
            "county_code": county_code,
            "period": period.key,
            "kind": kind_of(period),
            "fmt": fmt,
        },
    )
    return f"{url}?mode={OFFICIAL}" if mode == OFFICIAL else url


def report_file(
    user,
    county_code: str,
    period_key: str,
    kind: str,
    fmt: str,
    language: str = "zh",
    mode: str = DRAFT_MODE,
) -> tuple[bytes, str]:
    """The file's bytes and name, generated now from the current figures, and audited.

    ``mode`` "official" is the report as issued, in its 公文 frame with the 发文字号 it was
    given: 403 for a user who may not issue, ValidationError (409) while it has not been
    issued. A download never issues: that is the confirmed POST of ``views.report_issue``."""
    county = county_for(user, county_code)
    period = report_period(period_key, kind)
    if fmt not in FORMATS or (mode or DRAFT_MODE) not in MODES:
        raise Http404
    language = "en" if (language or "").startswith("en") else "zh"
    frame = DRAFT
    if mode == OFFICIAL:
        check_issues(user, county.code)
        frame = issued_frame(county.code, period)
        if frame is None:
            raise ValidationError(
                _("%(period)s的报告尚未签发:请先在报告页面确认签发(取得发文字号)。")
                % {"period": period.label}
            )
    content = render(build_report(county.code, period, language), fmt, frame)
    name = file_name(county, period, fmt, language)
    record_report_export(user, county, period, fmt, language, content, name, frame.mode)
    return content, name


def record_report_export(
    user,
    county: Division,
    period: CockpitPeriod,
    fmt: str,
    language: str,
    content,
    name: str,
    mode: str = DRAFT_MODE,
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
        message=f"{len(content)} bytes, {language}, {mode}",
    )


def file_response(content: bytes, name: str, fmt: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(name)
    response["Content-Length"] = str(len(content))
    return response

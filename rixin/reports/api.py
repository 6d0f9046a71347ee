"""/api/v1/reports/: the reports on offer for a county, and the files themselves."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import get_language
from ninja import Router, Schema
from ninja.responses import Status

from . import actions
from .access import check_issues, may_issue
from .content import file_name, period_label
from .downloads import (
    available_periods,
    county_for,
    download_url,
    file_response,
    is_flash,
    issued_reports,
    kind_of,
    report_file,
    report_period,
)
from .frame import DRAFT_MODE, OFFICIAL
from .render import FORMATS

router = Router(tags=["reports 报告"])


class FileOut(Schema):
    format: str
    mode: str  # draft (草稿), or official (正式文件: issued, for those who may issue)
    name: str
    url: str
    page_url: str


class PeriodOut(Schema):
    period: str
    label: str
    kind: str
    flash: bool  # a month not yet over: a 快报
    files: list[FileOut]


class CountyReportsOut(Schema):
    county: str
    name: str
    periods: list[PeriodOut]


@router.get("/{county_code}/", response=CountyReportsOut, url_name="list_reports")
def list_reports(request, county_code: str):
    """月报、季度报告、半年报告(期中答卷)和年度报告 on offer for the county, newest first,
    with their file URLs; the official files of the periods issued (签发: the POST
    ``…/{period}/{kind}/issue``, or the report page)."""
    county = county_for(request.user, county_code)
    issued = issued_reports(county.code) if may_issue(request.user, county.code) else {}
    periods = []
    for period in available_periods(county.code):
        kind = kind_of(period)
        modes = [DRAFT_MODE, OFFICIAL] if period.key in issued else [DRAFT_MODE]
        files = _files(county, period, kind, modes)
        periods.append(
            {
                "period": period.key,
                "label": period_label(period, get_language() or "zh"),
                "kind": kind,
                "flash": is_flash(period),
                "files": files,
            }
        )
    return {"county": county.code, "name": county.name, "periods": periods}


def _files(county, period, kind: str, modes: list[str]) -> list[dict]:
    return [
        {
            "format": fmt,
            "mode": mode,
            "name": file_name(county, period, fmt),
            "url": reverse(
                "api:get_report_file",
                kwargs={"county_code": county.code, "period": period.key, "file": f"{kind}.{fmt}"},
            )
            + (f"?mode={OFFICIAL}" if mode == OFFICIAL else ""),
            "page_url": download_url(county.code, period, fmt, mode),
        }
        for mode in modes
        for fmt in FORMATS
    ]


class IssueIn(Schema):
    confirm: Literal[True]  # 确认签发: the next 发文字号 of the year is taken, for good
    dated: datetime.date | None = None  # 成文日期; by default the county's frame decides


class IssuedOut(Schema):
    county: str
    period: str
    document_number: str
    dated: datetime.date
    files: list[FileOut]


@router.post(
    "/{county_code}/{period}/{kind}/issue",
    response={200: IssuedOut, 409: dict},
    url_name="issue_report",
)
def issue_report(
    request,
    county_code: str,
    period: str,
    kind: Literal["month", "quarter", "half", "year"],
    payload: IssueIn,
):
    """签发 the county's report for the period as an official 公文 (the county
    administrator): it takes the next 发文字号 of the 成文日期's year. Issuing a period again
    answers its number as first given. 409 for a period not yet over or a county without its
    公文 frame."""
    county = county_for(request.user, county_code)
    report = report_period(period, kind)
    check_issues(request.user, county.code)
    try:
        issued = actions.issue_official_report(
            acting_user=request.user, county_code=county.code, period=report, dated=payload.dated
        )
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(
        200,
        {
            "county": county.code,
            "period": report.key,
            "document_number": issued.document_number,
            "dated": issued.dated,
            "files": _files(county, report, kind, [OFFICIAL]),
        },
    )


@router.get("/{county_code}/{period}/{file}", response={409: dict}, url_name="get_report_file")
def get_report_file(
    request, county_code: str, period: str, file: str, language: str = "zh", mode: str = DRAFT_MODE
):
    """The report file (``month.pdf``, ``quarter.docx``, ``half.pdf``, ``year.docx``),
    generated from the current figures; ``?language=en`` for the English edition;
    ``?mode=official`` for the issued 公文 with its stored 发文字号 (the county administrator;
    409 while it has not been issued: a download never issues). Every download is recorded in
    the audit log."""
    kind, _dot, fmt = file.partition(".")
    try:
        content, name = report_file(request.user, county_code, period, kind, fmt, language, mode)
    except ValidationError as error:
        return 409, {"detail": " ".join(error.messages)}
    return file_response(content, name, fmt)

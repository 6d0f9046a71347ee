"""What a report file carries around its text: the 公文 frame of an official report, or the
marks of an internal draft.

``official(county_code, period, acting_user=…)`` issues the report (a 发文字号 taken through
``actions.issue_official_report``: the confirmed POST of the report page, or ``make_report
--official``) and returns its frame; ``issued_frame`` reads the frame of a report already
issued, for its download. ``DRAFT`` is the internal draft: the running header, the 生成于
stamp, the demo footnote and the 草稿 mark.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from rixin.cockpit.periods import CockpitPeriod

from .models import IssuedReport, ReportFrame

OFFICIAL, DRAFT_MODE = "official", "draft"
MODES = (OFFICIAL, DRAFT_MODE)


@dataclass(frozen=True)
class Frame:
    mode: str = DRAFT_MODE
    issuer_mark: str = ""  # 发文机关标志 (红头)
    document_number: str = ""  # 发文字号
    addressee: str = ""  # 主送机关
    signatory: str = ""  # 落款 office
    dated: datetime.date | None = None  # 成文日期
    secrecy: str = ""  # 密级 (and 保密期限)
    urgency: str = ""  # 紧急程度

    @property
    def is_official(self) -> bool:
        return self.mode == OFFICIAL

    @property
    def dated_text(self) -> str:
        """成文日期 in Arabic numerals, as GB/T 9704-2012 (7.3.5.1) asks: 2024年7月10日."""
        if self.dated is None:
            return ""
        return f"{self.dated.year}年{self.dated.month}月{self.dated.day}日"


DRAFT = Frame()


def _frame_of(issued: IssuedReport, settings: ReportFrame) -> Frame:
    secrecy = settings.secrecy
    if secrecy and settings.secrecy_term:
        secrecy = f"{secrecy}★{settings.secrecy_term}"
    return Frame(
        mode=OFFICIAL,
        issuer_mark=settings.issuer_mark,
        document_number=issued.document_number,
        addressee=settings.addressee,
        signatory=settings.signatory,
        dated=issued.dated,
        secrecy=secrecy,
        urgency=settings.urgency,
    )


def official(county_code: str, period: CockpitPeriod, *, acting_user, dated=None) -> Frame:
    """Issue the county's report for ``period`` (or find it issued) and return its frame."""
    from .actions import issue_official_report

    issued = issue_official_report(
        acting_user=acting_user, county_code=county_code, period=period, dated=dated
    )
    return _frame_of(issued, ReportFrame.objects.get(county_id=county_code))


def issued_frame(county_code: str, period: CockpitPeriod) -> Frame | None:
    """The frame of the report issued for ``period`` (its stored 发文字号 and 成文日期), or
    None when it has not been issued: reading never takes a number."""
    issued = IssuedReport.objects.filter(county_id=county_code, period_key=period.key).first()
    settings = ReportFrame.objects.filter(county_id=county_code).first()
    if issued is None or settings is None:
        return None
    return _frame_of(issued, settings)

"""The answer sheet (答卷) as .docx and the appeals as .xlsx. Text goes in as text: nothing
anyone typed is run as markup or as a formula."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from rixin.spreadsheets.exports import Sheet

from .models import Paper


def answer_sheet_rows(paper: Paper, user) -> list[list[str]]:
    rows = []
    appeals = paper.appeals.select_related("enterprise", "lead_department", "category").order_by(
        "number"
    )
    for index, appeal in enumerate(appeals, start=1):
        rows.append(
            [
                str(index),
                appeal.number,
                appeal.requester_for(user),
                appeal.title,
                appeal.lead_department.name if appeal.lead_department_id else "",
                appeal.answer_solution,
                appeal.answer_post,
                appeal.get_satisfaction_display() or _("待阅卷"),
            ]
        )
    return rows


ANSWER_SHEET_HEADERS = [
    _l("序号"),
    _l("编号"),
    _l("企业"),
    _l("诉求"),
    _l("主办部门"),
    _l("解决方案"),
    _l("责任岗位"),
    _l("阅卷"),
]


def answer_sheet_docx(paper: Paper, user) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    heading = document.add_heading(f"{paper.county.name}{paper.title} · {_('答卷')}", level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    intro = _("工商联出卷、县委政府答卷、企业家阅卷。")
    if paper.meeting_on:
        intro += _("答卷会:%(d)s。") % {"d": paper.meeting_on.isoformat()}
    document.add_paragraph(intro)
    headers = [str(h) for h in ANSWER_SHEET_HEADERS]
    rows = answer_sheet_rows(paper, user)
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    if paper.is_illustrative:
        document.add_paragraph(_("注:本卷为演示而编造的示例数据,并非公开发布的事实。"))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


APPEAL_HEADERS = [
    _l("编号"),
    _l("类型"),
    _l("渠道"),
    _l("类别"),
    _l("提出方"),
    _l("标题"),
    _l("状态"),
    _l("主办部门"),
    _l("办理时限"),
    _l("答复时间"),
    _l("满意度"),
    _l("解决情况"),
    _l("重办次数"),
    _l("示例数据"),
]


def appeals_sheet(appeals, user) -> Sheet:
    rows = [
        [
            a.number,
            a.get_kind_display(),
            a.get_channel_display(),
            a.category.name,
            a.requester_for(user),
            a.title,
            a.get_status_display(),
            a.lead_department.name if a.lead_department_id else "",
            a.deadline,
            a.answered_at,
            a.get_satisfaction_display(),
            a.get_resolution_display(),
            a.reopen_count,
            _("是") if a.is_illustrative else _("否"),
        ]
        for a in appeals
    ]
    return Sheet(
        _("诉求"),
        [str(h) for h in APPEAL_HEADERS],
        rows,
        widths=[18, 10, 12, 10, 24, 36, 10, 24, 12, 18, 10, 10, 8, 8],
    )


RESULT_HEADERS = [
    _l("名次"),
    _l("部门"),
    _l("派单"),
    _l("响应率%"),
    _l("按时办结率%"),
    _l("解决率%"),
    _l("满意率%"),
    _l("平均签收(工作日)"),
    _l("平均答复(工作日)"),
    _l("重办率%"),
    _l("综合得分"),
]


def paper_result_rows(cards) -> list[list]:
    return [
        [
            c.rank or "",
            c.department.name,
            c.dispatched,
            c.response_rate,
            c.on_time_rate,
            c.resolution_rate,
            c.satisfaction_rate,
            c.mean_days_to_acknowledge,
            c.mean_days_to_answer,
            c.reopen_rate,
            c.score,
        ]
        for c in cards
    ]

"""The library's Excel export and the monthly report template."""

from __future__ import annotations

from io import BytesIO

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.styles import Protection

from rixin.spreadsheets.exports import Sheet

from .importers import YTD, MonthlyReportImporter
from .models import ZERO

LIBRARY_HEADERS = [
    "项目代码",
    "项目名称",
    "类别",
    "产业",
    "园区",
    "责任单位",
    "包联领导",
    "级别",
    "一号工程",
    "状态",
    "总投资(万元)",
    "年度计划(万元)",
    "本年完成(万元)",
    "年度完成率(%)",
    "累计完成(万元)",
    "投资进度(%)",
    "形象进度(%)",
    "进度",
    "示例数据",
]


def cell(value):
    """A value openpyxl can write: a lazy translation (a choice's label) as its text."""
    return str(value) if isinstance(value, Promise) else value


def library_sheet(queryset, year: int, month: int, rules) -> tuple[Sheet, int]:
    rows = []
    for p, f in queryset.progress_table(year, month, rules):
        row = [
            p.code,
            p.name,
            p.get_category_display(),
            p.industry.name if p.industry else "",
            p.park.name if p.park else "",
            p.department.name,
            p.leader_title,
            p.get_level_display(),
            "是" if p.is_key_one else "否",
            p.period_status_label,
            p.total_investment,
            f.annual_plan,
            f.completed_this_year,
            f.against_annual_plan,
            f.completed_since_start,
            f.financial,
            f.physical,
            f.health_label,
            "是" if p.is_illustrative else "否",
        ]
        rows.append([cell(v) for v in row])
    title = _("项目库 %(y)d年1-%(m)d月") % {"y": year, "m": month}
    widths = [24, 40, 10, 12, 16, 24, 14, 10, 8, 10, 12, 12, 12, 10, 12, 10, 10, 8, 8]
    return Sheet(title, LIBRARY_HEADERS, rows, widths=widths), len(rows)


# The template's read-only columns: filled from the library, not read back by the import.
FILLED_COLUMNS = ("项目ID", "项目代码", "项目名称", "责任单位", "年度", "月份", "年度计划(万元)")


def report_template_sheet(projects, year: int, month: int, rules) -> Sheet:
    """The month's template for the projects that owe its report (``projects`` is already
    ``owing_report(year, month)``): one row each with the year's plan and the year-to-date
    investment through the previous month filled in, and the month's values to fill."""
    previous = month - 1
    rows = []
    for p, f in projects.order_by("department__name", "name").progress_table(
        year, max(previous, 1), rules
    ):
        done = f.completed_this_year if previous else ZERO
        rows.append(
            [p.pk, p.code, p.name, p.department.name, year, month, f.annual_plan, done] + [None] * 5
        )
    header = MonthlyReportImporter.header()
    departments = sorted({row[3] for row in rows})
    return Sheet(
        _("%(y)d年%(m)d月项目月报") % {"y": year, "m": month},
        header,
        rows,
        widths=[8, 26, 40, 24, 8, 6, 14, 16, 16, 12, 40, 40, 24],
        choices={header.index("问题办理部门"): departments} if departments else {},
    )


def protect_filled_cells(content: bytes) -> bytes:
    """Lock the filled columns of the template (the sheet is protected without a password,
    as a guard against slips): only the month's values stay editable."""
    workbook = load_workbook(BytesIO(content))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    editable = [i + 1 for i, h in enumerate(header) if h not in FILLED_COLUMNS and h != YTD]
    for column in editable:
        for row in range(2, max(sheet.max_row, 2) + 1):
            sheet.cell(row=row, column=column).protection = Protection(locked=False)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

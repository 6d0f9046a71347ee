"""The library's Excel export and the monthly report template."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from rixin.spreadsheets.exports import Sheet

from .importers import MonthlyReportImporter

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


def report_template_sheet(projects, year: int, month: int) -> Sheet:
    """The month's template: one row per project the user reports for, values to fill."""
    rows = [
        [p.pk, p.code, p.name, p.department.name, year, month, None, None, None, None, None]
        for p in projects.order_by("department__name", "name")
    ]
    departments = sorted({p.department.name for p in projects})
    return Sheet(
        _("%(y)d年%(m)d月项目月报") % {"y": year, "m": month},
        MonthlyReportImporter.header(),
        rows,
        widths=[8, 26, 40, 24, 8, 6, 16, 12, 40, 40, 24],
        choices={10: departments} if departments else {},
    )

"""Which projects owe a monthly report, and which departments are late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .choices import ReportStatus
from .models import IMPLEMENTATION, MonthlyReport, Project, ProjectSettings

REPORTING_STATUSES = IMPLEMENTATION


@dataclass
class ReportRow:
    project: Project
    report: MonthlyReport | None
    owed: bool
    late: bool


def owed_projects(projects, year: int, month: int):
    """The projects that owe the month's report and have not given it: those of
    ``Project.objects.owing_report`` without a report of the month, or whose report was
    returned (the rule of ``owed_reports``, in SQL: count them or fetch a few). Annotated
    ``report_returned``."""
    reports = MonthlyReport.objects.filter(project=OuterRef("pk"), year=year, month=month)
    return (
        projects.owing_report(year, month)
        .annotate(
            report_standing=Exists(reports.exclude(status=ReportStatus.RETURNED)),
            report_returned=Exists(reports.filter(status=ReportStatus.RETURNED)),
        )
        .filter(report_standing=False)
    )


def owed_reports(
    projects,
    year: int,
    month: int,
    rules: ProjectSettings,
    today: datetime.date | None = None,
) -> tuple[list[ReportRow], dict]:
    """The projects that owe the month's report (``Project.objects.owing_report``: in the
    library by the month's end and in implementation during it) and their report (two
    queries). A report is owed until it is submitted and not returned; it is late once the
    due day of the next month has passed. Returns the rows and {department: late count}."""
    today = today or datetime.date.today()
    due = rules.report_due_date(year, month)
    expected = (
        projects.owing_report(year, month)
        .select_related("department")
        .order_by("department__name", "name")
    )
    expected = list(expected)
    reports = {
        r.project_id: r
        for r in MonthlyReport.objects.filter(
            project__in=[p.pk for p in expected], year=year, month=month
        )
    }
    rows, late = [], {}
    for project in expected:
        report = reports.get(project.pk)
        owed = report is None or report.status == ReportStatus.RETURNED
        is_late = owed and today > due
        rows.append(ReportRow(project, report, owed, is_late))
        if is_late:
            late[project.department] = late.get(project.department, 0) + 1
    return rows, late

"""Which projects owe a monthly report, and which departments are late."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from .choices import ProjectStatus, ReportStatus
from .models import MonthlyReport, Project, ProjectSettings

REPORTING_STATUSES = (ProjectStatus.NEW_START, ProjectStatus.UNDER_CONSTRUCTION)


@dataclass
class ReportRow:
    project: Project
    report: MonthlyReport | None
    owed: bool
    late: bool


def owed_reports(
    projects,
    year: int,
    month: int,
    rules: ProjectSettings,
    today: datetime.date | None = None,
) -> tuple[list[ReportRow], dict]:
    """Projects under construction, or planned for the year, and their report for the month
    (two queries). A report is owed until it is submitted and not returned; it is late once
    the due day of the next month has passed. Returns the rows and {department: late count}."""
    today = today or datetime.date.today()
    due = rules.report_due_date(year, month)
    expected = (
        projects.filter(Q(status__in=REPORTING_STATUSES) | Q(annual_plans__year=year))
        .exclude(status=ProjectStatus.TERMINATED)
        .select_related("department")
        .distinct()
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

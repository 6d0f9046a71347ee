"""Every write of the project library: validate, one transaction, an audit record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import (
    audited_create,
    audited_update,
    record_event,
    record_events,
    snapshot,
)
from rixin.audit.models import AuditAction

from . import access
from .choices import NEXT_STATUSES, ProblemStatus, ProjectStatus, ReportStatus
from .models import (
    AnnualPlan,
    Industry,
    Milestone,
    MonthlyReport,
    Problem,
    Project,
    ProjectSettings,
    ReportPhoto,
    StatusChange,
    check_report_values,
)
from .photos import clean_photo


def _check_creator(acting_user, county, department) -> None:
    if acting_user is None:
        return
    if not access.writes_projects(acting_user) or acting_user.county_code != county.code:
        raise PermissionDenied(_("无权在该县新增项目。"))
    if not access.writes_every_project(acting_user) and (
        department is None or department.pk != acting_user.department_id
    ):
        raise PermissionDenied(_("只能新增本部门作为责任单位的项目。"))


def _record_status(
    project: Project,
    old: str,
    new: str,
    acting_user,
    reason: str,
    at: datetime.datetime | None = None,
) -> None:
    StatusChange.objects.create(
        project=project,
        old_status=old,
        new_status=new,
        actor=acting_user if acting_user is not None else None,
        at=at or timezone.now(),
        reason=reason,
    )


@transaction.atomic
def create_project(
    *, acting_user, county, at: datetime.datetime | None = None, **fields: Any
) -> Project:
    """Enter a project in the library. Its first status is recorded as a status change
    (``at`` dates it, for records entered after the fact)."""
    _check_creator(acting_user, county, fields.get("department"))
    fields.setdefault("status", ProjectStatus.RESERVE)
    project = audited_create(Project, acting_user=acting_user, county=county, **fields)
    _record_status(project, "", project.status, acting_user, _("入库"), at=at)
    return project


def update_project(
    project: Project, changes: dict, *, acting_user, expected_version: int | None = None
) -> Project:
    """Edit a project's record; its status changes only through change_status."""
    access.check_write(acting_user, project)
    if "status" in changes and changes["status"] != project.status:
        raise ValidationError({"status": _("项目状态请通过“变更状态”修改,以便留下记录。")})
    if "county" in changes and changes["county"].code != project.county_id:
        raise ValidationError({"county": _("不能把项目改到另一个县。")})
    if (
        acting_user is not None
        and "department" in changes
        and not access.writes_every_project(acting_user)
    ):
        raise PermissionDenied(_("只有发改局或县级业务管理员可以更换责任单位。"))
    return audited_update(
        project, changes, acting_user=acting_user, expected_version=expected_version
    )


@transaction.atomic
def change_status(project: Project, new_status: str, *, acting_user, reason: str = "") -> Project:
    """Move a project along its lifecycle; 终止 needs a reason. Every change is a row."""
    access.check_write(acting_user, project)
    old = project.status
    if new_status not in NEXT_STATUSES.get(old, []):
        raise ValidationError(
            {
                "status": _("不能从“%(old)s”变更为“%(new)s”。")
                % {"old": ProjectStatus(old).label, "new": ProjectStatus(new_status).label}
            }
        )
    reason = (reason or "").strip()
    if new_status == ProjectStatus.TERMINATED and not reason:
        raise ValidationError({"reason": _("终止项目须说明原因。")})
    audited_update(
        project,
        {"status": new_status},
        acting_user=acting_user,
        action=AuditAction.TRANSITION,
        message=reason,
    )
    _record_status(project, old, new_status, acting_user, reason)
    return project


def save_annual_plan(project: Project, *, acting_user, year: int, **fields: Any) -> AnnualPlan:
    """Create or replace the project's plan for ``year``."""
    access.check_write(acting_user, project)
    existing = AnnualPlan.objects.filter(project=project, year=year).first()
    if existing is None:
        return audited_create(
            AnnualPlan,
            acting_user=acting_user,
            county_id=project.county_id,
            project=project,
            year=year,
            **fields,
        )
    version = fields.pop("version", None)
    return audited_update(existing, fields, acting_user=acting_user, expected_version=version)


def _check_period(year: int, month: int, today: datetime.date) -> None:
    if not 1 <= month <= 12:
        raise ValidationError({"month": _("月份应在1到12之间。")})
    if (year, month) > (today.year, today.month):
        raise ValidationError(
            {"month": _("不能填报未来月份(%(y)d年%(m)d月)的报告。") % {"y": year, "m": month}}
        )


def _since_start(
    project: Project, year: int, month: int, replacing: MonthlyReport | None
) -> Decimal:
    others = MonthlyReport.objects.filter(project=project).through(year, month)
    if replacing is not None:
        others = others.exclude(pk=replacing.pk)
    return others.aggregate(s=Sum("investment"))["s"] or Decimal(0)


@transaction.atomic
def submit_monthly_report(
    project: Project,
    *,
    acting_user,
    year: int,
    month: int,
    investment: Decimal,
    physical_progress: Decimal | None = None,
    progress_text: str = "",
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
    **extra: Any,
) -> MonthlyReport:
    """Submit the month's report. A second submission for the same month is a correction
    (its revision counts up and it goes back to review). A since-start total above the
    project's total investment is allowed but flagged for the reviewer."""
    access.check_write(acting_user, project)
    _check_period(year, month, today or timezone.localdate())
    if investment is None or investment < 0:
        raise ValidationError({"investment": _("本月完成投资应为不小于0的数字(万元)。")})
    existing = MonthlyReport.objects.filter(project=project, year=year, month=month).first()
    exceeds = _since_start(project, year, month, existing) + investment > project.total_investment
    values = {
        "investment": investment,
        "physical_progress": physical_progress,
        "progress_text": progress_text,
        "exceeds_total": exceeds,
        "status": ReportStatus.SUBMITTED,
        "submitted_by": acting_user,
        "submitted_at": at or timezone.now(),
        "reviewed_by": None,
        "reviewed_at": None,
        "review_note": "",
        **extra,
    }
    if existing is None:
        return audited_create(
            MonthlyReport,
            acting_user=acting_user,
            county_id=project.county_id,
            project=project,
            year=year,
            month=month,
            **values,
        )
    values["revision"] = existing.revision + 1
    return audited_update(
        existing,
        values,
        acting_user=acting_user,
        message=_("更正第%(n)d次") % {"n": values["revision"]},
    )


def _check_reviewer(acting_user, report: MonthlyReport) -> None:
    if acting_user is not None and not (
        access.reviews_reports(acting_user) and acting_user.county_code == report.county_id
    ):
        raise PermissionDenied(_("只有本县发改局可以审核月度报告。"))


def approve_report(
    report: MonthlyReport, *, acting_user, at: datetime.datetime | None = None
) -> MonthlyReport:
    _check_reviewer(acting_user, report)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("只能审核待审核的报告。"))
    return audited_update(
        report,
        {
            "status": ReportStatus.APPROVED,
            "reviewed_by": acting_user,
            "reviewed_at": at or timezone.now(),
        },
        acting_user=acting_user,
        action=AuditAction.TRANSITION,
    )


def return_report(report: MonthlyReport, *, acting_user, reason: str) -> MonthlyReport:
    _check_reviewer(acting_user, report)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"review_note": _("退回报告须说明原因。")})
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("只能退回待审核的报告。"))
    return audited_update(
        report,
        {
            "status": ReportStatus.RETURNED,
            "reviewed_by": acting_user,
            "reviewed_at": timezone.now(),
            "review_note": reason,
        },
        acting_user=acting_user,
        action=AuditAction.TRANSITION,
        message=reason,
    )


@transaction.atomic
def add_photo(report: MonthlyReport, upload, *, acting_user, caption: str = "") -> ReportPhoto:
    """Attach a site photo: decoded to prove it is a JPEG or PNG, at most 10 MB, and
    re-encoded without its metadata (so no location leaves the building site)."""
    access.check_write(acting_user, report.project)
    cleaned = clean_photo(upload)
    photo = ReportPhoto(report=report, caption=caption, uploaded_by=acting_user)
    photo.image.save(cleaned.name, cleaned, save=False)
    photo.full_clean()
    photo.save()
    record_event(
        AuditAction.CREATE,
        acting_user=acting_user,
        obj=photo,
        after=snapshot(photo),
        county=report.county_id,
    )
    return photo


def raise_problem(
    project: Project, *, acting_user, description: str, department, report=None, **fields: Any
) -> Problem:
    access.check_write(acting_user, project)
    if department.county_id != project.county_id:
        raise ValidationError({"department": _("办理部门不属于本县。")})
    fields.setdefault("raised_on", timezone.localdate())
    return audited_create(
        Problem,
        acting_user=acting_user,
        county_id=project.county_id,
        project=project,
        report=report,
        description=description,
        department=department,
        **fields,
    )


def resolve_problem(
    problem: Problem, *, acting_user, measures: str, resolved_on: datetime.date | None = None
) -> Problem:
    """Close a problem with its measures: the project's writers or the department it was routed to."""
    if acting_user is not None and not (
        access.may_write(acting_user, problem.project)
        or (acting_user.department_id == problem.department_id and acting_user.writes_county_data)
    ):
        raise PermissionDenied(_("无权办理该问题。"))
    if not (measures or "").strip():
        raise ValidationError({"measures": _("请填写解决措施。")})
    return audited_update(
        problem,
        {
            "measures": measures.strip(),
            "status": ProblemStatus.RESOLVED,
            "resolved_on": resolved_on or timezone.localdate(),
        },
        acting_user=acting_user,
        action=AuditAction.TRANSITION,
    )


def add_milestone(project: Project, *, acting_user, **fields: Any) -> Milestone:
    access.check_write(acting_user, project)
    return audited_create(
        Milestone, acting_user=acting_user, county_id=project.county_id, project=project, **fields
    )


def update_milestone(
    milestone: Milestone, changes: dict, *, acting_user, expected_version: int | None = None
) -> Milestone:
    access.check_write(acting_user, milestone.project)
    return audited_update(
        milestone, changes, acting_user=acting_user, expected_version=expected_version
    )


def _check_admin(acting_user, county_code: str) -> None:
    if acting_user is not None and not (
        access.is_county_admin(acting_user) and acting_user.county_code == county_code
    ):
        raise PermissionDenied(_("只有本县的县级业务管理员可以修改。"))


def create_industry(*, acting_user, county, name: str, **fields: Any) -> Industry:
    _check_admin(acting_user, county.code)
    if Industry.objects.filter(county=county, name=name.strip()).exists():
        raise ValidationError({"name": _("产业“%(n)s”已在列表中。") % {"n": name}})
    return audited_create(
        Industry, acting_user=acting_user, county=county, name=name.strip(), **fields
    )


def update_industry(industry: Industry, changes: dict, *, acting_user) -> Industry:
    _check_admin(acting_user, industry.county_id)
    return audited_update(industry, changes, acting_user=acting_user)


def save_settings(*, acting_user, county_code: str, **values: Any) -> ProjectSettings:
    _check_admin(acting_user, county_code)
    current = ProjectSettings.objects.filter(county_id=county_code).first()
    if current is None:
        return audited_create(
            ProjectSettings, acting_user=acting_user, county_id=county_code, **values
        )
    return audited_update(current, values, acting_user=acting_user)


@dataclass
class ReportEntry:
    """One row of a monthly report file, checked and keyed by (project, year, month)."""

    project: Project
    year: int
    month: int
    investment: Decimal
    physical_progress: Decimal | None = None
    progress_text: str = ""
    problem: str = ""
    problem_department: Any = None


REPORT_FIELDS = ("investment", "physical_progress", "progress_text")
REVIEW_FIELDS = (
    "exceeds_total",
    "status",
    "submitted_by",
    "submitted_at",
    "reviewed_by",
    "reviewed_at",
    "review_note",
)


INSERT_COLUMNS = (
    "county_id",
    "project_id",
    "year",
    "month",
    "investment",
    "physical_progress",
    "progress_text",
    "status",
    "revision",
    "exceeds_total",
    "submitted_by_id",
    "submitted_at",
    "review_note",
    "version",
    "is_illustrative",
)


def _insert_reports(rows: list[tuple]) -> None:
    """One executemany for the new reports of a file: building 10,000 model instances and
    preparing each value through the ORM would take seconds. ``rows`` follow INSERT_COLUMNS,
    their values already checked (check_report_values) and adapted."""
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(MonthlyReport._meta.db_table),
        ", ".join(quote(c) for c in INSERT_COLUMNS),
        ", ".join(["%s"] * len(INSERT_COLUMNS)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _new_report_row(entry: ReportEntry, exceeds: bool, user_id, now) -> tuple:
    adapt = connection.ops.adapt_decimalfield_value
    return (
        entry.project.county_id,
        entry.project.pk,
        entry.year,
        entry.month,
        adapt(entry.investment, 14, 2),
        adapt(entry.physical_progress, 5, 1),
        entry.progress_text,
        ReportStatus.SUBMITTED,
        0,
        exceeds,
        user_id,
        now,
        "",
        1,
        False,
    )


@transaction.atomic
def import_monthly_reports(
    entries: list[ReportEntry], *, acting_user, today: datetime.date | None = None
) -> dict[str, int]:
    """The bulk form of submit_monthly_report for an imported file: the same rules, a few
    queries for the whole file. A month already reported is a correction (revision + 1).
    The audit log gets one record per report, written in one INSERT."""
    today = today or timezone.localdate()
    for entry in entries:
        access.check_write(acting_user, entry.project)
        _check_period(entry.year, entry.month, today)
        if entry.investment is None or entry.investment < 0:
            raise ValidationError({"investment": _("本月完成投资应为不小于0的数字(万元)。")})
    project_ids = {e.project.pk for e in entries}
    existing = {
        (r.project_id, r.year, r.month): r
        for r in MonthlyReport.objects.filter(project_id__in=project_ids).select_related("project")
    }
    by_project: dict[int, dict] = {}
    for report in existing.values():
        by_project.setdefault(report.project_id, {})[(report.year, report.month)] = (
            report.investment
        )
    for entry in entries:
        by_project.setdefault(entry.project.pk, {})[(entry.year, entry.month)] = entry.investment
    now = timezone.now()
    db_now = MonthlyReport._meta.get_field("submitted_at").get_db_prep_save(now, connection)
    user_id = acting_user.pk if acting_user is not None else None
    created, corrected, before = [], [], []
    for entry in entries:
        period = (entry.year, entry.month)
        since_start = sum(v for k, v in by_project[entry.project.pk].items() if k <= period)
        values = {f: getattr(entry, f) for f in REPORT_FIELDS}
        values.update(
            exceeds_total=since_start > entry.project.total_investment,
            status=ReportStatus.SUBMITTED,
            submitted_by=acting_user,
            submitted_at=now,
            reviewed_by=None,
            reviewed_at=None,
            review_note="",
        )
        report = existing.get((entry.project.pk, *period))
        if report is None:
            check_report_values(entry.investment, entry.physical_progress, entry.month)
            created.append(_new_report_row(entry, values["exceeds_total"], user_id, db_now))
            continue
        else:
            before.append(snapshot(report))
            for name, value in values.items():
                setattr(report, name, value)
            report.revision += 1
            report.version += 1
            corrected.append(report)
        report.clean()
    _insert_reports(created)
    MonthlyReport.objects.bulk_update(
        corrected, [*REPORT_FIELDS, *REVIEW_FIELDS, "revision", "version"], batch_size=500
    )
    new_keys = {(row[1], row[2], row[3]) for row in created}
    created = [
        r
        for r in MonthlyReport.objects.filter(project_id__in=project_ids).select_related("project")
        if (r.project_id, r.year, r.month) in new_keys
    ]
    record_events(
        AuditAction.CREATE,
        [(r, None, snapshot(r)) for r in created],
        acting_user=acting_user,
        message=_("导入"),
    )
    record_events(
        AuditAction.UPDATE,
        [(r, old, snapshot(r)) for r, old in zip(corrected, before, strict=True)],
        acting_user=acting_user,
        message=_("导入更正"),
    )
    reports = {(r.project_id, r.year, r.month): r for r in created + corrected}
    for entry in entries:
        if entry.problem:
            raise_problem(
                entry.project,
                acting_user=acting_user,
                description=entry.problem,
                department=entry.problem_department or entry.project.department,
                report=reports[(entry.project.pk, entry.year, entry.month)],
            )
    return {"create": len(created), "correction": len(corrected)}

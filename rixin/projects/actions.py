"""Every write of the project library: validate, one transaction, an audit record."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import (
    StaleEdit,
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
from .validators import normalize_code


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
        actor=acting_user,
        at=at or timezone.now(),
        reason=reason,
    )


@contextmanager
def _unique_code():
    """Two writers saving the same project code at once both pass the model's check; the
    database refuses the second. It is told what is wrong in words, not given a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        if "code" not in str(exc).lower() and "project_unique_code" not in str(exc):
            raise
        raise ValidationError(
            {"code": _("该项目代码已被库中另一个项目使用,请核对项目代码。")}
        ) from exc


@transaction.atomic
def create_project(
    *, acting_user, county, at: datetime.datetime | None = None, **fields: Any
) -> Project:
    """Enter a project in the library. Its first status is recorded as a status change
    (``at`` dates it, for records entered after the fact)."""
    access.check_create(acting_user, county.code, fields.get("department"))
    fields.setdefault("status", ProjectStatus.RESERVE)
    if "code" in fields:
        fields["code"] = normalize_code(fields["code"])
    with _unique_code():
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
    if "department" in changes:
        access.check_change_department(acting_user)
    if changes.get("code") is not None:
        changes = {**changes, "code": normalize_code(changes["code"])}
    with _unique_code():
        return audited_update(
            project, changes, acting_user=acting_user, expected_version=expected_version
        )


@transaction.atomic
def change_status(
    project: Project,
    new_status: str,
    *,
    acting_user,
    reason: str = "",
    at: datetime.datetime | None = None,
) -> Project:
    """Move a project along its lifecycle; 终止 needs a reason. Every change is a row
    (``at`` dates it, for a change recorded after the fact)."""
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
    _record_status(project, old, new_status, acting_user, reason, at=at)
    return project


PLAN_YEARS_AHEAD = 10


def save_annual_plan(project: Project, *, acting_user, year: int, **fields: Any) -> AnnualPlan:
    """Create or replace the project's plan for ``year``: a year from the project's entry
    into the library to ten years ahead."""
    access.check_write(acting_user, project)
    first, last = project.entry_date.year, timezone.localdate().year + PLAN_YEARS_AHEAD
    if not first <= year <= last:
        raise ValidationError(
            {"year": _("年度应在%(a)d到%(b)d之间(自项目入库起)。") % {"a": first, "b": last}}
        )
    existing = AnnualPlan.objects.filter(project=project, year=year).first()
    if existing is None:
        fields.pop("version", None)
        try:
            with transaction.atomic():
                return audited_create(
                    AnnualPlan,
                    acting_user=acting_user,
                    county_id=project.county_id,
                    project=project,
                    year=year,
                    **fields,
                )
        except IntegrityError as exc:  # another writer's plan of the year came first
            raise StaleEdit() from exc
    version = fields.pop("version", None)
    return audited_update(existing, fields, acting_user=acting_user, expected_version=version)


@dataclass
class ReportEntry:
    """One month's report of one project, as a form or a row of a file gives it."""

    project: Project
    year: int
    month: int
    investment: Decimal | None
    physical_progress: Decimal | None = None
    progress_text: str = ""
    problem: str = ""
    problem_department: Any = None
    report: Any = None  # the month's report already in, for a row that only raises a problem


def check_report(entry: ReportEntry, *, acting_user, today: datetime.date) -> None:
    """The rules of a monthly report, for the form, the API and every row of an imported
    file alike: the project's writers report, the values are in range, the month is past."""
    access.check_write(acting_user, entry.project)
    check_report_values(entry.investment, entry.physical_progress, entry.month)
    if (entry.year, entry.month) > (today.year, today.month):
        raise ValidationError(
            {
                "month": _("不能填报未来月份(%(y)d年%(m)d月)的报告。")
                % {"y": entry.year, "m": entry.month}
            }
        )
    entered = entry.project.entry_date
    if (entry.year, entry.month) < (entered.year, entered.month):
        raise ValidationError(
            {
                "month": _("%(y)d年%(m)d月早于项目入库(%(d)s),不能填报该月报告。")
                % {"y": entry.year, "m": entry.month, "d": entered.isoformat()}
            }
        )


@transaction.atomic
def submit_monthly_report(
    project: Project,
    *,
    acting_user,
    year: int,
    month: int,
    investment: Decimal | None,
    physical_progress: Decimal | None = None,
    progress_text: str = "",
    today: datetime.date | None = None,
    at: datetime.datetime | None = None,
    expected_version: int | None = None,
    **extra: Any,
) -> MonthlyReport:
    """Submit the month's report. A second submission for the same month is a correction
    (its revision counts up and it goes back to review). A since-start total above the
    project's total investment is allowed but flagged for the reviewer.

    ``expected_version`` is the version of the month's report the writer saw (0: none
    yet); the form and the API always pass it, and a report that moved on since is
    refused with StaleEdit. None (the demo loader) checks nothing."""
    entry = ReportEntry(project, year, month, investment, physical_progress, progress_text)
    (report,) = _submit_reports(
        [entry],
        acting_user=acting_user,
        today=today,
        at=at,
        extra=extra,
        imported=False,
        expected_version=expected_version,
    )
    return report


def approve_report(
    report: MonthlyReport, *, acting_user, at: datetime.datetime | None = None
) -> MonthlyReport:
    access.check_review(acting_user, report.county_id)
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
    access.check_review(acting_user, report.county_id)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"review_note": _("退回报告须说明原因。")})
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("只能退回待审核的报告。"))
    returned = audited_update(
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
    _announce_returned(returned, reason, acting_user)
    return returned


def _announce_returned(report: MonthlyReport, reason: str, acting_user) -> None:
    """The department that submitted a returned report hears of it through the outbox."""
    from rixin.notices.actions import notify
    from rixin.notices.choices import Event

    project = report.project
    notify(
        Event.REPORT_RETURNED,
        recipients=[u for u in (report.submitted_by,) if u is not None]
        or list(project.department.users.filter(is_active=True)),
        title=_("月报退回:%(project)s %(year)s年%(month)s月")
        % {"project": project.name, "year": report.year, "month": report.month},
        body=reason,
        link=reverse("project_detail", args=[project.pk]),
        county=report.county_id,
        acting_user=acting_user,
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
    access.check_resolve(acting_user, problem)
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


def create_industry(*, acting_user, county, name: str, **fields: Any) -> Industry:
    access.check_administers(acting_user, county.code)
    if Industry.objects.filter(county=county, name=name.strip()).exists():
        raise ValidationError({"name": _("产业“%(n)s”已在列表中。") % {"n": name}})
    return audited_create(
        Industry, acting_user=acting_user, county=county, name=name.strip(), **fields
    )


def update_industry(industry: Industry, changes: dict, *, acting_user) -> Industry:
    access.check_administers(acting_user, industry.county_id)
    return audited_update(industry, changes, acting_user=acting_user)


def save_settings(*, acting_user, county_code: str, **values: Any) -> ProjectSettings:
    access.check_administers(acting_user, county_code)
    current = ProjectSettings.objects.filter(county_id=county_code).first()
    if current is None:
        return audited_create(
            ProjectSettings, acting_user=acting_user, county_id=county_code, **values
        )
    return audited_update(current, values, acting_user=acting_user)


# The one write path of monthly reports, single and bulk ----------------------------------

REPORT_FIELDS = ("investment", "physical_progress", "progress_text")


def _insert_reports(rows: list[dict[str, Any]]) -> None:
    """One executemany for the new reports of a file: building 10,000 model instances would
    take seconds. The columns are the model's concrete fields; a field a row leaves out gets
    the field's own default. ``rows`` map attnames to values already checked (check_report)."""
    fields = [f for f in MonthlyReport._meta.concrete_fields if not f.primary_key]
    defaults = {f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(MonthlyReport._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    params = [
        tuple(
            f.get_db_prep_save(row[f.attname], connection)
            if f.attname in row
            else defaults[f.attname]
            for f in fields
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _columns(**values: Any) -> dict[str, Any]:
    """Field names and values → attnames and values for the INSERT (related rows by key)."""
    row = {}
    for name, value in values.items():
        field = MonthlyReport._meta.get_field(name)
        row[field.attname] = value.pk if field.is_relation and hasattr(value, "pk") else value
    return row


def _submission(entry: ReportEntry, exceeds: bool, acting_user, at) -> dict[str, Any]:
    """What a submission sets on a report: its values, back to review, the reviewer cleared."""
    return {
        **{name: getattr(entry, name) for name in REPORT_FIELDS},
        "exceeds_total": exceeds,
        "status": ReportStatus.SUBMITTED,
        "submitted_by": acting_user,
        "submitted_at": at,
        "reviewed_by": None,
        "reviewed_at": None,
        "review_note": "",
    }


def _since_start(entries: list[ReportEntry], existing: dict) -> list[Decimal]:
    """Each entry's since-start investment through its month, the entries replacing the
    reports they correct."""
    months: dict[int, dict[tuple[int, int], Decimal]] = {}
    for (project_id, year, month), report in existing.items():
        months.setdefault(project_id, {})[(year, month)] = report.investment
    for entry in entries:
        months.setdefault(entry.project.pk, {})[(entry.year, entry.month)] = entry.investment
    return [
        sum(
            (v for k, v in months[e.project.pk].items() if k <= (e.year, e.month)),
            Decimal(0),
        )
        for e in entries
    ]


def _attach_entry_dates(projects: list[Project]) -> None:
    """Each project's entry into the library, for the month check, in one query."""
    missing = {p.pk for p in projects if getattr(p, "entered", None) is None}
    if not missing:
        return
    entered = dict(Project.objects.filter(pk__in=missing).with_entry().values_list("pk", "entered"))
    for project in projects:
        if project.pk in entered:
            project.entered = entered[project.pk]


def _submit_reports(
    entries: list[ReportEntry],
    *,
    acting_user,
    today: datetime.date | None,
    at: datetime.datetime | None,
    extra: dict[str, Any],
    imported: bool,
    expected_version: int | None = None,
) -> list[MonthlyReport]:
    """Check every entry (check_report), then write them in a few queries: new months in one
    INSERT, corrections (revision + 1, back to review) in one UPDATE, one audit record each.
    Returns the reports in the order of ``entries``."""
    today = today or timezone.localdate()
    keys = [(e.project.pk, e.year, e.month) for e in entries]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("同一项目同一月份只能填报一份报告。"))
    _attach_entry_dates([e.project for e in entries])
    for entry in entries:
        check_report(entry, acting_user=acting_user, today=today)
    project_ids = {key[0] for key in keys}
    existing = {
        (r.project_id, r.year, r.month): r
        for r in MonthlyReport.objects.filter(project_id__in=project_ids)
        .select_related("project")
        .select_for_update(of=("self",))
    }
    if expected_version is not None:
        current = existing.get(keys[0])
        if (current.version if current else 0) != expected_version:
            raise StaleEdit()
    now = at or timezone.now()
    new_rows, corrected, before, changed = [], [], [], {"revision", "version"}
    for entry, key, since_start in zip(entries, keys, _since_start(entries, existing), strict=True):
        exceeds = since_start > entry.project.total_investment
        values = {**_submission(entry, exceeds, acting_user, now), **extra}
        report = existing.get(key)
        if report is None:
            new_rows.append(
                _columns(
                    county=entry.project.county_id,
                    project=entry.project,
                    year=entry.year,
                    month=entry.month,
                    **values,
                )
            )
            continue
        before.append(snapshot(report))
        changed.update(values)
        for name, value in values.items():
            setattr(report, name, value)
        report.revision += 1
        report.version += 1
        corrected.append(report)
    try:
        with transaction.atomic():
            _insert_reports(new_rows)
    except IntegrityError as exc:
        # Another writer sent the month's first report in the meantime: a conflict, said
        # as such (the form's and the API's stale-edit answer), never a 500.
        raise StaleEdit() from exc
    MonthlyReport.objects.bulk_update(corrected, sorted(changed), batch_size=500)
    new_keys = {(row["project_id"], row["year"], row["month"]) for row in new_rows}
    created = [
        r
        for r in MonthlyReport.objects.filter(project_id__in=project_ids).select_related("project")
        if (r.project_id, r.year, r.month) in new_keys
    ]
    record_events(
        AuditAction.CREATE,
        [(r, None, snapshot(r)) for r in created],
        acting_user=acting_user,
        message=_("导入") if imported else "",
    )
    for revision in sorted({r.revision for r in corrected}):
        record_events(
            AuditAction.UPDATE,
            [
                (r, old, snapshot(r))
                for r, old in zip(corrected, before, strict=True)
                if r.revision == revision
            ],
            acting_user=acting_user,
            message=(_("导入更正第%(n)d次") if imported else _("更正第%(n)d次")) % {"n": revision},
        )
    reports = {(r.project_id, r.year, r.month): r for r in created + corrected}
    for entry, key in zip(entries, keys, strict=True):
        if entry.problem:
            raise_problem(
                entry.project,
                acting_user=acting_user,
                description=entry.problem,
                department=entry.problem_department or entry.project.department,
                report=reports[key],
            )
    return [reports[key] for key in keys]


@transaction.atomic
def import_monthly_reports(
    entries: list[ReportEntry], *, acting_user, today: datetime.date | None = None
) -> dict[str, int]:
    """The monthly reports of an imported file, through the same path and checks as
    submit_monthly_report. A month already reported is a correction (revision + 1)."""
    reports = _submit_reports(
        entries, acting_user=acting_user, today=today, at=None, extra={}, imported=True
    )
    corrections = sum(report.revision > 0 for report in reports)
    return {"create": len(reports) - corrections, "correction": corrections}

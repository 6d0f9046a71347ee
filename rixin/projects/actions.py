"""Every write of the project library: validate, one transaction, an audit record."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.audit.actions import (
    StaleEdit,
    audited_create,
    audited_update,
    insert_rows,
    record_event,
    record_events,
    record_rows,
    snapshot,
    snapshot_row,
    update_rows,
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
    ReportRules(acting_user, today).check(entry)


class ReportRules:
    """:func:`check_report` for many entries: what depends on the project alone (may the
    actor write it, the month it entered the library) is worked out once per project, so a
    file of 10,000 rows is checked in the time of its 1,000 projects."""

    def __init__(self, acting_user, today: datetime.date):
        self.acting_user = acting_user
        self.today = (today.year, today.month)
        self._projects: dict[int, tuple[bool, datetime.date]] = {}

    def _of(self, project: Project) -> tuple[bool, datetime.date]:
        known = self._projects.get(project.pk)
        if known is None:
            known = (access.may_write(self.acting_user, project), project.entry_date)
            self._projects[project.pk] = known
        return known

    def check(self, entry: ReportEntry) -> None:
        writes, entered = self._of(entry.project)
        if not writes:
            access.check_write(self.acting_user, entry.project)  # raises, with its message
        check_report_values(entry.investment, entry.physical_progress, entry.month)
        if (entry.year, entry.month) > self.today:
            raise ValidationError(
                {
                    "month": _("不能填报未来月份(%(y)d年%(m)d月)的报告。")
                    % {"y": entry.year, "m": entry.month}
                }
            )
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
    created, corrected = _submit_reports(
        [entry],
        acting_user=acting_user,
        today=today,
        at=at,
        extra=extra,
        imported=False,
        expected_version=expected_version,
    )
    if corrected:
        return corrected[0]
    return MonthlyReport.objects.select_related("project").get(pk=created[entry_key(entry)])


def entry_key(entry: ReportEntry) -> tuple[int, int, int]:
    return (entry.project.pk, entry.year, entry.month)


def approve_report(
    report: MonthlyReport,
    *,
    acting_user,
    at: datetime.datetime | None = None,
    expected_version: int | None = None,
) -> MonthlyReport:
    """``expected_version``: the version the reviewer saw (a report corrected since is
    refused with StaleEdit)."""
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
        expected_version=expected_version,
        action=AuditAction.TRANSITION,
    )


def return_report(
    report: MonthlyReport, *, acting_user, reason: str, expected_version: int | None = None
) -> MonthlyReport:
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
        expected_version=expected_version,
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


@transaction.atomic
def raise_problems(items: list[dict[str, Any]], *, acting_user) -> list[Problem]:
    """:func:`raise_problem` for the problems of an imported file: the same checks, one
    INSERT and one audit record each. An item holds project, description, department and
    report (a report or its id)."""
    if not items:
        return []
    today = timezone.localdate()
    allowed: dict[int, bool] = {}
    problems = []
    for item in items:
        project, department = item["project"], item["department"]
        if project.pk not in allowed:
            access.check_write(acting_user, project)
            allowed[project.pk] = True
        if department.county_id != project.county_id:
            raise ValidationError({"department": _("办理部门不属于本县。")})
        report = item.get("report")
        problem = Problem(
            county_id=project.county_id,
            project=project,
            report_id=getattr(report, "pk", report),
            description=item["description"],
            department=department,
            raised_on=item.get("raised_on", today),
        )
        # The related rows are in hand, checked above: no query per row to find them again.
        problem.full_clean(exclude=["county", "project", "report", "department"])
        problems.append(problem)
    last = Problem.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    rows = [
        {f.attname: getattr(p, f.attname) for f in Problem._meta.concrete_fields if f.name != "id"}
        for p in problems
    ]
    insert_rows(Problem, rows)
    # The new rows' ids, in one query: those after the last one, by what each one says.
    ids = {
        (project_id, report_id, text, department_id): pk
        for pk, project_id, report_id, text, department_id in Problem.objects.filter(
            pk__gt=last, project_id__in={p.project_id for p in problems}
        )
        .order_by()
        .values_list("pk", "project_id", "report_id", "description", "department_id")
    }
    for problem in problems:
        problem.pk = ids[
            (problem.project_id, problem.report_id, problem.description, problem.department_id)
        ]
        problem._state.adding = False
    record_events(
        AuditAction.CREATE,
        [(p, None, snapshot(p)) for p in problems],
        acting_user=acting_user,
    )
    return problems


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
    take seconds. A field a row leaves out gets the field's own default (filled into the row
    for its audit snapshot). ``rows`` map attnames to values already checked (check_report)."""
    insert_rows(MonthlyReport, rows)


def _attnames(model) -> dict[str, tuple[str, bool]]:
    return {
        f.name: (f.attname, f.is_relation) for f in model._meta.concrete_fields if f.name != "id"
    }


_REPORT_ATTNAMES = _attnames(MonthlyReport)


def _columns(**values: Any) -> dict[str, Any]:
    """Field names and values → attnames and values for the INSERT (related rows by key)."""
    row = {}
    for name, value in values.items():
        attname, relation = _REPORT_ATTNAMES[name]
        row[attname] = value.pk if relation and hasattr(value, "pk") else value
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
    reports they correct: one running total per project over its months in order."""
    months: dict[int, dict[tuple[int, int], Decimal]] = {}
    for (project_id, year, month), report in existing.items():
        months.setdefault(project_id, {})[(year, month)] = report.investment
    for entry in entries:
        months.setdefault(entry.project.pk, {})[(entry.year, entry.month)] = entry.investment
    through: dict[tuple[int, int, int], Decimal] = {}
    for project_id, values in months.items():
        total = Decimal(0)
        for (year, month), investment in sorted(values.items()):
            total += investment
            through[(project_id, year, month)] = total
    return [through[(e.project.pk, e.year, e.month)] for e in entries]


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
) -> tuple[dict[tuple[int, int, int], int], list[MonthlyReport]]:
    """Check every entry (check_report), then write them in a few queries: new months in one
    executemany, corrections (revision + 1, back to review) in one UPDATE, one audit record
    each, the problems raised in one INSERT. Returns the keys (project, year, month) of the
    new reports with their ids, and the corrected reports."""
    today = today or timezone.localdate()
    keys = [(e.project.pk, e.year, e.month) for e in entries]
    if len(set(keys)) != len(keys):
        raise ValidationError(_("同一项目同一月份只能填报一份报告。"))
    _attach_entry_dates([e.project for e in entries])
    rules = ReportRules(acting_user, today)
    for entry in entries:
        rules.check(entry)
    project_ids = {key[0] for key in keys}
    # The figures of every report of these projects (the since-start totals), locked.
    existing = {
        (r.project_id, r.year, r.month): r
        for r in MonthlyReport.objects.filter(project_id__in=project_ids)
        .select_for_update()
        .order_by()
        .values_list("id", "project_id", "year", "month", "investment", "version", named=True)
    }
    if expected_version is not None:
        current = existing.get(keys[0])
        if (current.version if current else 0) != expected_version:
            raise StaleEdit()
    now = at or timezone.now()
    new_rows, corrections = [], []
    for entry, key, since_start in zip(entries, keys, _since_start(entries, existing), strict=True):
        exceeds = since_start > entry.project.total_investment
        values = {**_submission(entry, exceeds, acting_user, now), **extra}
        if key in existing:
            corrections.append((entry, values))
            continue
        new_rows.append(
            _columns(
                county=entry.project.county_id,
                project=entry.project,
                year=entry.year,
                month=entry.month,
                **values,
            )
        )
    try:
        with transaction.atomic():
            _insert_reports(new_rows)
    except IntegrityError as exc:
        # Another writer sent the month's first report in the meantime: a conflict, said
        # as such (the form's and the API's stale-edit answer), never a 500.
        raise StaleEdit() from exc
    corrected = _correct_reports(corrections, existing, acting_user, imported)
    created = _created_ids(new_rows, project_ids)
    by_key = {(e.project.pk, e.year, e.month): e for e in entries}
    record_rows(
        AuditAction.CREATE,
        [
            (
                _REPORT_LABEL,
                pk,
                f"{by_key[key].project} {key[1]}-{key[2]:02d}",
                row["county_id"],
                None,
                snapshot_row(MonthlyReport, row, pk),
            )
            for row, (key, pk) in zip(new_rows, created.items(), strict=True)
        ],
        acting_user=acting_user,
        message=_("导入") if imported else "",
    )
    reports = {**created, **{(r.project_id, r.year, r.month): r for r in corrected}}
    raise_problems(
        [
            {
                "project": entry.project,
                "description": entry.problem,
                "department": entry.problem_department or entry.project.department,
                "report": reports[key],
            }
            for entry, key in zip(entries, keys, strict=True)
            if entry.problem
        ],
        acting_user=acting_user,
    )
    return created, corrected


_REPORT_LABEL = MonthlyReport._meta.label_lower


def _created_ids(new_rows: list[dict[str, Any]], project_ids) -> dict[tuple[int, int, int], int]:
    """The id of each new report, in the order of ``new_rows``, in one query."""
    if not new_rows:
        return {}
    wanted = [(row["project_id"], row["year"], row["month"]) for row in new_rows]
    found = {
        (project_id, year, month): pk
        for pk, project_id, year, month in MonthlyReport.objects.filter(project_id__in=project_ids)
        .order_by()
        .values_list("id", "project_id", "year", "month")
    }
    return {key: found[key] for key in wanted}


def _correct_reports(
    corrections: list[tuple[ReportEntry, dict[str, Any]]], existing: dict, acting_user, imported
) -> list[MonthlyReport]:
    """The months already reported: revision + 1, back to review, one UPDATE and one audit
    record each (the message counts the correction)."""
    if not corrections:
        return []
    ids = [existing[(e.project.pk, e.year, e.month)].id for e, _values in corrections]
    reports = MonthlyReport.objects.in_bulk(ids)
    corrected, before, changed = [], [], {"revision", "version"}
    for (entry, values), pk in zip(corrections, ids, strict=True):
        report = reports[pk]
        report.project = entry.project
        before.append(snapshot(report))
        changed.update(values)
        for name, value in values.items():
            setattr(report, name, value)
        report.revision += 1
        report.version += 1
        corrected.append(report)
    update_rows(
        MonthlyReport,
        [(r.pk, _columns(**{name: getattr(r, name) for name in changed})) for r in corrected],
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
    return corrected


@transaction.atomic
def import_monthly_reports(
    entries: list[ReportEntry], *, acting_user, today: datetime.date | None = None
) -> dict[str, int]:
    """The monthly reports of an imported file, through the same path and checks as
    submit_monthly_report. A month already reported is a correction (revision + 1)."""
    created, corrected = _submit_reports(
        entries, acting_user=acting_user, today=today, at=None, extra={}, imported=True
    )
    return {"create": len(created), "correction": len(corrected)}

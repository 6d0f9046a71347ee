"""Monthly report import: a department fills the month's template in Excel and uploads it."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.directory.models import Department
from rixin.spreadsheets.imports import (
    Change,
    Column,
    Importer,
    RowInvalid,
    parse_decimal,
    parse_text,
    register,
)

from . import access
from .models import MonthlyReport, Problem, Project, check_report_values
from .validators import normalize_code

# The column of each field the report rules name in their errors.
HEADER_OF = {
    "project": "项目ID",
    "month": "月份",
    "investment": "本月完成投资(万元)",
    "physical_progress": "形象进度(%)",
}


def _f(name: str):
    return MonthlyReport._meta.get_field(name)


def _int(value, header: str, errors: list, low: int | None = None, high: int | None = None):
    try:
        parsed = Decimal(str(value).strip())
        if not parsed.is_finite() or parsed.adjusted() > 18:
            raise ValueError  # "1e999999999" would take the machine's memory as an int
        number = int(parsed)
    except (ArithmeticError, ValueError, TypeError):
        errors.append((header, _("“%(v)s”不是整数") % {"v": value}))
        return None
    if low is not None and high is not None and not low <= number <= high:
        errors.append((header, _("应在%(a)d到%(b)d之间") % {"a": low, "b": high}))
        return None
    return number


def _rule_errors(exc: ValidationError) -> list[tuple[str, str]]:
    """A report rule's ValidationError as (column, message) pairs."""
    if not hasattr(exc, "error_dict"):
        return [("项目ID", message) for message in exc.messages]
    return [
        (HEADER_OF.get(name, "项目ID"), message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]


# Filled in the template from the library, for the officer's eyes; the import does not read them.
PLAN = "年度计划(万元)"
YTD = "本年累计完成(截至上月,万元)"


@register
class MonthlyReportImporter(Importer):
    kind = "project-reports"
    title = gettext_lazy("项目月度报告")
    columns = [
        Column("项目ID", "project"),
        Column("项目代码", "code", required=False),
        Column("项目名称", "name", required=False),
        Column("责任单位", "department", required=False),
        Column("年度", "year"),
        Column("月份", "month"),
        Column(PLAN, "annual_plan", required=False),
        Column(YTD, "year_to_date", required=False),
        Column("本月完成投资(万元)", "investment"),
        Column("形象进度(%)", "physical_progress", required=False),
        Column("形象进度说明", "progress_text", required=False),
        Column("问题与诉求", "problem", required=False),
        Column("问题办理部门", "problem_department", required=False),
    ]

    def allowed(self) -> bool:
        return access.writes_projects(self.user)

    @classmethod
    def header(cls) -> list[str]:
        return [c.header for c in cls.columns]

    # The cells an officer fills; a row that leaves them all blank is not reported (yet).
    VALUE_KEYS = (
        "investment",
        "physical_progress",
        "progress_text",
        "problem",
        "problem_department",
    )

    def parse_row(self, number, values):
        """A row's values, or None for a row left blank. A row's errors travel with it to
        ``plan``, which reports them with those of the library's checks: every error of the
        file in one pass."""
        if all(
            values.get(key) in (None, "") or str(values[key]).strip() == ""
            for key in self.VALUE_KEYS
        ):
            return None
        errors: list[tuple[str, str]] = []
        row = {
            "project": _int(values["project"], "项目ID", errors, 1, 2**31),
            "year": _int(values["year"], "年度", errors, 2000, 2100),
            "month": _int(values["month"], "月份", errors),
        }
        for key, header, parse in [
            ("code", "项目代码", lambda v: normalize_code(parse_text(v, max_length=40))),
            ("name", "项目名称", lambda v: parse_text(v, max_length=200)),
            (
                "investment",
                "本月完成投资(万元)",
                lambda v: parse_decimal(v, unit="万元", field=_f("investment")),
            ),
            (
                "physical_progress",
                "形象进度(%)",
                lambda v: parse_decimal(v, unit="%", field=_f("physical_progress")),
            ),
            ("progress_text", "形象进度说明", lambda v: parse_text(v, max_length=2000)),
            ("problem", "问题与诉求", lambda v: parse_text(v, max_length=2000)),
            ("problem_department", "问题办理部门", lambda v: parse_text(v, max_length=80)),
        ]:
            try:
                row[key] = parse(values[key])
            except ValueError as exc:
                errors.append((header, str(exc)))
        if not errors:
            # The report's own rules, checked here too so the preview lists every bad row.
            try:
                check_report_values(row["investment"], row["physical_progress"], row["month"])
            except ValidationError as exc:
                errors.extend(_rule_errors(exc))
        row["errors"] = errors
        return row

    def plan(self, rows):
        rows = [(number, row) for number, row in rows if row is not None]
        ids = {row["project"] for _n, row in rows if row["project"] is not None}
        projects = {
            p.pk: p
            for p in Project.objects.visible_to(self.user)
            .filter(pk__in=ids, county_id=self.county_code())
            .with_entry()
            .select_related("department")
        }
        departments = {d.name: d for d in Department.objects.filter(county_id=self.county_code())}
        existing = {
            (r.project_id, r.year, r.month): r
            for r in MonthlyReport.objects.filter(project_id__in=list(projects))
        }
        self.raised = set(
            Problem.objects.filter(report__in=existing.values()).values_list(
                "report_id", "description", "department_id"
            )
        )
        from .actions import ReportRules

        rules = ReportRules(self.user, timezone.localdate())
        errors, changes, seen = [], [], {}
        for number, row in rows:
            problems = row["errors"] or self._row_problems(
                row, projects, departments, seen, number, rules
            )
            if problems:
                errors.extend((number, column, message) for column, message in problems)
                continue
            changes.append(
                self._change(number, row, projects[row["project"]], departments, existing)
            )
        if errors:
            raise RowInvalid(errors)
        return changes

    def _row_problems(self, row, projects, departments, seen, number, rules):
        """Every problem of a well-formed row against the library: [(column, message)]."""
        from .actions import ReportEntry

        key = (row["project"], row["year"], row["month"])
        project = projects.get(row["project"])
        if project is None:
            return [("项目ID", _("项目 %(id)s 不在本县项目库中") % {"id": row["project"]})]
        problems = []
        # The ID decides the project; a code or a name beside it must be that project's, so a
        # row shifted by a sorted or pasted column is refused rather than filed elsewhere.
        if row["code"] and row["code"] != project.code:
            problems.append(
                (
                    "项目代码",
                    _("“%(c)s”与项目ID %(id)d 的项目代码“%(p)s”不符")
                    % {"c": row["code"], "id": project.pk, "p": project.code or _("(未填)")},
                )
            )
        if row["name"] and row["name"] != project.name:
            problems.append(
                (
                    "项目名称",
                    _("“%(n)s”与项目ID %(id)d 的项目名称“%(p)s”不符")
                    % {"n": row["name"], "id": project.pk, "p": project.name},
                )
            )
        entry = ReportEntry(
            project, row["year"], row["month"], row["investment"], row["physical_progress"]
        )
        try:
            rules.check(entry)
        except PermissionDenied as exc:
            problems.append(("项目ID", str(exc)))
        except ValidationError as exc:
            problems.extend(_rule_errors(exc))
        if key in seen:
            problems.append(("项目ID", _("与第%(n)d行重复(同一项目同一月份)") % {"n": seen[key]}))
        seen.setdefault(key, number)
        if row["problem_department"] and row["problem_department"] not in departments:
            problems.append(
                ("问题办理部门", _("“%(d)s”不是本县的部门") % {"d": row["problem_department"]})
            )
        if row["problem_department"] and not row["problem"]:
            problems.append(("问题与诉求", _("填写了办理部门,但没有填写问题")))
        if row["problem"] and not row["problem_department"]:
            problems.append(("问题办理部门", _("填写了问题与诉求,请选择办理部门")))
        return problems

    def _change(self, number, row, project, departments, existing):
        from .actions import ReportEntry

        entry = ReportEntry(
            project=project,
            year=row["year"],
            month=row["month"],
            investment=row["investment"],
            physical_progress=row["physical_progress"],
            progress_text=row["progress_text"],
            problem=row["problem"],
            problem_department=departments.get(row["problem_department"]),
        )
        label = f"{project.name} {row['year']}-{row['month']:02d}"
        current = existing.get((project.pk, row["year"], row["month"]))
        if current is None:
            return Change(number, "create", f"{label}: {row['investment']} 万元", entry)
        same = all(
            getattr(current, f) == row[f]
            for f in ("investment", "physical_progress", "progress_text")
        )
        if not same:
            text = f"{label}: {current.investment} → {row['investment']} 万元"
            return Change(number, "correction", text, entry, target=current)
        department = entry.problem_department
        if not row["problem"] or (current.pk, row["problem"], department.pk) in self.raised:
            return Change(number, "unchanged", label, target=current)
        # The same figures with a new problem: the problem is raised, the report stays as it is.
        entry.report = current
        return Change(
            number, "update", _("%(l)s: 新增问题与诉求") % {"l": label}, entry, target=current
        )

    def apply(self, changes):
        from .actions import import_monthly_reports, raise_problems

        entries = [c.payload for c in changes if c.kind in ("create", "correction")]
        if entries:
            import_monthly_reports(entries, acting_user=self.user)
        raise_problems(
            [
                {
                    "project": c.payload.project,
                    "description": c.payload.problem,
                    "department": c.payload.problem_department,
                    "report": c.payload.report,
                }
                for c in changes
                if c.kind == "update"
            ],
            acting_user=self.user,
        )

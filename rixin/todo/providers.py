"""The providers of 我的待办: each a function ``(user, today) -> list[Item]`` that reads one
app's rows through that app's access rules (``Model.objects.visible_to(user)`` and its
``access`` predicates) in one bounded query (at most ``LIMIT`` rows), and says where the work
is done. ``PROVIDERS`` pairs each with the predicate of the users it serves; ``items_for``
runs the ones that apply, in order.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rixin.accounts.roles import Role
from rixin.appeals import access as appeals_access
from rixin.appeals.choices import WITH_DEPARTMENT, AssignmentRole, ExtensionDecision, Status
from rixin.appeals.models import Appeal, Assignment, Extension
from rixin.appeals.workdays import add_working_days, working_days_between
from rixin.approvals import figures as approval_figures
from rixin.approvals.choices import ItemStatus
from rixin.approvals.models import CaseItem
from rixin.innovation.models import Push
from rixin.investment import access as investment_access
from rixin.investment.models import Activity, Agreement
from rixin.projects import access as projects_access
from rixin.projects.choices import (
    Health,
    MilestoneStatus,
    ProblemStatus,
    ProjectStatus,
    ReportStatus,
)
from rixin.projects.models import Milestone, MonthlyReport, Problem, Project, ProjectSettings
from rixin.projects.reporting import REPORTING_STATUSES

LIMIT = 50
MILESTONE_HORIZON = 10  # working days
AGREEMENT_START_MONTHS = 6  # an agreement signed this long ago should have started

# Sections, in the order the page shows them.
S_REPORTS = gettext_lazy("月度填报")
S_APPEALS = gettext_lazy("诉求办理")
S_PROBLEMS = gettext_lazy("项目问题")
S_MILESTONES = gettext_lazy("里程碑节点")
S_REVIEW = gettext_lazy("月报审核")
S_BEHIND = gettext_lazy("连续滞后项目")
S_FOLLOW_UPS = gettext_lazy("招商跟进")
S_AGREEMENTS = gettext_lazy("签约未开工")
S_DESK = gettext_lazy("受理与派单")
S_CHASE = gettext_lazy("超期督办")
S_MARKS = gettext_lazy("待企业评价")
S_EXTENSIONS = gettext_lazy("延期申请")
S_OWN = gettext_lazy("我的诉求")
S_TO_MARK = gettext_lazy("待我评价")
S_APPROVALS = gettext_lazy("并联审批")
S_PATENTS = gettext_lazy("专利推送")


@dataclass
class Item:
    section: str
    title: str
    url: str
    detail: str = ""
    action: str = ""  # what to do: 签收, 答复, 填报 …
    due: datetime.date | None = None
    countdown: str = ""  # 剩余N个工作日 / 已逾期N个工作日
    overdue: bool = False
    report_id: int | None = None  # a report to review: ticked for 批量通过 / 退回
    version: int | None = None  # the version the reviewer sees


def countdown(today: datetime.date, due: datetime.date | None, county: str | None):
    """(text, overdue) in working days, from the county's calendar."""
    if due is None:
        return "", False
    if due >= today:
        n = working_days_between(today, due, county)
        return _("剩余%(n)s个工作日") % {"n": n}, False
    n = working_days_between(due, today, county)
    return _("已逾期%(n)s个工作日") % {"n": n}, True


def _dated(item: Item, today: datetime.date, county: str | None) -> Item:
    item.countdown, item.overdue = countdown(today, item.due, county)
    return item


def last_month(today: datetime.date) -> tuple[int, int]:
    first = today.replace(day=1) - datetime.timedelta(days=1)
    return first.year, first.month


def _months_before(today: datetime.date, months: int) -> datetime.date:
    month = today.month - months
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, min(today.day, 28))


# ---------------------------------------------------------------- predicates


def is_department_officer(user) -> bool:
    return user.role == Role.OFFICER and bool(user.department_id)


def is_investment_officer(user) -> bool:
    return user.role == Role.OFFICER and investment_access.writes_investment(user)


def is_enterprise(user) -> bool:
    return user.is_enterprise_user and bool(user.enterprise_id)


# ---------------------------------------------------------------- department officer


def reports_owed(user, today: datetime.date) -> list[Item]:
    """Last month's report of each project of the department that reports and has none
    (or had it returned)."""
    year, month = last_month(today)
    rules = ProjectSettings.for_county(user.county_code)
    due = rules.report_due_date(year, month)
    accepted = MonthlyReport.objects.filter(project=OuterRef("pk"), year=year, month=month).exclude(
        status=ReportStatus.RETURNED
    )
    projects = (
        Project.objects.visible_to(user)
        .filter(department_id=user.department_id, status__in=REPORTING_STATUSES)
        .filter(~Exists(accepted))
        .order_by("name")[:LIMIT]
    )
    return [
        _dated(
            Item(
                S_REPORTS,
                p.name,
                reverse("project_report_submit", args=[p.pk, year, month]),
                detail=_("%(y)s年%(m)s月月报未报") % {"y": year, "m": month},
                action=_("填报"),
                due=due,
            ),
            today,
            user.county_code,
        )
        for p in projects
    ]


def reports_returned(user, today: datetime.date) -> list[Item]:
    reports = (
        MonthlyReport.objects.visible_to(user)
        .filter(project__department_id=user.department_id, status=ReportStatus.RETURNED)
        .select_related("project")
        .order_by("-year", "-month")[:LIMIT]
    )
    return [
        Item(
            S_REPORTS,
            r.project.name,
            reverse("project_report_submit", args=[r.project_id, r.year, r.month]),
            detail=_("%(p)s 月报被退回:%(why)s") % {"p": r.period, "why": r.review_note},
            action=_("修改重报"),
        )
        for r in reports
    ]


def department_appeals(user, today: datetime.date) -> list[Item]:
    """Dispatches to the department waiting for 签收 or (the lead department's) 答复,
    nearest deadline first."""
    assignments = (
        Assignment.objects.waiting()
        .filter(
            department_id=user.department_id,
            appeal__in=Appeal.objects.visible_to(user),
        )
        .filter(Q(acknowledged_at__isnull=True) | Q(role=AssignmentRole.LEAD))
        .select_related("appeal")
        .order_by("deadline", "pk")[:LIMIT]
    )
    items = []
    for a in assignments:
        action = _("签收") if a.acknowledged_at is None else _("答复")
        items.append(
            _dated(
                Item(
                    S_APPEALS,
                    f"{a.appeal.number} {a.appeal.title}",
                    reverse("appeal_detail", args=[a.appeal_id]),
                    detail=a.get_role_display() + (_("(重办)") if a.is_redo else ""),
                    action=action,
                    due=a.deadline,
                ),
                today,
                user.county_code,
            )
        )
    return items


def problems_routed(user, today: datetime.date) -> list[Item]:
    problems = (
        Problem.objects.visible_to(user)
        .filter(department_id=user.department_id, status=ProblemStatus.OPEN)
        .select_related("project")
        .order_by("raised_on", "pk")[:LIMIT]
    )
    return [
        Item(
            S_PROBLEMS,
            p.project.name,
            reverse("project_detail", args=[p.project_id]),
            detail=p.description[:80],
            action=_("解决"),
        )
        for p in problems
    ]


def milestones_due(user, today: datetime.date) -> list[Item]:
    horizon = add_working_days(today, MILESTONE_HORIZON, user.county_code)
    milestones = (
        Milestone.objects.visible_to(user)
        .filter(
            project__department_id=user.department_id,
            status=MilestoneStatus.SCHEDULED,
            due_date__lte=horizon,
        )
        .select_related("project")
        .order_by("due_date", "pk")[:LIMIT]
    )
    return [
        _dated(
            Item(
                S_MILESTONES,
                f"{m.project.name}:{m.name}",
                reverse("milestone_edit", args=[m.pk]),
                detail=m.get_type_display(),
                action=_("更新节点"),
                due=m.due_date,
            ),
            today,
            user.county_code,
        )
        for m in milestones
    ]


# ---------------------------------------------------------------- 发改局


def reports_to_review(user, today: datetime.date) -> list[Item]:
    reports = (
        MonthlyReport.objects.visible_to(user)
        .filter(county_id=user.county_code, status=ReportStatus.SUBMITTED)
        .select_related("project")
        .order_by("year", "month", "submitted_at")[:LIMIT]
    )
    base = reverse("project_reporting")
    return [
        Item(
            S_REVIEW,
            r.project.name,
            f"{base}?year={r.year}&month={r.month}",
            detail=_("%(p)s 月报待审核") % {"p": r.period},
            action=_("审核"),
            report_id=r.pk,
            version=r.version,
        )
        for r in reports
    ]


def projects_behind(user, today: datetime.date) -> list[Item]:
    """Projects 滞后 in each of the last two months (two ``progress_table`` passes: four
    queries, whatever the number of projects)."""
    rules = ProjectSettings.for_county(user.county_code)
    year, month = last_month(today)
    before = last_month(datetime.date(year, month, 1))
    projects = Project.objects.visible_to(user).filter(
        county_id=user.county_code, status__in=ProjectStatus.STARTED
    )

    def behind(y: int, m: int) -> set[int]:
        table = projects.progress_table(y, m, rules)
        return {p.pk for p, progress in table if progress.health == Health.BEHIND}

    both = behind(year, month) & behind(*before)
    names = projects.filter(pk__in=both).order_by("name").values_list("pk", "name")[:LIMIT]
    return [
        Item(
            S_BEHIND,
            name,
            reverse("project_detail", args=[pk]),
            detail=_("连续两个月滞后"),
            action=_("督促"),
        )
        for pk, name in names
    ]


# ---------------------------------------------------------------- 招商中心


def follow_ups(user, today: datetime.date) -> list[Item]:
    activities = (
        Activity.objects.visible_to(user)
        .open_follow_ups()
        .filter(county_id=user.county_code, next_contact_on__lte=today)
        .select_related("lead")
        .order_by("next_contact_on", "pk")[:LIMIT]
    )
    url = reverse("investment:activity_list")
    return [
        _dated(
            Item(
                S_FOLLOW_UPS,
                a.lead.company_name if a.lead_id else str(a),
                reverse("investment:lead_detail", args=[a.lead_id]) if a.lead_id else url,
                detail=_("今日应联系") if a.next_contact_on == today else _("跟进已逾期"),
                action=_("联系"),
                due=a.next_contact_on,
            ),
            today,
            user.county_code,
        )
        for a in activities
    ]


def agreements_not_started(user, today: datetime.date) -> list[Item]:
    cutoff = _months_before(today, AGREEMENT_START_MONTHS)
    agreements = (
        Agreement.objects.visible_to(user)
        .filter(county_id=user.county_code, signed_on__lte=cutoff)
        .exclude(project__status__in=ProjectStatus.STARTED)
        .order_by("signed_on", "pk")[:LIMIT]
    )
    return [
        Item(
            S_AGREEMENTS,
            a.project_name,
            reverse("investment:agreement_detail", args=[a.pk]),
            detail=_("%(d)s签约,已超过%(n)s个月未开工")
            % {"d": a.signed_on.isoformat(), "n": AGREEMENT_START_MONTHS},
            action=_("推动落地"),
        )
        for a in agreements
    ]


# ---------------------------------------------------------------- 营商环境局 and 工商联


def desk_appeals(user, today: datetime.date) -> list[Item]:
    """Appeals to register (待受理) and to dispatch (已受理, 已退单), oldest first."""
    appeals = (
        Appeal.objects.visible_to(user)
        .filter(
            county_id=user.county_code,
            status__in=[Status.SUBMITTED, Status.REGISTERED, Status.RETURNED],
        )
        .order_by("submitted_at", "pk")[:LIMIT]
    )
    return [
        Item(
            S_DESK,
            f"{a.number} {a.title}",
            reverse("appeal_detail", args=[a.pk]),
            detail=a.get_status_display(),
            action=_("受理") if a.status == Status.SUBMITTED else _("派单"),
        )
        for a in appeals
    ]


def dispatches_to_chase(user, today: datetime.date) -> list[Item]:
    assignments = (
        Assignment.objects.overdue(today)
        .filter(appeal__in=Appeal.objects.visible_to(user).filter(county_id=user.county_code))
        .select_related("appeal", "department")
        .order_by("deadline", "pk")[:LIMIT]
    )
    return [
        _dated(
            Item(
                S_CHASE,
                f"{a.appeal.number} {a.appeal.title}",
                reverse("appeal_detail", args=[a.appeal_id]),
                detail=a.department.name,
                action=_("督办"),
                due=a.deadline,
            ),
            today,
            user.county_code,
        )
        for a in assignments
    ]


def answers_awaiting_mark(user, today: datetime.date) -> list[Item]:
    appeals = (
        Appeal.objects.visible_to(user)
        .filter(county_id=user.county_code, status=Status.ANSWERED, marked_at__isnull=True)
        .order_by("answered_at", "pk")[:LIMIT]
    )
    return [
        Item(
            S_MARKS,
            f"{a.number} {a.title}",
            reverse("appeal_detail", args=[a.pk]),
            detail=_("答复于%(d)s,等待企业评价")
            % {"d": timezone.localdate(a.answered_at).isoformat() if a.answered_at else "—"},
            action=_("跟进评价"),
        )
        for a in appeals
    ]


def extensions_to_decide(user, today: datetime.date) -> list[Item]:
    """Extension requests (延期) waiting for 营商环境局: its officers decide them, 工商联
    follows them; oldest request first."""
    extensions = (
        Extension.objects.filter(
            decision=ExtensionDecision.PENDING,
            appeal__in=Appeal.objects.visible_to(user).filter(county_id=user.county_code),
        )
        .select_related("appeal", "department")
        .order_by("requested_at", "pk")[:LIMIT]
    )
    decides = appeals_access.decides_extensions(user)
    return [
        _dated(
            Item(
                S_EXTENSIONS,
                f"{e.appeal.number} {e.appeal.title}",
                reverse("appeal_detail", args=[e.appeal_id]),
                detail=_("%(d)s申请延长%(n)s个工作日:%(why)s")
                % {"d": e.department.name, "n": e.days, "why": e.reason[:60]},
                action=_("审批延期") if decides else _("查看"),
                due=e.old_deadline,
            ),
            today,
            user.county_code,
        )
        for e in extensions
    ]


# ---------------------------------------------------------------- enterprise


def waits_for(appeal) -> str:
    """What an enterprise's appeal waits for, in its words."""
    if appeal.status == Status.SUBMITTED:
        return _("等待受理")
    if appeal.status in (Status.REGISTERED, Status.RETURNED):
        return _("等待派单")
    if appeal.status in WITH_DEPARTMENT:
        return _("部门办理中")
    if appeal.status == Status.ANSWERED:
        return _("等待您评价答复")
    if appeal.status == Status.UNSATISFIED:
        return _("等待重办")
    return appeal.get_status_display()


def enterprise_appeals(user, today: datetime.date) -> list[Item]:
    """The enterprise's open appeals and what each waits for; the answers to mark first."""
    appeals = (
        Appeal.objects.visible_to(user)
        .exclude(status__in=[Status.CLOSED, Status.MERGED])
        .order_by("-submitted_at", "-pk")[:LIMIT]
    )
    items = []
    for a in appeals:
        to_mark = a.status == Status.ANSWERED and a.marked_at is None
        item = Item(
            S_TO_MARK if to_mark else S_OWN,
            f"{a.number} {a.title}",
            reverse("appeal_detail", args=[a.pk]),
            detail=waits_for(a),
            action=_("评价") if to_mark else _("查看"),
            due=a.deadline if a.status in WITH_DEPARTMENT else None,
        )
        items.append(_dated(item, today, user.county_code) if item.due else item)
    return sorted(items, key=lambda i: i.section != S_TO_MARK)


# ---------------------------------------------------------------- 并联审批 and 产学研


def approval_queue(user, today: datetime.date) -> list[Item]:
    """The department's approval queue: its open items, nearest deadline first (the
    approvals' own ``queue_order``; stopped clocks and items to accept after them)."""
    items = list(
        approval_figures.items_with_clocks(
            CaseItem.objects.visible_to(user)
            .open()
            .filter(department_id=user.department_id)
            .order_by("case__opened_on", "pk")[:LIMIT]
        )
    )
    found = []
    for item in approval_figures.queue_order(items, today):
        if item.accepted_on is None:
            action = _("受理")
        elif item.status == ItemStatus.PAUSED:
            action = _("重新计时")
        else:
            action = _("办结")
        found.append(
            _dated(
                Item(
                    S_APPROVALS,
                    f"{item.case.project.name}:{item.name}",
                    reverse("approval_case", args=[item.case_id]),
                    detail=item.get_status_display(),
                    action=action,
                    due=approval_figures.due_date(item),
                ),
                today,
                user.county_code,
            )
        )
    return found


def patents_pushed(user, today: datetime.date) -> list[Item]:
    """Patents pushed to the enterprise and not yet answered, best match first."""
    pushes = (
        Push.objects.visible_to(user)
        .filter(answered_at__isnull=True)
        .select_related("patent", "patent__university")
        .order_by("-score", "pk")[:LIMIT]
    )
    return [
        Item(
            S_PATENTS,
            f"{p.patent.title}({p.patent.number})",
            reverse("innovation:push_answer", args=[p.pk]),
            detail=p.patent.university.name,
            action=_("答复"),
        )
        for p in pushes
    ]


@dataclass(frozen=True)
class Provider:
    applies: Callable
    items: Callable


PROVIDERS = [
    Provider(is_department_officer, department_appeals),
    Provider(is_department_officer, reports_owed),
    Provider(is_department_officer, reports_returned),
    Provider(is_department_officer, problems_routed),
    Provider(is_department_officer, milestones_due),
    Provider(projects_access.reviews_reports, reports_to_review),
    Provider(projects_access.reviews_reports, projects_behind),
    Provider(is_investment_officer, follow_ups),
    Provider(is_investment_officer, agreements_not_started),
    Provider(appeals_access.is_coordinator, desk_appeals),
    Provider(appeals_access.is_coordinator, dispatches_to_chase),
    Provider(appeals_access.is_coordinator, answers_awaiting_mark),
    Provider(appeals_access.is_coordinator, extensions_to_decide),
    Provider(is_enterprise, enterprise_appeals),
    Provider(is_department_officer, approval_queue),
    Provider(is_enterprise, patents_pushed),
]


def items_for(user, today: datetime.date) -> list[Item]:
    from .access import has_todo

    if not has_todo(user):
        return []
    found: list[Item] = []
    for provider in PROVIDERS:
        if provider.applies(user):
            found.extend(provider.items(user, today))
    return found


def sections(items: list[Item]) -> list[tuple[str, list[Item]]]:
    grouped: dict[str, list[Item]] = {}
    for item in items:
        grouped.setdefault(str(item.section), []).append(item)
    return list(grouped.items())

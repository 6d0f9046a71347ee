"""Every figure of 并联审批, each computed here once: the working-day clock of an item, of a
stage and of a case; what is overdue; each department's timeliness; the bottleneck of a case;
the share handled by 容缺 or 承诺; the case against the national target; and what the cockpit,
the half-year report and OC4IDS take from this module.

A clock counts working days (rixin.appeals.workdays: the county's holidays skipped, make-up
weekends counted) after the day of acceptance up to the day of decision, or up to today while
the item runs. The working days between a 补正 request and the day the clock restarts do not
count. Items read their pauses from their transition rows, so callers prefetch ``transitions``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.appeals.workdays import add_working_days, is_working_day, working_days_between
from rixin.money import percent, plain

from .choices import (
    DECIDED,
    FACILITATED_KINDS,
    NATIONAL_TARGET_DAYS,
    ItemKind,
    ItemStatus,
    Step,
)
from .models import Case, CaseItem, Transition

Pause = tuple[datetime.date, datetime.date | None]


# The clock of one item ---------------------------------------------------------------------


def pauses(item: CaseItem) -> list[Pause]:
    """The 补正 periods of an item: (requested on, restarted on or None while paused)."""
    periods: list[Pause] = []
    for transition in item.transitions.all():
        if transition.step == Step.REQUEST:
            periods.append((transition.on, None))
        elif transition.step == Step.RESUME and periods and periods[-1][1] is None:
            periods[-1] = (periods[-1][0], transition.on)
    return periods


def clock_end(item: CaseItem, today: datetime.date) -> datetime.date:
    return item.decided_on or today


def paused_days(periods: list[Pause], end: datetime.date) -> int:
    total = 0
    for start, stop in periods:
        total += working_days_between(start, min(stop or end, end))
    return total


def working_days_used(item: CaseItem, today: datetime.date) -> int:
    """Working days on the item's clock: accepted → decided (or today), less the pauses."""
    if item.accepted_on is None:
        return 0
    end = clock_end(item, today)
    return working_days_between(item.accepted_on, end) - paused_days(pauses(item), end)


def due_date(item: CaseItem) -> datetime.date | None:
    """The day the limit runs out, pauses so far added; None before acceptance and while the
    clock is stopped."""
    if item.accepted_on is None or item.status == ItemStatus.PAUSED:
        return None
    periods = pauses(item)
    closed = paused_days([p for p in periods if p[1] is not None], datetime.date.max)
    return add_working_days(item.accepted_on, item.time_limit_days + closed)


def is_overdue(item: CaseItem, today: datetime.date) -> bool:
    """Running now (not stopped for 补正, not decided) and past its limit."""
    return item.status == ItemStatus.RUNNING and working_days_used(item, today) > (
        item.time_limit_days
    )


def decided_on_time(item: CaseItem) -> bool:
    return item.status in DECIDED and working_days_used(item, item.decided_on) <= (
        item.time_limit_days
    )


def running_days(item: CaseItem, today: datetime.date) -> set[datetime.date]:
    """The working days on which the item's clock ran."""
    if item.accepted_on is None:
        return set()
    end = clock_end(item, today)
    stopped = [(start, stop or end) for start, stop in pauses(item)]
    days, day = set(), item.accepted_on
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day) and not any(start < day <= stop for start, stop in stopped):
            days.add(day)
    return days


# A stage and a case ------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    start: datetime.date | None
    end: datetime.date | None
    working_days: int
    limit: int

    @property
    def over_limit(self) -> bool:
        return self.working_days > self.limit


def stage_span(case_stage, items: list[CaseItem], today: datetime.date) -> Span:
    """From the first acceptance of the stage to its last decision (or today while open)."""
    accepted = [i.accepted_on for i in items if i.accepted_on]
    start = min(accepted) if accepted else None
    open_items = [i for i in items if not i.is_closed]
    end = None if open_items else max((i.decided_on for i in items if i.decided_on), default=None)
    days = working_days_between(start, end or today) if start else 0
    return Span(start, end, days, case_stage.stage.time_limit_days)


def case_working_days(items: list[CaseItem], today: datetime.date) -> int:
    """Working days on which at least one item of the case was running: parallel items
    count once, the applicant's time (补正, and between stages) not at all."""
    days: set[datetime.date] = set()
    for item in items:
        days |= running_days(item, today)
    return len(days)


def national_target(case: Case) -> int:
    return NATIONAL_TARGET_DAYS[case.project_type]


def bottleneck(items: list[CaseItem], today: datetime.date) -> CaseItem | None:
    """The item furthest into its limit (working days used ÷ limit); ties go to the longer."""
    accepted = [i for i in items if i.accepted_on]
    if not accepted:
        return None
    return max(
        accepted,
        key=lambda i: (
            working_days_used(i, today) / i.time_limit_days,
            working_days_used(i, today),
        ),
    )


def overlapping_stages(case_stages) -> list:
    """The stages that started before the previous one ended (并肩跑)."""
    return [s for s in case_stages if s.started_early]


# Over many items ---------------------------------------------------------------------------


def items_with_clocks(queryset):
    """Items with what their clocks need, in three queries whatever their number."""
    return queryset.select_related(
        "department", "case", "case__project", "case_stage__stage"
    ).prefetch_related(Prefetch("transitions", Transition.objects.order_by("on", "at", "pk")))


def overdue_items(items, today: datetime.date) -> list[CaseItem]:
    return [item for item in items if is_overdue(item, today)]


def facilitated_share(items) -> Decimal | None:
    """Share (%) of accepted items handled by 容缺受理 or 告知承诺制."""
    accepted = [i for i in items if i.accepted_on]
    return percent(sum(1 for i in accepted if i.kind in FACILITATED_KINDS), len(accepted))


@dataclass
class Timeliness:
    department: object
    decided: int = 0
    on_time: int = 0
    days: int = 0
    overdue_now: int = 0

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.decided)

    @property
    def mean_days(self) -> Decimal | None:
        if not self.decided:
            return None
        return (Decimal(self.days) / self.decided).quantize(Decimal("0.1"))


def department_timeliness(items, today: datetime.date) -> list[Timeliness]:
    """Per department: items decided, 按时办结率 and mean working days (decided items),
    and items overdue now; the weakest rate first."""
    rows: dict[int, Timeliness] = {}
    for item in items:
        row = rows.setdefault(item.department_id, Timeliness(item.department))
        if item.status in DECIDED:
            row.decided += 1
            row.on_time += decided_on_time(item)
            row.days += working_days_used(item, today)
        elif is_overdue(item, today):
            row.overdue_now += 1
    return sorted(
        rows.values(),
        key=lambda r: (r.on_time_rate if r.on_time_rate is not None else 101, r.department.name),
    )


def mean_working_days(items, today: datetime.date) -> Decimal | None:
    decided = [i for i in items if i.status in DECIDED]
    if not decided:
        return None
    total = sum(working_days_used(i, today) for i in decided)
    return (Decimal(total) / len(decided)).quantize(Decimal("0.1"))


def queue_order(items, today: datetime.date) -> list[CaseItem]:
    """A department's open items, nearest deadline first; stopped clocks (补正) and items
    not yet accepted after them."""
    far = datetime.date.max

    def key(item):
        due = due_date(item)
        return (due is None, due or far, item.case.opened_on, item.pk)

    return sorted(items, key=key)


# For the cockpit, the half-year report and OC4IDS ------------------------------------------


def _county_items(county_code: str):
    return items_with_clocks(CaseItem.objects.filter(case__county_id=county_code))


def cockpit_card(county_code: str, period_end_date: datetime.date) -> dict:
    """Cases in progress, items overdue and mean working days of the items decided this year
    (up to ``period_end_date``), linked to the board."""
    items = list(_county_items(county_code).filter(case__opened_on__lte=period_end_date))
    as_of = [_as_of(item, period_end_date) for item in items]
    this_year = [
        i
        for i in as_of
        if i.decided_on and i.decided_on.year == period_end_date.year and i.status in DECIDED
    ]
    in_progress = (
        Case.objects.filter(county_id=county_code, opened_on__lte=period_end_date)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=period_end_date))
        .count()
    )
    return {
        "title": _("并联审批"),
        "cases_in_progress": in_progress,
        "items_overdue": len(overdue_items(as_of, period_end_date)),
        "mean_working_days": mean_working_days(this_year, period_end_date),
        "url": reverse("approval_board"),
    }


def _as_of(item: CaseItem, day: datetime.date) -> CaseItem:
    """The item as it stood at the end of ``day`` (its later steps not yet taken)."""
    steps = [t for t in item.transitions.all() if t.on <= day]
    if len(steps) == len(item.transitions.all()):
        return item
    copy = CaseItem(
        pk=item.pk,
        case=item.case,
        department=item.department,
        time_limit_days=item.time_limit_days,
        kind=item.kind,
        status=steps[-1].new_status if steps else ItemStatus.PENDING,
    )
    copy.case_stage_id = item.case_stage_id
    copy.accepted_on = next((t.on for t in steps if t.step == Step.ACCEPT), None)
    closing = [t for t in steps if t.step in (Step.GRANT, Step.REFUSE, Step.WITHDRAW)]
    copy.decided_on = closing[-1].on if closing else None
    # The clock reads ``transitions.all()``; a prefetch cache holding the earlier steps
    # makes it read the item's past.
    copy._prefetched_objects_cache = {"transitions": steps}
    return copy


def report_paragraph(county_code: str, start: datetime.date, end: datetime.date) -> str:
    """The half-year report's paragraph on approvals, in the article's voice; "" (the
    paragraph left out) when no item was in hand in the period."""
    items = [
        _as_of(i, end)
        for i in _county_items(county_code).filter(accepted_on__isnull=False, accepted_on__lte=end)
    ]
    items = [i for i in items if i.accepted_on and (i.decided_on is None or i.decided_on >= start)]
    decided = [i for i in items if i.status in DECIDED and start <= i.decided_on <= end]
    if not items:
        return ""
    on_time = percent(sum(decided_on_time(i) for i in decided), len(decided))
    facilitated = [i for i in items if i.kind in FACILITATED_KINDS]
    side_by_side = (
        Case.objects.filter(
            county_id=county_code,
            stages__started_early=True,
            stages__started_on__range=(start, end),
        )
        .distinct()
        .count()
    )
    text = _("开启并联协同工作模式,受理工程建设项目审批事项%(accepted)d项,办结%(decided)d项") % {
        "accepted": len(items),
        "decided": len(decided),
    }
    if on_time is not None:
        text += _(",按时办结率%(rate)s%%,平均用时%(days)s个工作日") % {
            "rate": plain(on_time, 1),
            "days": plain(mean_working_days(decided, end), 1),
        }
    if facilitated:
        text += _(";容缺受理、告知承诺制办理%(n)d项,占%(share)s%%") % {
            "n": len(facilitated),
            "share": plain(facilitated_share(items), 1),
        }
    if side_by_side:
        text += _(";%(n)d个项目实现施工许可和竣工验收备案“并肩跑”,打破了时序限制与部门边界") % {
            "n": side_by_side
        }
    return text + _("。")


OC4IDS_STATUS = {ItemStatus.GRANTED: "met", ItemStatus.REFUSED: "notMet"}


def oc4ids_milestones(project) -> list[dict]:
    """OC4IDS milestones of type "approval", one per decided item of the project's cases."""
    items = items_with_clocks(
        CaseItem.objects.filter(case__project=project, status__in=DECIDED)
    ).order_by("decided_on", "pk")
    milestones = []
    for item in items:
        due = due_date(item)
        milestone = {
            "id": f"approval-{item.pk}",
            "title": item.name,
            "type": "approval",
            "status": OC4IDS_STATUS[item.status],
            "dateMet": item.decided_on.isoformat(),
            "description": _("%(department)s,文号:%(number)s%(kind)s")
            % {
                "department": item.department.name,
                "number": item.document_number,
                "kind": "" if item.kind == ItemKind.NORMAL else f"({item.get_kind_display()})",
            },
        }
        if due:
            milestone["dueDate"] = due.isoformat()
        milestones.append(milestone)
    return milestones


def timeline(case: Case, case_stages, items: list[CaseItem], today: datetime.date) -> dict:
    """The case page's chart: a bar per stage and per item on a working-day axis counted from
    the day the case opened, so that parallel items and overlapping stages show side by side."""

    def offset(day):
        return working_days_between(case.opened_on, day) if day else None

    rows = []
    by_stage: dict[int, list[CaseItem]] = {}
    for item in items:
        by_stage.setdefault(item.case_stage_id, []).append(item)
    for case_stage in case_stages:
        stage_items = by_stage.get(case_stage.pk, [])
        span = stage_span(case_stage, stage_items, today)
        if span.start:
            rows.append(
                {
                    "label": str(case_stage.stage.name),
                    "kind": "stage",
                    "start": offset(span.start),
                    "end": offset(span.end or today),
                    "late": span.over_limit,
                    "early": case_stage.started_early,
                }
            )
        for item in stage_items:
            if item.accepted_on is None:
                continue
            rows.append(
                {
                    "label": "  " + item.name,
                    "kind": item.status,
                    "start": offset(item.accepted_on),
                    "end": offset(clock_end(item, today)),
                    "late": is_overdue(item, today)
                    or (item.is_decided and not decided_on_time(item)),
                    "pauses": [
                        [offset(start), offset(stop or today)] for start, stop in pauses(item)
                    ],
                }
            )
    return {"rows": rows, "today": offset(today)}


def cockpit_card_for(county_code: str, period) -> dict:
    """The cockpit's approvals card for a ``CockpitPeriod``: as it stood at the period's end
    (``rixin.discovery.cockpit_cards``)."""
    card = cockpit_card(county_code, period.end)
    card["is_illustrative"] = Case.objects.filter(
        county_id=county_code, opened_on__lte=period.end, is_illustrative=True
    ).exists()
    return card

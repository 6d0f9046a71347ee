"""Figures of parks: capacities planned, under way and built (derived from the projects'
declarations), the parks' projects with their health, investment of the year, the county's
board, the cockpit card and the report paragraph.

- ``capacities_of(parks)``: each park's targets with ``built`` and ``under_way`` (one query).
- ``park_projects(park, year, month)``: the park's projects with their ``Progress``.
- ``board(parks, year, month)``: one row per park for the county's board.
- ``cockpit_card(county_code, as_of)`` and ``report_paragraph(county_code, start, end)``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from rixin.funds.figures import short_name
from rixin.money import plain, yi
from rixin.projects.models import MonthlyReport, Progress, Project, ProjectSettings
from rixin.prose import clauses, series

from .models import ZERO, Park, ParkCapacity


def capacities_of(parks) -> dict[int, list[ParkCapacity]]:
    """Park id → its capacity targets with ``built`` and ``under_way``, in one query."""
    result: dict[int, list[ParkCapacity]] = {}
    rows = ParkCapacity.objects.filter(park__in=parks).with_figures().order_by("park", "pk")
    for capacity in rows:
        result.setdefault(capacity.park_id, []).append(capacity)
    return result


def park_projects(park: Park, year: int, month: int) -> list[tuple[Project, Progress]]:
    """The park's projects of the library with their figures (health) for the period."""
    rules = ProjectSettings.for_county(park.county_id)
    projects = (
        Project.objects.filter(park=park, county_id=park.county_id)
        .select_related("owner", "department")
        .order_by("-total_investment", "pk")
    )
    return projects.progress_table(year, month, rules)


@dataclass
class ParkRow:
    """A park on the county's board."""

    park: Park
    capacities: list[ParkCapacity] = field(default_factory=list)
    projects: int = 0
    total_investment: Decimal = ZERO
    completed_this_year: Decimal = ZERO
    health: dict[str, int] = field(default_factory=dict)


def board(parks, year: int, month: int) -> list[ParkRow]:
    """One row per park: capacities, projects, investment of the year and health counts
    (a fixed number of queries, whatever the number of parks and projects)."""
    parks = list(parks.prefetch_related("chain_leaders"))
    capacities = capacities_of(parks)
    rows = {p.pk: ParkRow(p, capacities.get(p.pk, [])) for p in parks}
    if not rows:
        return []
    by_county: dict[str, ProjectSettings] = {}
    projects = Project.objects.filter(park__in=parks).order_by()
    for project in projects.with_progress(year, month):
        rules = by_county.setdefault(
            project.county_id, ProjectSettings.for_county(project.county_id)
        )
        progress = project.progress(month, rules)
        row = rows[project.park_id]
        row.projects += 1
        row.total_investment += project.total_investment
        row.completed_this_year += progress.completed_this_year
        if progress.health:
            row.health[progress.health] = row.health.get(progress.health, 0) + 1
    return list(rows.values())


def _amount(value: Decimal) -> str:
    return plain(value.normalize() if value == value.to_integral() else value)


def _target_text(capacity: ParkCapacity) -> str:
    return f"{capacity.product}{_amount(capacity.amount)}{capacity.unit.split('/')[0]}"


def cockpit_card(county_code: str, as_of: datetime.date) -> dict:
    """The cockpit's parks card: each park with its planned, under-way and built capacity
    and its projects' investment of the year up to ``as_of``."""
    parks = Park.objects.filter(county_id=county_code).prefetch_related("chain_leaders")
    rows = board(parks, as_of.year, as_of.month)
    return {
        "title": _("“3+2”产业园区"),
        "as_of": as_of,
        "parks": len(rows),
        "hundred_billion": sum(1 for r in rows if r.park.is_hundred_billion),
        "projects": sum(r.projects for r in rows),
        "completed_this_year": sum((r.completed_this_year for r in rows), ZERO),
        "items": [
            {
                "label": r.park.name,
                "chain_leaders": [e.name for e in r.park.chain_leaders.all()],
                "capacities": [
                    {
                        "product": c.product,
                        "unit": c.unit,
                        "planned": c.amount,
                        "under_way": c.under_way,
                        "built": c.built,
                        "built_share": c.built_share,
                    }
                    for c in r.capacities
                ],
                "completed_this_year": r.completed_this_year,
            }
            for r in rows
        ],
        "is_illustrative": any(r.park.is_illustrative for r in rows),
    }


def _months(start: datetime.date, end: datetime.date) -> Q:
    begin, finish = start.year * 100 + start.month, end.year * 100 + end.month
    after = Q(year__gt=start.year) | Q(year=start.year, month__gte=start.month)
    before = Q(year__lt=end.year) | Q(year=end.year, month__lte=end.month)
    return after & before if begin <= finish else Q(pk__in=[])


def _park_sentence(park: Park, capacities: list[ParkCapacity]) -> str:
    leaders = series(short_name(e.name) for e in park.chain_leaders.all())
    text = park.name
    if leaders:
        text += _("以%(e)s为链主") % {"e": leaders}
    if capacities:
        text += _(",规划%(t)s产能") % {"t": series(_target_text(c) for c in capacities)}
        built = sum((c.built for c in capacities), ZERO)
        under_way = sum((c.under_way for c in capacities), ZERO)
        unit = capacities[0].unit.split("/")[0]
        if built:
            text += _(",已建成%(b)s%(u)s") % {"b": _amount(built), "u": unit}
        if under_way:
            text += _(",在建%(w)s%(u)s") % {"w": _amount(under_way), "u": unit}
    return text


def report_paragraph(county_code: str, start: datetime.date, end: datetime.date) -> str:
    """The parks in the article's voice, e.g. "全县“3+2”产业园区建设有序推进,造纸产业园以强伟
    纸业为链主,规划石膏板护面纸60万吨……;园区项目1-6月完成投资X亿元。"."""
    parks = list(
        Park.objects.filter(county_id=county_code)
        .exclude(capacities=None)
        .prefetch_related("chain_leaders")
    )
    if not parks:
        return ""
    parks.sort(key=lambda p: not p.is_hundred_billion)  # the "百亿园区" first, as the article
    capacities = capacities_of(parks)
    sentences = [_park_sentence(p, capacities.get(p.pk, [])) for p in parks]
    text = _("全县“3+2”产业园区建设有序推进:") + clauses(sentences)
    hundred = [p.name for p in parks if p.is_hundred_billion]
    if hundred:
        text += _("%(p)s瞄准“百亿园区”目标。") % {"p": series(hundred)}
    invested = MonthlyReport.objects.filter(
        _months(start, end), county_id=county_code, project__park__isnull=False
    ).aggregate(s=Sum("investment"))["s"]
    if invested:
        text += _("园区项目%(a)s-%(b)s月完成投资%(v)s亿元。") % {
            "a": start.month,
            "b": end.month,
            "v": yi(invested),
        }
    return text


def cockpit_card_for(county_code: str, period) -> dict:
    """The cockpit's parks card for a ``CockpitPeriod``: as of the period's end, or today if
    that is earlier (``rixin.discovery.cockpit_cards``)."""
    return cockpit_card(county_code, period.as_of())

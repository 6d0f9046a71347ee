"""The library as an OC4IDS 0.9.5 project package (Open Contracting for Infrastructure
Data Standards): status, type, sector, budget, period, parties, locations, milestones (the
library's own, and one of type "approval" per decided item of the project's 并联审批 cases,
from ``rixin.approvals.figures``) and monthly financial and physical progress as metrics."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.approvals import figures as approval_figures
from rixin.approvals.choices import DECIDED
from rixin.approvals.models import CaseItem
from rixin.money import yuan

from .choices import OC4IDS_MILESTONE_TYPE, OC4IDS_STATUS, ProjectCategory
from .models import MonthlyReport, Project

OC4IDS_VERSION = "0.9"
# Sector (projectSector codelist) by the county's industry name, else by category.
SECTOR_BY_INDUSTRY = {
    "智慧物流": "transport",
    "新能源": "energy",
    "文旅康养": "cultureSportsAndRecreation",
}
SECTOR_BY_CATEGORY = {
    ProjectCategory.INDUSTRIAL: "economy",
    ProjectCategory.INFRASTRUCTURE: "transport",
    ProjectCategory.LIVELIHOOD: "governance",
}
REHABILITATION_WORDS = ("改造", "提质", "升级", "修缮")


def _when(day: datetime.date | None) -> str | None:
    if day is None:
        return None
    return datetime.datetime.combine(
        day, datetime.time(), tzinfo=timezone.get_current_timezone()
    ).isoformat()


def _yuan(wan: Decimal) -> float:
    return float(yuan(wan))


def _parties(project: Project) -> list[dict]:
    department = project.department
    parties = [
        {
            "id": f"department-{department.pk}",
            "name": department.name,
            "roles": ["publicAuthority"],
            "address": {"region": project.county.name, "countryName": "中国"},
        }
    ]
    if project.owner is not None:
        parties.append(
            {
                "id": f"enterprise-{project.owner.pk}",
                "name": project.owner.name,
                "identifier": {"scheme": "CN-SAMR", "id": project.owner.credit_code},
                # OC4IDS 0.9.5 has no private-party role; the codelist is open.
                "roles": ["privateParty"],
            }
        )
    return parties


def _metrics(reports: list[MonthlyReport]) -> list[dict]:
    financial, physical, cumulative = [], [], Decimal(0)
    for report in reports:
        cumulative += report.investment
        period = {
            "startDate": _when(datetime.date(report.year, report.month, 1)),
        }
        ident = f"{report.year}-{report.month:02d}"
        financial.append(
            {
                "id": ident,
                "period": period,
                "value": {"amount": _yuan(cumulative), "currency": "CNY"},
                "notes": f"本月完成投资 {report.investment} 万元",
            }
        )
        if report.physical_progress is not None:
            physical.append(
                {
                    "id": ident,
                    "period": period,
                    "measure": float(report.physical_progress),
                    "unit": {"name": "percent"},
                }
            )
    metrics = []
    if financial:
        metrics.append(
            {"id": "financialProgress", "title": "累计完成投资", "observations": financial}
        )
    if physical:
        metrics.append({"id": "physicalProgress", "title": "形象进度", "observations": physical})
    return metrics


def _approval_milestones(queryset, projects: list[Project]) -> dict[int, list[dict]]:
    """The approval milestones of each project that has a decided item (one query to find
    them, then the approvals module's own for each), with its dates as OC4IDS date-times."""
    deciding = set(
        CaseItem.objects.filter(case__project__in=queryset.values("pk"), status__in=DECIDED)
        .values_list("case__project_id", flat=True)
        .distinct()
        .order_by()
    )
    found = {}
    for project in projects:
        if project.pk in deciding:
            found[project.pk] = [
                {
                    **milestone,
                    **{
                        key: _when(datetime.date.fromisoformat(milestone[key]))
                        for key in ("dueDate", "dateMet")
                        if milestone.get(key)
                    },
                }
                for milestone in approval_figures.oc4ids_milestones(project)
            ]
    return found


def project_record(project: Project, prefix: str, approvals: list[dict] = ()) -> dict:
    sector = SECTOR_BY_INDUSTRY.get(project.industry.name if project.industry else "")
    record = {
        "id": f"{prefix}{project.county_id}-{project.pk}",
        "updated": timezone.now().isoformat(),
        "language": "zh",
        "title": project.name,
        "description": project.construction_content or project.name,
        "status": OC4IDS_STATUS[project.status],
        "type": "rehabilitation"
        if any(w in project.name for w in REHABILITATION_WORDS)
        else "construction",
        "sector": [sector or SECTOR_BY_CATEGORY[project.category]],
        "budget": {"amount": {"amount": _yuan(project.total_investment), "currency": "CNY"}},
        "publicAuthority": {
            "id": f"department-{project.department_id}",
            "name": project.department.name,
        },
        "parties": _parties(project),
        "locations": [
            {
                "id": "1",
                "description": project.address or project.county.name,
                "address": {"region": project.county.name, "countryName": "中国"},
            }
        ],
        "milestones": [
            {
                "id": str(m.pk),
                "title": m.name,
                "type": OC4IDS_MILESTONE_TYPE[m.type],
                "dueDate": _when(m.due_date),
                "status": m.status,
                **({"dateMet": _when(m.met_on)} if m.met_on else {}),
            }
            for m in project.milestones.all()
        ]
        + list(approvals),
        "metrics": _metrics(list(project.reports.all())),
    }
    for key in ("milestones", "metrics"):
        if not record[key]:
            del record[key]  # the schema wants arrays with at least one item
    if project.code:
        record["identifiers"] = [{"id": project.code, "scheme": "CN-TZXM"}]
    if project.planned_start or project.planned_completion:
        record["period"] = {
            k: v
            for k, v in (
                ("startDate", _when(project.planned_start)),
                ("endDate", _when(project.planned_completion)),
            )
            if v
        }
    if project.latitude is not None and project.longitude is not None:
        record["locations"][0]["geometry"] = {
            "type": "Point",
            "coordinates": [float(project.longitude), float(project.latitude)],
        }
    return record


def project_package(queryset, prefix: str | None = None) -> dict:
    """A project package of ``queryset`` (a few queries, whatever its size)."""
    prefix = prefix if prefix is not None else settings.RIXIN_OC4IDS_PREFIX
    found = queryset.select_related("department", "owner", "industry", "county").prefetch_related(
        "milestones", Prefetch("reports", MonthlyReport.objects.order_by("year", "month"))
    )
    projects = list(found)
    approvals = _approval_milestones(queryset, projects)
    return {
        "uri": f"urn:rixin:{prefix}package",
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": "日新 Rixin"},
        "version": OC4IDS_VERSION,
        "projects": [project_record(p, prefix, approvals.get(p.pk, ())) for p in projects],
    }


class EmptyPackage(ValueError):
    """No project is left to publish: OC4IDS wants at least one (minItems 1)."""


@dataclass
class Selection:
    """The projects a package publishes, and a sentence for each group left out."""

    projects: object
    left_out: list[str] = field(default_factory=list)

    def package(self, prefix: str | None = None) -> dict:
        """The package, or EmptyPackage with what was left out and why."""
        if not self.projects.exists():
            reasons = "".join(self.left_out) or _("所选范围内没有项目。")
            raise EmptyPackage(
                _("没有可发布的项目,未生成 OC4IDS 项目包(标准要求至少一个项目)。%(r)s")
                % {"r": reasons}
            )
        return project_package(self.projects, prefix)


def for_publication(queryset, *, include_illustrative: bool = False) -> Selection:
    """What a published package holds: the projects of ``queryset`` except, unless asked,
    the illustrative ones (invented for the demo: publishing them would pass fiction off
    as open data). ``left_out`` says how many were left out and why."""
    if include_illustrative:
        return Selection(queryset)
    left = queryset.filter(is_illustrative=True).count()
    notes = []
    if left:
        notes.append(
            _("%(n)d 个示例项目(演示用的虚构数据)未纳入;如需纳入,请使用 --include-illustrative。")
            % {"n": left}
        )
    return Selection(queryset.filter(is_illustrative=False), notes)

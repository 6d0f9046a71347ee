"""The kinds the search box finds, each a function ``(user, text) -> list[Hit]``: one
bounded query (at most ``LIMIT`` rows) through the kind's ``visible_to``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from rixin.appeals.models import Appeal
from rixin.directory.models import Enterprise
from rixin.investment.models import Lead
from rixin.projects.models import Project

from . import access

LIMIT = 20


@dataclass
class Hit:
    title: str
    url: str
    detail: str = ""


def projects(user, text: str) -> list[Hit]:
    rows = Project.objects.visible_to(user).search(text).order_by("name", "pk")[:LIMIT]
    return [Hit(p.name, reverse("project_detail", args=[p.pk]), p.code) for p in rows]


def enterprises(user, text: str) -> list[Hit]:
    rows = (
        Enterprise.objects.visible_to(user)
        .filter(Q(name__icontains=text) | Q(credit_code__icontains=text.upper()))
        .order_by("name", "pk")[:LIMIT]
    )
    return [Hit(e.name, reverse("enterprise_detail", args=[e.pk]), e.credit_code) for e in rows]


def leads(user, text: str) -> list[Hit]:
    rows = (
        Lead.objects.visible_to(user)
        .filter(
            Q(company_name__icontains=text)
            | Q(project_name__icontains=text)
            | Q(credit_code__icontains=text.upper())
        )
        .order_by("company_name", "pk")[:LIMIT]
    )
    return [
        Hit(lead.company_name, reverse("investment:lead_detail", args=[lead.pk]), lead.project_name)
        for lead in rows
    ]


def appeals(user, text: str) -> list[Hit]:
    rows = (
        Appeal.objects.visible_to(user)
        .filter(Q(title__icontains=text) | Q(number__icontains=text))
        .order_by("-submitted_at", "-pk")[:LIMIT]
    )
    return [
        Hit(f"{a.number} {a.title}", reverse("appeal_detail", args=[a.pk]), a.get_status_display())
        for a in rows
    ]


@dataclass(frozen=True)
class Kind:
    label: str
    applies: Callable
    find: Callable


KINDS = [
    Kind(_("项目"), access.searches_projects, projects),
    Kind(_("企业"), access.searches_enterprises, enterprises),
    Kind(_("招商线索"), access.searches_leads, leads),
    Kind(_("诉求"), access.searches_appeals, appeals),
]


def search(user, text: str) -> list[tuple[str, list[Hit]]]:
    """(kind, hits) for each kind the user may read; empty text finds nothing."""
    text = (text or "").strip()[:100]
    if not text:
        return []
    return [(str(k.label), k.find(user, text)) for k in KINDS if k.applies(user)]

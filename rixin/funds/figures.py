"""The funds' figures — allocated, disbursed, balance and disbursement rate — per programme,
enterprise and project; the report paragraph and the cockpit card. One formula each, here."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from rixin.money import WAN_PER_YI, percent, plain, yi
from rixin.prose import clauses, series

from .choices import FundSource
from .models import MONEY, ZERO, Allocation, Disbursement, Programme

OUT = models.DecimalField(**MONEY)


@dataclass(frozen=True)
class FundFigures:
    allocated: Decimal
    disbursed: Decimal

    @property
    def balance(self) -> Decimal:
        """Allocated but not yet paid."""
        return self.allocated - self.disbursed

    @property
    def rate(self) -> Decimal | None:
        """Disbursement rate: disbursed ÷ allocated × 100."""
        return percent(self.disbursed, self.allocated)


def _disbursed_of_allocation():
    paid = (
        Disbursement.objects.filter(allocation=OuterRef("pk"))
        .order_by()
        .values("allocation")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return Coalesce(Subquery(paid, output_field=OUT), ZERO, output_field=OUT)


def allocations_with_figures(queryset=None):
    """Allocations annotated with ``disbursed_total`` (one query)."""
    queryset = Allocation.objects.all() if queryset is None else queryset
    return queryset.annotate(disbursed_total=_disbursed_of_allocation())


def programmes_with_figures(queryset=None):
    """Programmes annotated with ``allocated_total`` and ``disbursed_total`` (one query)."""
    queryset = Programme.objects.all() if queryset is None else queryset
    allocated = (
        Allocation.objects.filter(programme=OuterRef("pk"))
        .order_by()
        .values("programme")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    paid = (
        Disbursement.objects.filter(allocation__programme=OuterRef("pk"))
        .order_by()
        .values("allocation__programme")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return queryset.annotate(
        allocated_total=Coalesce(Subquery(allocated, output_field=OUT), ZERO, output_field=OUT),
        disbursed_total=Coalesce(Subquery(paid, output_field=OUT), ZERO, output_field=OUT),
    )


def of(obj) -> FundFigures:
    """Figures of an annotated programme or allocation."""
    allocated = getattr(obj, "allocated_total", None)
    if allocated is None:
        allocated = obj.amount
    return FundFigures(allocated, obj.disbursed_total)


def totals(allocations, paid_through: datetime.date | None = None) -> FundFigures:
    """Figures of a set of allocations (an enterprise's, a project's, a county's year);
    with ``paid_through``, only what was paid by that day."""
    allocated = allocations.aggregate(s=Coalesce(Sum("amount"), ZERO, output_field=OUT))["s"]
    paid = Disbursement.objects.filter(allocation__in=allocations.values("pk"))
    if paid_through is not None:
        paid = paid.filter(paid_on__lte=paid_through)
    disbursed = paid.aggregate(s=Coalesce(Sum("amount"), ZERO, output_field=OUT))["s"]
    return FundFigures(allocated, disbursed)


def enterprise_figures(enterprise, allocations=None) -> FundFigures:
    allocations = Allocation.objects.all() if allocations is None else allocations
    return totals(allocations.filter(enterprise=enterprise))


def project_figures(project, allocations=None) -> FundFigures:
    allocations = Allocation.objects.all() if allocations is None else allocations
    return totals(allocations.filter(project=project))


_PREFIXES = ("山西省", "山西", "晋中市", "寿阳县")
_SUFFIXES = re.compile(r"(集团)?(股份有限公司|有限责任公司|有限公司)$")


def short_name(name: str) -> str:
    """ "山西强伟纸业有限公司" → "强伟纸业": how the article names an enterprise."""
    for prefix in _PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix) :]
            break
    return _SUFFIXES.sub("", name) or name


def amount_text(wan: Decimal) -> str:
    """4844 → "4844万元"; 10000 → "1亿元"."""
    if wan >= WAN_PER_YI:
        return _("%(v)s亿元") % {"v": yi(wan)}
    return _("%(v)s万元") % {"v": plain(wan)}


def _allocated_by(through: datetime.date | None):
    """Allocations made by ``through``; one without a date counts for its programme's year."""
    allocations = Allocation.objects.all()
    if through is None:
        return allocations
    return allocations.filter(Q(allocated_on__isnull=True) | Q(allocated_on__lte=through))


def report_items(
    county_code: str, year: int, through: datetime.date | None = None
) -> tuple[list[str], list[str]]:
    """(fiscal items, special-bond items) in the article's words: the year's programmes, and
    the allocations made by ``through`` (the report period's end) where they are itemised."""
    programmes = Programme.objects.filter(county_id=county_code, year=year).order_by("pk")
    fiscal, bonds = [], []
    itemised = (
        _allocated_by(through)
        .filter(programme__in=programmes, programme__itemised=True)
        .exclude(enterprise=None)
        .values("programme_id", "enterprise__name")
        .annotate(s=Sum("amount"))
        .order_by("programme_id", "-s")
    )
    by_programme: dict[int, list] = {}
    for row in itemised:
        by_programme.setdefault(row["programme_id"], []).append(row)
    projects = dict(
        _allocated_by(through)
        .filter(programme__in=programmes, programme__source=FundSource.SPECIAL_BOND)
        .exclude(project=None)
        .values_list("programme_id", "project__name")
    )
    for programme in programmes:
        if programme.source == FundSource.SPECIAL_BOND:
            text = _("%(name)s%(amount)s") % {
                "name": programme.name,
                "amount": amount_text(programme.amount),
            }
            if programme.pk in projects:
                text += _(",用于%(p)s") % {"p": projects[programme.pk]}
            bonds.append(text)
        elif programme.itemised:
            for row in by_programme.get(programme.pk, []):
                fiscal.append(
                    _("%(e)s项目资金%(amount)s")
                    % {"e": short_name(row["enterprise__name"]), "amount": amount_text(row["s"])}
                )
        else:
            fiscal.append(f"{programme.name}{amount_text(programme.amount)}")
    return fiscal, bonds


def report_paragraph(county_code: str, year: int, through: datetime.date | None = None) -> str:
    """E.g. "2024年安排固体废物回收资金4844万元、强伟纸业项目资金2000万元、奥泰项目资金600万元……";
    with ``through`` (a report period's end), what was allocated and paid by that day."""
    fiscal, bonds = report_items(county_code, year, through)
    if not fiscal and not bonds:
        return ""
    parts = []
    if fiscal:
        parts.append(
            _("县财政局统筹各类财政资金,%(year)d年安排%(items)s")
            % {"year": year, "items": series(fiscal)}
        )
    if bonds:
        parts.append(_("争取%(items)s") % {"items": series(bonds)})
    text = clauses(parts)
    figures = totals(
        _allocated_by(through).filter(county_id=county_code, programme__year=year), through
    )
    if figures.disbursed:
        text += _("已拨付%(d)s,拨付率%(r)s%%。") % {
            "d": amount_text(figures.disbursed),
            "r": plain(figures.rate, 1),
        }
    return text


def cockpit_card(county_code: str, year: int) -> dict:
    """The cockpit's funds card: the year's totals and the largest allocations."""
    programmes = list(
        programmes_with_figures(Programme.objects.filter(county_id=county_code, year=year))
    )
    allocations = Allocation.objects.filter(county_id=county_code, programme__year=year)
    figures = totals(allocations)
    top = allocations_with_figures(allocations.select_related("enterprise", "project")).order_by(
        "-amount"
    )[:5]
    return {
        "title": _("财政扶持资金"),
        "year": year,
        "programmes": len(programmes),
        "amount": sum((p.amount for p in programmes), ZERO),
        "allocated": figures.allocated,
        "disbursed": figures.disbursed,
        "balance": figures.balance,
        "rate": figures.rate,
        "items": [
            {"label": a.recipient, "amount": a.amount, "disbursed": a.disbursed_total} for a in top
        ],
        "is_illustrative": any(p.is_illustrative for p in programmes),
    }


def cockpit_card_for(county_code: str, period) -> dict:
    """The cockpit's funds card for a ``CockpitPeriod``: the programmes of the period's year
    (``rixin.discovery.cockpit_cards``)."""
    return cockpit_card(county_code, period.year)

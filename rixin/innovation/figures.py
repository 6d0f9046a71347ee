"""Innovation figures: high-tech enterprises, patent transfer, intelligent mines against the
county's targets; the report paragraph and the cockpit card."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rixin.directory.models import University
from rixin.money import percent, plain, yi
from rixin.projects.models import end_of_day
from rixin.prose import clauses, series

from .choices import IN_TALKS, TRANSFERRED, FaceStatus, MineStatus
from .models import (
    CooperationAgreement,
    HighTechCertificate,
    JointLab,
    Mine,
    Patent,
    Push,
    SmartMineTarget,
    TransferCase,
    WorkingFace,
)

REMINDER_DAYS = 90


@dataclass(frozen=True)
class HighTech:
    enterprises: int
    patents: int
    invention_patents: int
    utility_patents: int
    revenue: Decimal  # 万元, over three years


def valid_certificates(county_code: str, day: datetime.date):
    return HighTechCertificate.objects.filter(
        county_id=county_code, certified_on__lte=day, expires_on__gt=day
    )


def high_tech(county_code: str, day: datetime.date) -> HighTech:
    """The county's high-tech enterprises on ``day`` (each counted once, latest certificate)."""
    latest = {}
    for c in valid_certificates(county_code, day).order_by("certified_on"):
        latest[c.enterprise_id] = c
    certs = list(latest.values())
    return HighTech(
        enterprises=len(certs),
        patents=sum(c.patents for c in certs),
        invention_patents=sum(c.invention_patents for c in certs),
        utility_patents=sum(c.utility_patents for c in certs),
        revenue=sum((c.revenue_three_years for c in certs), Decimal(0)),
    )


def recertification_due(queryset, day: datetime.date, days: int = REMINDER_DAYS):
    """Certificates whose three years end within ``days`` of ``day`` (or have ended) and that
    no later certificate of the same enterprise replaces."""
    due = queryset.due_by(day + datetime.timedelta(days=days)).select_related("enterprise")
    renewed = set(
        queryset.filter(expires_on__gt=day + datetime.timedelta(days=days)).values_list(
            "enterprise_id", flat=True
        )
    )
    return [c for c in due if c.enterprise_id not in renewed]


@dataclass(frozen=True)
class TransferFigures:
    listed: int
    pushed: int
    answered: int
    in_talks: int
    transferred: int

    @property
    def answer_rate(self) -> Decimal | None:
        return percent(self.answered, self.pushed)


def transfer_figures(patents, pushes, cases, answered_before=None) -> TransferFigures:
    """``answered_before``: count only the answers given before that moment."""
    counts = cases.aggregate(
        talks=Count("pk", filter=Q(stage__in=IN_TALKS)),
        done=Count("pk", filter=Q(stage__in=TRANSFERRED)),
    )
    answered = ~Q(answer="")
    if answered_before is not None:
        answered &= Q(answered_at__lt=answered_before)
    push_counts = pushes.aggregate(n=Count("pk"), answered=Count("pk", filter=answered))
    return TransferFigures(
        listed=patents.count(),
        pushed=push_counts["n"],
        answered=push_counts["answered"],
        in_talks=counts["talks"],
        transferred=counts["done"],
    )


def county_transfer(county_code: str, day: datetime.date | None = None) -> TransferFigures:
    """The county's patent transfer; with ``day``, the patents listed, the pushes sent and
    answered by that day (the cases' stages are today's: the report does not state them)."""
    patents = Patent.objects.filter(county_id=county_code)
    pushes = Push.objects.filter(county_id=county_code)
    if day is None:
        return transfer_figures(patents, pushes, TransferCase.objects.filter(county_id=county_code))
    before = end_of_day(day)
    return transfer_figures(
        patents.filter(listed_on__lte=day),
        pushes.filter(pushed_at__lt=before),
        TransferCase.objects.filter(county_id=county_code, opened_at__lt=before),
        answered_before=before,
    )


def answers_by_enterprise(pushes) -> list[dict]:
    """Per enterprise: pushed, answered and the answer rate (one query)."""
    rows = (
        pushes.values("enterprise_id", "enterprise__name")
        .annotate(pushed=Count("pk"), answered=Count("pk", filter=~Q(answer="")))
        .order_by("enterprise__name")
    )
    return [{**row, "rate": percent(row["answered"], row["pushed"])} for row in rows]


@dataclass(frozen=True)
class SmartMines:
    mines: int
    intelligent_mines: int
    faces_built: int
    faces_under_way: int
    target_mines: int | None
    target_faces: int | None

    @property
    def mines_rate(self) -> Decimal | None:
        return percent(self.intelligent_mines, self.target_mines)

    @property
    def faces_rate(self) -> Decimal | None:
        return percent(self.faces_built, self.target_faces)


def smart_mines(county_code: str, year: int) -> SmartMines:
    mines = Mine.objects.filter(county_id=county_code).aggregate(
        n=Count("pk"), smart=Count("pk", filter=Q(status=MineStatus.INTELLIGENT))
    )
    faces = WorkingFace.objects.filter(county_id=county_code).aggregate(
        built=Count("pk", filter=Q(status=FaceStatus.BUILT)),
        under_way=Count("pk", filter=Q(status=FaceStatus.UNDER_WAY)),
    )
    target = SmartMineTarget.objects.filter(county_id=county_code, year=year).first()
    return SmartMines(
        mines=mines["n"],
        intelligent_mines=mines["smart"],
        faces_built=faces["built"],
        faces_under_way=faces["under_way"],
        target_mines=target.intelligent_mines if target else None,
        target_faces=target.intelligent_faces if target else None,
    )


def cooperation(county_code: str, day: datetime.date | None = None) -> dict:
    """The county's universities, agreements and joint labs; with ``day``, those signed or
    established by that day (one without a date counts as always there)."""
    signed = established = Q()
    if day is not None:
        signed = Q(signed_on__isnull=True) | Q(signed_on__lte=day)
        established = Q(established_on__isnull=True) | Q(established_on__lte=day)
    agreements = CooperationAgreement.objects.filter(signed, county_id=county_code)
    labs = JointLab.objects.filter(established, county_id=county_code)
    universities = University.objects.filter(
        Q(cooperation_agreements__in=agreements) | Q(joint_labs__in=labs)
    ).distinct()
    return {
        "universities": universities.count(),
        "agreements": agreements.count(),
        "labs": labs.count(),
        "lab_fields": list(labs.order_by("is_illustrative", "pk").values_list("field", flat=True)),
        "university_names": [
            short or name
            for short, name in universities.order_by("is_illustrative", "pk").values_list(
                "short_name", "name"
            )[:3]
        ],
    }


def report_paragraph(county_code: str, year: int, day: datetime.date | None = None) -> str:
    """招才引智 and 科技创新 in the article's voice, as of ``day`` (a report period's end; the
    year's end by default): the universities and labs by then, the high-tech certificates
    valid then, the patents pushed and answered by then. The mines' status has no history:
    it is today's."""
    day = min(day or datetime.date(year, 12, 31), timezone.localdate())
    coop = cooperation(county_code, day)
    tech = high_tech(county_code, day)
    mines = smart_mines(county_code, year)
    transfer = county_transfer(county_code, day)
    parts = []
    if coop["universities"]:
        names = series(coop["university_names"])
        parts.append(
            _("与%(names)s等%(n)d所高校开展合作") % {"names": names, "n": coop["universities"]}
        )
    if coop["labs"]:
        fields = series(coop["lab_fields"][:2])
        parts.append(_("建成%(f)s等%(n)d个校企联合实验室") % {"f": fields, "n": coop["labs"]})
    if tech.enterprises:
        parts.append(
            _(
                "培育高新技术企业%(n)d家,拥有发明专利和实用新型专利%(p)d项,近三年高新技术产业收入%(r)s亿元"
            )
            % {"n": tech.enterprises, "p": tech.patents, "r": yi(tech.revenue)}
        )
    if transfer.listed:
        parts.append(
            _("向企业推送高校待转化专利%(n)d项次,企业答复率%(r)s%%")
            % {"n": transfer.pushed, "r": plain(transfer.answer_rate or 0, 1)}
        )
    if mines.intelligent_mines or mines.faces_built:
        parts.append(
            _("建成智能化煤矿%(m)d座、智能化采掘工作面%(f)d个,在建%(u)d个")
            % {"m": mines.intelligent_mines, "f": mines.faces_built, "u": mines.faces_under_way}
        )
    return clauses(parts) if parts else ""


def cockpit_card(county_code: str, year: int) -> dict:
    day = min(datetime.date(year, 12, 31), timezone.localdate())
    tech = high_tech(county_code, day)
    mines = smart_mines(county_code, year)
    transfer = county_transfer(county_code)
    coop = cooperation(county_code)
    return {
        "title": _("科技创新"),
        "year": year,
        "universities": coop["universities"],
        "labs": coop["labs"],
        "high_tech_enterprises": tech.enterprises,
        "patents": tech.patents,
        "high_tech_revenue": tech.revenue,
        "listed": transfer.listed,
        "pushed": transfer.pushed,
        "answer_rate": transfer.answer_rate,
        "transferred": transfer.transferred,
        "intelligent_mines": mines.intelligent_mines,
        "faces_built": mines.faces_built,
        "faces_under_way": mines.faces_under_way,
        "target_mines": mines.target_mines,
        "target_faces": mines.target_faces,
        "recertification_due": len(
            recertification_due(HighTechCertificate.objects.filter(county_id=county_code), day)
        ),
    }


def cockpit_card_for(county_code: str, period) -> dict:
    """The cockpit's innovation card for a ``CockpitPeriod``: the period's year
    (``rixin.discovery.cockpit_cards``)."""
    card = cockpit_card(county_code, period.year)
    flags = [  # one query each, whatever the data
        model.objects.filter(county_id=county_code, is_illustrative=True).exists()
        for model in (CooperationAgreement, HighTechCertificate, Mine)
    ]
    card["is_illustrative"] = any(flags)
    return card

"""招商引资 API: leads, activities, events, agreements, teams and KPIs.

Leads and activities answer only the investment-promotion centre, county leaders and the county
administrator (officers of other departments get 404, other roles 403); the rest answers every
reader of county data.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, ModelSchema, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from rixin.directory.api import CREDIT_CODE, text
from rixin.money import yi

from . import actions, kpis
from .access import check_api, reviews_leads, writes_investment
from .choices import AgreementKind, LeadSource
from .models import Activity, Agreement, Lead, SigningEvent, Team

router = Router(tags=["investment 招商引资"])


def _choice(choices) -> Any:
    """The values of a choices class, as the schema's enum."""
    return Literal[tuple(choices.values)]


def _decimal_schema(digits: int, positive: bool):
    """The amount's rule in the document, as pydantic checks it: a JSON number that is a
    multiple of 0.01 within the column's digits, or the same as a decimal string."""
    whole = digits - 2
    largest = float("9" * whole + ".99")
    if positive:
        pattern = rf"^\+?0*(?:[1-9]\d{{0,{whole - 1}}}(?:\.\d{{0,2}}0*)?|\.(?:[1-9]\d?|0[1-9])0*)$"
    else:
        pattern = rf"^\+?0*(?:\d{{1,{whole}}}(?:\.\d{{0,2}}0*)?|\.\d{{1,2}}0*)$"
    number = {"type": "number", "maximum": largest, "multipleOf": 0.01}
    number.update({"minimum": 0.01} if positive else {"minimum": 0})

    def declare(schema: dict) -> None:
        for kind in schema.get("anyOf", []):
            if kind.get("type") == "number":
                kind.clear()
                kind.update(number)
            elif kind.get("type") == "string":
                kind["pattern"] = pattern

    return declare


def _amount(default: Any = ..., *, digits: int, positive: bool = False) -> Any:
    """A decimal field with the model column's digits (2 decimals), above 0 or at least 0."""
    return Field(
        default,
        max_digits=digits,
        decimal_places=2,
        **({"gt": 0} if positive else {"ge": 0}),
        json_schema_extra=_decimal_schema(digits, positive),
    )


# What a JSON schema cannot say, answered with 422 like any invalid input.
LEAD_RULES_BEYOND_THE_SCHEMA = {
    "description": "输入无效 Invalid input; ``detail`` names the field. Also for a "
    "``credit_code`` of the right form whose check digit (GB 32100) is wrong: a rule a JSON "
    "schema cannot state.",
    "x-refuses-schema-valid-input": True,
}
AGREEMENT_RULES_BEYOND_THE_SCHEMA = {
    "description": "输入无效 Invalid input; ``detail`` names the field. Also for a "
    "``signed_on`` after today, no company name left once blanks are dropped, or the same "
    "companies, project and date as an agreement already recorded: rules a JSON schema "
    "cannot state.",
    "x-refuses-schema-valid-input": True,
}


class LeadOut(ModelSchema):
    county: str = Field(..., alias="county_id")
    team: int | None = Field(None, alias="team_id")

    class Meta:
        model = Lead
        fields = [
            "id",
            "source",
            "company_name",
            "credit_code",
            "origin_city",
            "origin_province",
            "project_name",
            "industry",
            "intended_investment",
            "land_mu",
            "building_sqm",
            "expected_annual_tax",
            "intended_site",
            "stage",
            "stage_since",
            "review_opinion",
            "review_note",
            "reviewed_at",
            "termination_reason",
            "is_illustrative",
            "version",
        ]


class LeadIn(Schema):
    source: _choice(LeadSource)
    company_name: str = text(max_length=120, required=True)
    credit_code: str = Field("", pattern=f"^(?: *{CREDIT_CODE} *)?$")
    origin_city: str = text(max_length=40, required=True)
    origin_province: str = text("", max_length=40)
    project_name: str = text("", max_length=120)
    industry: str = text(max_length=40, required=True)
    intended_investment: Decimal = _amount(digits=14, positive=True)
    land_mu: Decimal | None = _amount(None, digits=10)
    building_sqm: Decimal | None = _amount(None, digits=12)
    expected_annual_tax: Decimal | None = _amount(None, digits=12)
    intended_site: str = text("", max_length=120)
    team: int | None = None


class MoveIn(Schema):
    stage: str
    reason: str = ""
    lost_reason: str = ""  # for 终止: a reason of the county's list (its name or id)


class ReviewIn(Schema):
    opinion: str
    note: str = ""


class ActivityOut(ModelSchema):
    lead: int | None = Field(None, alias="lead_id")
    team: int | None = Field(None, alias="team_id")

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "start_date",
            "end_date",
            "cities",
            "participants",
            "companies_met",
            "outcome",
            "next_contact_on",
            "next_contact_done",
            "is_illustrative",
        ]


class ActivityIn(Schema):
    kind: str
    lead: int | None = None
    team: int | None = None
    start_date: date
    end_date: date | None = None
    cities: str = ""
    participants: str = ""
    companies_met: str = ""
    outcome: str = ""
    next_contact_on: date | None = None


class EventOut(ModelSchema):
    county: str = Field(..., alias="county_id")

    class Meta:
        model = SigningEvent
        fields = ["id", "name", "date", "place", "is_illustrative"]


class EventIn(Schema):
    name: str
    date: date
    place: str = ""


class AgreementOut(ModelSchema):
    county: str = Field(..., alias="county_id")
    event: int | None = Field(None, alias="event_id")
    team: int | None = Field(None, alias="team_id")
    project: int | None = Field(None, alias="project_id")
    companies: list[str] = Field(..., alias="company_names")

    class Meta:
        model = Agreement
        fields = [
            "id",
            "project_name",
            "kind",
            "amount",
            "signed_on",
            "industry",
            "origin_city",
            "is_illustrative",
        ]


class AgreementIn(Schema):
    companies: list[Annotated[str, text(max_length=120)]] = Field(..., min_length=1)
    project_name: str = text(max_length=120, required=True)
    kind: _choice(AgreementKind)
    amount: Decimal = _amount(digits=14, positive=True)
    signed_on: date
    event: int | None = None
    lead: int | None = None
    team: int | None = None
    industry: str = text("", max_length=40)
    origin_city: str = text("", max_length=40)


class TeamOut(ModelSchema):
    county: str = Field(..., alias="county_id")

    class Meta:
        model = Team
        fields = ["id", "name", "industry_focus", "leader_title", "is_illustrative"]


class ProgressOut(Schema):
    team: str | None
    signed_amount_wan: Decimal
    signed_amount_yi: str
    target_wan: Decimal | None
    signing_rate: Decimal | None
    signed_count: int
    year_count: int
    started_count: int
    start_rate: Decimal | None
    start_rate_by_amount: Decimal | None
    target_start_rate: Decimal | None
    start_rate_completion: Decimal | None


class FunnelOut(Schema):
    stage: str
    reached: int
    conversion: Decimal | None


class KpiOut(Schema):
    county: str
    year: int
    period: str
    county_progress: ProgressOut
    teams: list[ProgressOut]
    funnel: list[FunnelOut]
    weighted_pipeline_wan: Decimal
    by_origin_city: dict[str, Decimal]
    by_industry: dict[str, Decimal]


class KpiQuery(Schema):
    county: str = ""
    year: int | None = None
    period: str = ""


def _writer(request) -> None:
    if not writes_investment(request.auth):
        raise PermissionDenied


def _lead_writer(request) -> None:
    check_api(request.auth, writes_investment)


def _own(model, request, pk: int | None):
    """A row of the user's county referenced by a write (another county's: 404)."""
    if pk is None:
        return None
    return get_object_or_404(model.objects.filter(county_id=request.auth.county_code), pk=pk)


def _reader(request) -> None:
    if not request.auth.reads_county_data:
        raise PermissionDenied


@router.get("/leads", response=list[LeadOut])
@paginate
def list_leads(request, stage: str = ""):
    check_api(request.auth)
    leads = Lead.objects.visible_to(request.auth)
    return leads.filter(stage=stage) if stage else leads


@router.get("/leads/{int:pk}", response=LeadOut)
def get_lead(request, pk: int):
    check_api(request.auth)
    return get_object_or_404(Lead.objects.visible_to(request.auth), pk=pk)


@router.post(
    "/leads",
    response={201: LeadOut},
    openapi_extra={"responses": {"422": LEAD_RULES_BEYOND_THE_SCHEMA}},
)
def create_lead(request, payload: LeadIn):
    _lead_writer(request)
    fields = payload.dict()
    fields["team"] = _own(Team, request, fields.pop("team"))
    user = request.auth
    return Status(201, actions.create_lead(acting_user=user, county=user.division, **fields))


@router.post("/leads/{int:pk}/move", response=LeadOut)
def move_lead(request, pk: int, payload: MoveIn):
    _lead_writer(request)
    lead = get_object_or_404(Lead.objects.visible_to(request.auth), pk=pk)
    return actions.move_lead(
        lead,
        payload.stage,
        acting_user=request.auth,
        reason=payload.reason,
        lost_reason=payload.lost_reason or None,
    )


@router.post("/leads/{int:pk}/review", response=LeadOut)
def review_lead(request, pk: int, payload: ReviewIn):
    check_api(request.auth, reviews_leads)
    lead = get_object_or_404(Lead.objects.visible_to(request.auth), pk=pk)
    return actions.record_review(
        lead, acting_user=request.auth, opinion=payload.opinion, note=payload.note
    )


@router.get("/activities", response=list[ActivityOut])
@paginate
def list_activities(request, due: bool = False):
    check_api(request.auth)
    activities = Activity.objects.visible_to(request.auth)
    if due:
        activities = activities.open_follow_ups().filter(next_contact_on__lte=timezone.localdate())
    return activities


@router.post("/activities", response={201: ActivityOut})
def create_activity(request, payload: ActivityIn):
    _lead_writer(request)
    fields = payload.dict()
    fields["lead"] = _own(Lead, request, fields.pop("lead"))
    fields["team"] = _own(Team, request, fields.pop("team"))
    user = request.auth
    return Status(201, actions.record_activity(acting_user=user, county=user.division, **fields))


@router.get("/events", response=list[EventOut])
def list_events(request):
    _reader(request)
    return SigningEvent.objects.visible_to(request.auth)


@router.post("/events", response={201: EventOut})
def create_event(request, payload: EventIn):
    _writer(request)
    user = request.auth
    return Status(
        201, actions.create_event(acting_user=user, county=user.division, **payload.dict())
    )


@router.get("/agreements", response=list[AgreementOut])
@paginate
def list_agreements(request, year: int | None = Query(None, ge=1, le=9999)):
    _reader(request)
    agreements = Agreement.objects.visible_to(request.auth).prefetch_related("parties")
    return agreements.filter(signed_on__year=year) if year else agreements


@router.get("/agreements/{int:pk}", response=AgreementOut)
def get_agreement(request, pk: int):
    _reader(request)
    return get_object_or_404(
        Agreement.objects.visible_to(request.auth).prefetch_related("parties"), pk=pk
    )


@router.post(
    "/agreements",
    response={201: AgreementOut},
    openapi_extra={"responses": {"422": AGREEMENT_RULES_BEYOND_THE_SCHEMA}},
)
def create_agreement(request, payload: AgreementIn):
    _writer(request)
    fields = payload.dict()
    companies = fields.pop("companies")
    for name, model in (("event", SigningEvent), ("lead", Lead), ("team", Team)):
        fields[name] = _own(model, request, fields.pop(name))
    user = request.auth
    return Status(
        201,
        actions.record_agreement(
            acting_user=user, county=user.division, companies=companies, **fields
        ),
    )


@router.post("/agreements/{int:pk}/handoff", response={201: AgreementOut})
def handoff_agreement(request, pk: int):
    _writer(request)
    agreement = get_object_or_404(Agreement.objects.visible_to(request.auth), pk=pk)
    actions.hand_over(agreement, acting_user=request.auth)
    return Status(201, Agreement.objects.prefetch_related("parties").get(pk=pk))


@router.get("/teams", response=list[TeamOut])
def list_teams(request):
    _reader(request)
    return Team.objects.visible_to(request.auth)


def _progress_out(figures: kpis.Progress) -> dict:
    target = figures.target
    return {
        "team": figures.team.name if figures.team else None,
        "signed_amount_wan": figures.signed_amount,
        "signed_amount_yi": yi(figures.signed_amount),
        "target_wan": target.signing_amount if target else None,
        "signing_rate": figures.signing_rate,
        "signed_count": figures.signed_count,
        "year_count": figures.year_count,
        "started_count": figures.started_count,
        "start_rate": figures.start_rate,
        "start_rate_by_amount": figures.start_rate_by_amount,
        "target_start_rate": target.start_rate if target else None,
        "start_rate_completion": figures.start_rate_completion,
    }


@router.get("/kpis", response=KpiOut)
def get_kpis(request, query: Query[KpiQuery]):
    _reader(request)
    period = kpis.period_for(request.auth, query.county, query.year, query.period)
    county = period.county
    total, teams = kpis.progress(period)
    return {
        "county": county,
        "year": period.year,
        "period": period.period,
        "county_progress": _progress_out(total),
        "teams": [_progress_out(t) for t in teams],
        "funnel": [
            {"stage": s.stage, "reached": s.reached, "conversion": s.conversion}
            for s in kpis.funnel(county)
        ],
        "weighted_pipeline_wan": kpis.weighted_pipeline(county).weighted_total,
        "by_origin_city": dict(kpis.signed_by(period, "origin_city")),
        "by_industry": dict(kpis.signed_by(period, "industry")),
    }

"""The appeals JSON API (beside Open311): appeals, their transitions, marks and scorecards."""

import datetime
from decimal import Decimal
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import AfterValidator, Field

from rixin.directory.models import Department, Enterprise

from . import scorecards, steps
from .access import (
    acts_on_appeals,
    opens_appeals,
    reads_appeals,
    reads_own_county_scorecards,
    registers_for_county,
    shows_internal_notes_to,
    visible_transitions,
)
from .models import Appeal, Category
from .validation import MAX_ID, TEXT_LIMITS, no_nul

router = Router(tags=["appeals 营商环境"])

# A row id: refused (422, naming the field) outside the database's signed 64-bit keys.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _text(name: str):
    """A text with the limit every path shares (``TEXT_LIMITS``), never holding NUL."""
    return Annotated[str, AfterValidator(no_nul), Field(max_length=TEXT_LIMITS[name])]


Code = Annotated[str, AfterValidator(no_nul), Field(max_length=20)]


class AppealOut(Schema):
    id: int
    number: str
    kind: str
    channel: str
    category: str
    requester: str
    title: str
    content: str
    status: str
    lead_department: str | None
    deadline: datetime.date | None
    answer_solution: str
    answer_post: str
    answered_at: datetime.datetime | None
    satisfaction: str
    resolution: str
    reopen_count: int
    is_escalated: bool
    is_illustrative: bool


class TransitionOut(Schema):
    step: str
    old_status: str
    new_status: str
    department: str | None
    at: datetime.datetime
    note: str
    internal_note: str


class AppealIn(Schema):
    category: Id
    title: _text("title")
    content: _text("content")
    address: _text("address") = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    # The desk only:
    kind: Code = "appeal"
    channel: Code = "federation"
    enterprise: Id | None = None
    complainant_name: _text("complainant_name") = ""
    complainant_phone: _text("complainant_phone") = ""
    complained_department: Id | None = None


class StepIn(Schema):
    step: Code
    note: _text("note") = ""
    lead: Id | None = None
    co: list[Id] = []
    solution: _text("answer_solution") = ""
    post: _text("answer_post") = ""
    done_on: datetime.date | None = None
    satisfaction: Code = ""
    resolution: Code = ""
    comment: _text("mark_comment") = ""
    master: Id | None = None
    is_public: bool = False
    deadline_days: int | None = None
    called_by: _text("answer_post") = ""
    called_at: datetime.datetime | None = None


class ScorecardOut(Schema):
    department: str
    rank: int | None
    dispatched: int
    response_rate: float | None
    on_time_rate: float | None
    resolution_rate: float | None
    satisfaction_rate: float | None
    mean_days_to_acknowledge: float | None
    mean_days_to_answer: float | None
    reopen_rate: float | None
    extensions: int
    callbacks: int
    score: float | None


class AppealFilter(Schema):
    status: Code = ""
    kind: Code = ""


def _allow(request, predicate):
    if not predicate(request.auth):
        raise PermissionDenied


def _out(appeal: Appeal, user) -> dict:
    return {
        **{
            f: getattr(appeal, f)
            for f in AppealOut.model_fields
            if hasattr(appeal, f) and f not in ("category", "lead_department", "requester")
        },
        "category": appeal.category.name,
        "lead_department": appeal.lead_department.name if appeal.lead_department_id else None,
        "requester": appeal.requester_for(user),
    }


@router.get("/appeals", response=list[AppealOut])
@paginate
def list_appeals(request, filters: Query[AppealFilter]):
    _allow(request, reads_appeals)
    queryset = Appeal.objects.visible_to(request.auth).select_related(
        "enterprise", "category", "lead_department"
    )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    return [_out(a, request.auth) for a in queryset]


@router.get("/appeals/{int:pk}", response=AppealOut)
def get_appeal(request, pk: int):
    _allow(request, reads_appeals)
    appeal = get_object_or_404(Appeal.objects.visible_to(request.auth), pk=pk)
    return _out(appeal, request.auth)


@router.get("/appeals/{int:pk}/transitions", response=list[TransitionOut])
def list_appeal_transitions(request, pk: int):
    _allow(request, reads_appeals)
    appeal = get_object_or_404(Appeal.objects.visible_to(request.auth), pk=pk)
    rows = visible_transitions(request.auth, appeal.transitions.select_related("department"))
    return [
        {
            "step": t.step,
            "old_status": t.old_status,
            "new_status": t.new_status,
            "department": t.department.name if t.department_id else None,
            "at": t.at,
            "note": t.note,
            "internal_note": t.internal_note if shows_internal_notes_to(request.auth) else "",
        }
        for t in rows
    ]


@router.post("/appeals", response={201: AppealOut})
def create_appeal(request, payload: AppealIn):
    user = request.auth
    _allow(request, opens_appeals)
    category = get_object_or_404(Category, pk=payload.category, county_id=user.county_code)
    data = {
        "category": category,
        "title": payload.title,
        "content": payload.content,
        "address": payload.address,
        "latitude": payload.latitude,
        "longitude": payload.longitude,
    }
    if registers_for_county(user):
        data |= {
            "kind": payload.kind,
            "channel": payload.channel,
            "enterprise": Enterprise.objects.filter(pk=payload.enterprise).first()
            if payload.enterprise
            else None,
            "complainant_name": payload.complainant_name,
            "complainant_phone": payload.complainant_phone,
            "complained_department": Department.objects.filter(
                pk=payload.complained_department
            ).first()
            if payload.complained_department
            else None,
        }
    appeal = steps.open_appeal(user, data)
    return Status(201, _out(appeal, user))


@router.post("/appeals/{int:pk}/transitions", response={201: AppealOut})
def create_appeal_transition(request, pk: int, payload: StepIn):
    """One step of the loop: accept, dispatch, acknowledge, progress, answer, return, mark,
    reopen, conclude, merge, escalate, publish (the same rules as the appeal page)."""
    _allow(request, acts_on_appeals)
    appeal = get_object_or_404(Appeal.objects.visible_to(request.auth), pk=pk)
    if payload.step not in steps.STEPS:
        raise ValidationError({"step": f"unknown step {payload.step}"})
    steps.take_step(appeal, payload.step, payload.dict(), acting_user=request.auth)
    appeal.refresh_from_db()
    return Status(201, _out(appeal, request.auth))


@router.get("/scorecards", response=list[ScorecardOut])
def get_scorecards(request, start: datetime.date | None = None, end: datetime.date | None = None):
    user = request.auth
    _allow(request, reads_own_county_scorecards)
    end = end or timezone.localdate()
    start = start or end.replace(month=1, day=1)
    cards = scorecards.county_scorecards(user.county_code, start, end)
    return [
        {
            "department": c.department.name,
            "rank": c.rank,
            "dispatched": c.dispatched,
            "extensions": c.extensions,
            "callbacks": c.callbacks,
            "score": c.score,
            **{
                k: getattr(c, k)
                for k in (
                    "response_rate",
                    "on_time_rate",
                    "resolution_rate",
                    "satisfaction_rate",
                    "mean_days_to_acknowledge",
                    "mean_days_to_answer",
                    "reopen_rate",
                )
            },
        }
        for c in cards
    ]

"""The appeals JSON API (beside Open311): appeals, their transitions, marks and scorecards."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from rixin.directory.models import Department, Enterprise

from . import actions, scorecards
from .models import Appeal, Category
from .views import STEP_HANDLERS, acts_on_appeals, opens_appeals, reads_appeals

router = Router(tags=["appeals 营商环境"])


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


class AppealIn(Schema):
    category: int
    title: str
    content: str
    address: str = ""
    # The desk only:
    kind: str = "appeal"
    channel: str = "federation"
    enterprise: int | None = None
    complainant_name: str = ""
    complainant_phone: str = ""
    complained_department: int | None = None


class StepIn(Schema):
    step: str
    note: str = ""
    lead: int | None = None
    co: list[int] = []
    solution: str = ""
    post: str = ""
    done_on: datetime.date | None = None
    satisfaction: str = ""
    resolution: str = ""
    comment: str = ""
    master: int | None = None
    is_public: bool = False


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
    score: float | None


class AppealFilter(Schema):
    status: str = ""
    kind: str = ""


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
    rows = appeal.transitions.select_related("department")
    if request.auth.is_enterprise_user:
        rows = rows.filter(for_enterprise=True)
    return [
        {
            "step": t.step,
            "old_status": t.old_status,
            "new_status": t.new_status,
            "department": t.department.name if t.department_id else None,
            "at": t.at,
            "note": t.note,
        }
        for t in rows
    ]


@router.post("/appeals", response={201: AppealOut})
def create_appeal(request, payload: AppealIn):
    user = request.auth
    _allow(request, opens_appeals)
    category = get_object_or_404(Category, pk=payload.category, county_id=user.county_code)
    texts = {"title": payload.title, "content": payload.content, "address": payload.address}
    if user.is_enterprise_user:
        appeal = actions.submit_appeal(acting_user=user, category=category, **texts)
    else:
        appeal = actions.register_appeal(
            acting_user=user,
            county=user.division,
            kind=payload.kind,
            channel=payload.channel,
            category=category,
            enterprise=Enterprise.objects.filter(pk=payload.enterprise).first()
            if payload.enterprise
            else None,
            complainant_name=payload.complainant_name,
            complainant_phone=payload.complainant_phone,
            complained_department=Department.objects.filter(
                pk=payload.complained_department
            ).first()
            if payload.complained_department
            else None,
            **texts,
        )
    return Status(201, _out(appeal, user))


class _PostedRequest:
    """Lets the page's step handlers read an API payload as if it were a form post."""

    def __init__(self, user, payload: StepIn):
        data = payload.dict()
        self.user = user
        self.POST = _Data({k: v for k, v in data.items() if v not in (None, "", [], False)})


class _Data(dict):
    def getlist(self, key, default=None):
        value = self.get(key, default)
        return value if isinstance(value, list) else ([] if value is None else [value])


@router.post("/appeals/{int:pk}/transitions", response={201: AppealOut})
def create_appeal_transition(request, pk: int, payload: StepIn):
    """One step of the loop: accept, dispatch, acknowledge, progress, answer, return, mark,
    reopen, conclude, merge, escalate, publish (the same rules as the appeal page)."""
    _allow(request, acts_on_appeals)
    handler = STEP_HANDLERS.get(payload.step)
    appeal = get_object_or_404(Appeal.objects.visible_to(request.auth), pk=pk)
    if handler is None:
        raise ValidationError({"step": f"unknown step {payload.step}"})
    handler(_PostedRequest(request.auth, payload), appeal)
    appeal.refresh_from_db()
    return Status(201, _out(appeal, request.auth))


@router.get("/scorecards", response=list[ScorecardOut])
def get_scorecards(request, start: datetime.date | None = None, end: datetime.date | None = None):
    user = request.auth
    if not user.reads_county_data or not user.county_code:
        raise PermissionDenied
    end = end or timezone.localdate()
    start = start or end.replace(month=1, day=1)
    cards = scorecards.county_appeal_figures(user.county_code, start, end)["scorecards"]
    return [
        {
            "department": c.department.name,
            "rank": c.rank,
            "dispatched": c.dispatched,
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

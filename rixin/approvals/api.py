"""/api/v1/approvals/: the catalogue, cases with their items and transitions, a department's
queue; opening a case and each item step go through the same actions as the pages."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema
from ninja.responses import Status

from rixin.accounts.access import get_visible_or_404
from rixin.accounts.access import reads_county_data as _reads_county_data

from . import access, actions, figures
from .models import Case, CaseItem, Stage

router = Router(tags=["approvals 并联审批"])


class CatalogueItemOut(Schema):
    code: str
    name: str
    department: str
    time_limit_days: int
    kind: str
    materials: list[str]
    joint_acceptance: bool


class StageOut(Schema):
    id: int
    county: str
    order: int
    name: str
    lead_department: str
    time_limit_days: int
    may_overlap: bool
    items: list[CatalogueItemOut]


class ItemOut(Schema):
    id: int
    stage: str
    name: str
    department: str
    kind: str
    status: str
    accepted_on: datetime.date | None
    decided_on: datetime.date | None
    due_date: datetime.date | None
    working_days: int
    time_limit_days: int
    overdue: bool
    document_number: str


class CaseOut(Schema):
    id: int
    county: str
    project_code: str
    project: str
    project_type: str
    status: str
    opened_on: datetime.date
    closed_on: datetime.date | None
    working_days: int
    national_target_days: int
    bottleneck: str | None
    is_illustrative: bool


class CaseDetailOut(CaseOut):
    items: list[ItemOut]


class TransitionOut(Schema):
    step: str
    item: str | None
    old_status: str
    new_status: str
    on: datetime.date
    department: str | None
    note: str


class CaseIn(Schema):
    project_code: str
    project_type: str = "social"
    opened_on: datetime.date


class StepIn(Schema):
    step: str
    on: datetime.date
    kind: str = ""
    missing_materials: str = ""
    supply_by: datetime.date | None = None
    document_number: str = ""
    note: str = ""


def _check(predicate, request) -> None:
    if not predicate(request.user):
        raise PermissionDenied


def _item_out(item: CaseItem, today) -> dict:
    return {
        "id": item.pk,
        "stage": item.case_stage.stage.name,
        "name": item.name,
        "department": item.department.name,
        "kind": item.kind,
        "status": item.status,
        "accepted_on": item.accepted_on,
        "decided_on": item.decided_on,
        "due_date": figures.due_date(item),
        "working_days": figures.working_days_used(item, today),
        "time_limit_days": item.time_limit_days,
        "overdue": figures.is_overdue(item, today),
        "document_number": item.document_number,
    }


def _case_out(case: Case, items: list[CaseItem], today, with_items: bool = False) -> dict:
    bottleneck = figures.bottleneck(items, today)
    out = {
        "id": case.pk,
        "county": case.county_id,
        "project_code": case.project.code,
        "project": case.project.name,
        "project_type": case.project_type,
        "status": case.status,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "working_days": figures.case_working_days(items, today),
        "national_target_days": figures.national_target(case),
        "bottleneck": bottleneck.name if bottleneck else None,
        "is_illustrative": case.is_illustrative,
    }
    if with_items:
        out["items"] = [_item_out(i, today) for i in items]
    return out


@router.get("/catalogue", response=list[StageOut])
def list_catalogue(request):
    _check(_reads_county_data, request)
    stages = Stage.objects.visible_to(request.user).select_related("lead_department")
    return [
        {
            "id": s.pk,
            "county": s.county_id,
            "order": s.order,
            "name": s.name,
            "lead_department": s.lead_department.name,
            "time_limit_days": s.time_limit_days,
            "may_overlap": s.may_overlap,
            "items": [
                {
                    "code": i.code,
                    "name": i.name,
                    "department": i.department.name,
                    "time_limit_days": i.time_limit_days,
                    "kind": i.kind,
                    "materials": i.material_list,
                    "joint_acceptance": i.joint_acceptance,
                }
                for i in s.items.all()
            ],
        }
        for s in stages.prefetch_related("items__department")
    ]


@router.get("/cases", response=list[CaseOut])
def list_cases(request):
    _check(access.reads_approvals, request)
    today = timezone.localdate()
    cases = list(Case.objects.visible_to(request.user).select_related("project"))
    items = figures.items_with_clocks(CaseItem.objects.filter(case__in=cases))
    by_case: dict[int, list] = {}
    for item in items:
        by_case.setdefault(item.case_id, []).append(item)
    return [_case_out(c, by_case.get(c.pk, []), today) for c in cases]


@router.get("/cases/{int:pk}", response=CaseDetailOut)
def get_case(request, pk: int):
    _check(access.reads_approvals, request)
    case = get_visible_or_404(Case.objects.select_related("project"), request.user, pk=pk)
    items = list(figures.items_with_clocks(case.items.all()))
    return _case_out(case, items, timezone.localdate(), with_items=True)


@router.get("/cases/{int:pk}/transitions", response=list[TransitionOut])
def list_case_transitions(request, pk: int):
    _check(access.reads_approvals, request)
    case = get_visible_or_404(Case, request.user, pk=pk)
    return [
        {
            "step": t.step,
            "item": t.item.name if t.item_id else None,
            "old_status": t.old_status,
            "new_status": t.new_status,
            "on": t.on,
            "department": t.department.name if t.department_id else None,
            "note": t.note,
        }
        for t in case.transitions.select_related("item", "department")
    ]


@router.post("/cases", response={201: CaseOut})
def create_case(request, payload: CaseIn):
    _check(access.is_desk, request)
    case = actions.open_case(
        acting_user=request.user,
        county=request.user.division,
        project_code=payload.project_code,
        project_type=payload.project_type,
        opened_on=payload.opened_on,
    )
    items = list(figures.items_with_clocks(case.items.all()))
    return Status(201, _case_out(case, items, timezone.localdate()))


@router.get("/queue", response=list[ItemOut])
def list_queue(request):
    _check(access.is_county_officer, request)
    today = timezone.localdate()
    items = figures.items_with_clocks(
        CaseItem.objects.open().filter(department_id=request.user.department_id)
    )
    return [_item_out(i, today) for i in figures.queue_order(list(items), today)]


@router.post("/items/{int:pk}/steps", response={201: ItemOut})
def create_item_step(request, pk: int, payload: StepIn):
    _check(access.acts_on_items, request)
    item = get_visible_or_404(CaseItem, request.user, pk=pk)
    item = actions.take_step(item, payload.step, payload.dict(), acting_user=request.user)
    item = figures.items_with_clocks(CaseItem.objects.filter(pk=item.pk)).get()
    return Status(201, _item_out(item, timezone.localdate()))

"""Fiscal support funds API: programmes with their figures, allocations, disbursements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, Router, Schema
from ninja.responses import Status

from rixin.directory.models import Enterprise
from rixin.projects.models import Project

from . import actions, figures
from .access import enters_funds, reads_funds
from .models import Allocation, Disbursement, Programme

router = Router(tags=["funds 财政扶持资金"])


class ProgrammeOut(ModelSchema):
    county: str = Field(..., alias="county_id")
    department: int = Field(..., alias="department_id")
    allocated: Decimal = Field(..., alias="allocated_total")
    disbursed: Decimal = Field(..., alias="disbursed_total")

    class Meta:
        model = Programme
        fields = ["id", "name", "source", "year", "amount", "itemised", "is_illustrative"]


class AllocationOut(ModelSchema):
    programme: int = Field(..., alias="programme_id")
    enterprise: int | None = Field(None, alias="enterprise_id")
    project: int | None = Field(None, alias="project_id")
    disbursed: Decimal = Field(..., alias="disbursed_total")

    class Meta:
        model = Allocation
        fields = [
            "id",
            "amount",
            "document_number",
            "conditions",
            "allocated_on",
            "is_illustrative",
        ]


class AllocationIn(Schema):
    programme: int
    enterprise: int | None = None
    project: int | None = None
    amount: Decimal
    document_number: str
    conditions: str = ""
    allocated_on: date | None = None


class DisbursementOut(ModelSchema):
    allocation: int = Field(..., alias="allocation_id")

    class Meta:
        model = Disbursement
        fields = ["id", "paid_on", "amount", "voucher", "is_illustrative"]


class DisbursementIn(Schema):
    allocation: int
    paid_on: date
    amount: Decimal
    voucher: str


class FiguresOut(Schema):
    allocated: Decimal
    disbursed: Decimal
    balance: Decimal
    rate: Decimal | None


def _reader(request) -> None:
    if not reads_funds(request.auth):
        raise PermissionDenied


def _writer(request) -> None:
    if not enters_funds(request.auth):
        raise PermissionDenied


def _figures(f: figures.FundFigures) -> dict:
    return {
        "allocated": f.allocated,
        "disbursed": f.disbursed,
        "balance": f.balance,
        "rate": f.rate,
    }


@router.get("/programmes", response=list[ProgrammeOut])
def funds_list_programmes(request, year: int | None = None):
    _reader(request)
    programmes = Programme.objects.visible_to(request.auth)
    if year:
        programmes = programmes.filter(year=year)
    return figures.programmes_with_figures(programmes)


@router.get("/programmes/{int:pk}", response=ProgrammeOut)
def funds_get_programme(request, pk: int):
    _reader(request)
    return get_object_or_404(
        figures.programmes_with_figures(Programme.objects.visible_to(request.auth)), pk=pk
    )


@router.get("/allocations", response=list[AllocationOut])
def funds_list_allocations(request, programme: int | None = None, enterprise: int | None = None):
    _reader(request)
    allocations = Allocation.objects.visible_to(request.auth)
    if programme:
        allocations = allocations.filter(programme_id=programme)
    if enterprise:
        allocations = allocations.filter(enterprise_id=enterprise)
    return figures.allocations_with_figures(allocations)


@router.post("/allocations", response={201: AllocationOut})
def funds_create_allocation(request, payload: AllocationIn):
    _writer(request)
    user = request.auth
    programme = get_object_or_404(Programme.objects.visible_to(user), pk=payload.programme)
    # Another county's enterprise is named, not hidden: the action refuses it with a message.
    enterprise = (
        get_object_or_404(Enterprise, pk=payload.enterprise) if payload.enterprise else None
    )
    project = get_object_or_404(Project, pk=payload.project) if payload.project else None
    allocation = actions.create_allocation(
        acting_user=user,
        programme=programme,
        enterprise=enterprise,
        project=project,
        amount=payload.amount,
        document_number=payload.document_number,
        conditions=payload.conditions,
        allocated_on=payload.allocated_on,
    )
    return Status(
        201, figures.allocations_with_figures(Allocation.objects.filter(pk=allocation.pk)).get()
    )


@router.post("/disbursements", response={201: DisbursementOut})
def funds_create_disbursement(request, payload: DisbursementIn):
    _writer(request)
    allocation = get_object_or_404(
        Allocation.objects.visible_to(request.auth), pk=payload.allocation
    )
    return Status(
        201,
        actions.record_disbursement(
            acting_user=request.auth,
            allocation=allocation,
            paid_on=payload.paid_on,
            amount=payload.amount,
            voucher=payload.voucher,
        ),
    )


@router.get("/enterprises/{int:pk}/figures", response=FiguresOut)
def funds_enterprise_figures(request, pk: int):
    _reader(request)
    enterprise = get_object_or_404(Enterprise.objects.visible_to(request.auth), pk=pk)
    return _figures(
        figures.enterprise_figures(enterprise, Allocation.objects.visible_to(request.auth))
    )

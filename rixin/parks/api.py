"""Parks API: the parks with their targets and derived capacities, and the capacity a project
declares."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, Router, Schema
from ninja.responses import Status

from rixin.projects.models import Project

from . import actions, figures
from .access import keeps_parks, reads_parks
from .models import Park, ParkCapacity, ProjectCapacity

router = Router(tags=["parks 产业园区"])


class CapacityOut(ModelSchema):
    built: Decimal
    under_way: Decimal

    class Meta:
        model = ParkCapacity
        fields = ["id", "product", "amount", "unit", "is_illustrative"]


class ParkOut(ModelSchema):
    county: str = Field(..., alias="county_id")
    chain_leaders: list[int]
    capacities: list[CapacityOut]

    class Meta:
        model = Park
        fields = [
            "id",
            "name",
            "kind",
            "chain",
            "area",
            "managing_body",
            "revenue_target",
            "is_illustrative",
        ]


class DeclarationIn(Schema):
    project: int
    product: int
    amount: Decimal
    unit: str


class DeclarationOut(ModelSchema):
    project: int = Field(..., alias="project_id")
    product: int = Field(..., alias="product_id")

    class Meta:
        model = ProjectCapacity
        fields = ["id", "amount", "unit", "is_illustrative"]


def _reader(request) -> None:
    if not reads_parks(request.auth):
        raise PermissionDenied


def _out(parks) -> list[dict]:
    parks = list(parks.prefetch_related("chain_leaders"))
    capacities = figures.capacities_of(parks)
    return [
        {
            **{name: getattr(p, name) for name in ParkOut.Meta.fields},
            "county_id": p.county_id,
            "chain_leaders": [e.pk for e in p.chain_leaders.all()],
            "capacities": capacities.get(p.pk, []),
        }
        for p in parks
    ]


@router.get("/", response=list[ParkOut])
def parks_list(request):
    _reader(request)
    return _out(Park.objects.visible_to(request.auth))


@router.get("/{int:pk}", response=ParkOut)
def parks_get(request, pk: int):
    _reader(request)
    park = get_object_or_404(Park.objects.visible_to(request.auth), pk=pk)
    return _out(Park.objects.filter(pk=park.pk))[0]


@router.post("/declarations", response={201: DeclarationOut})
def parks_declare_capacity(request, payload: DeclarationIn):
    if not keeps_parks(request.auth):
        raise PermissionDenied
    project = get_object_or_404(Project.objects.visible_to(request.auth), pk=payload.project)
    # Another park's product is named, not hidden: the action refuses it with a message.
    product = get_object_or_404(ParkCapacity, pk=payload.product)
    declaration = actions.declare_project_capacity(
        project,
        acting_user=request.auth,
        product=product,
        amount=payload.amount,
        unit=payload.unit,
    )
    return Status(201, declaration)

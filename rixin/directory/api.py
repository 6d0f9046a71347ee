from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from . import access, actions
from .models import Department, Enterprise, University

router = Router(tags=["directory 名录"])


class EnterpriseOut(ModelSchema):
    county: str = Field(..., alias="county_id")

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "industry",
            "is_high_tech",
            "high_tech_certified_on",
            "address",
            "contact_title",
            "contact_phone",
            "is_illustrative",
            "version",
        ]


class EnterpriseIn(Schema):
    name: str
    credit_code: str
    industry: str
    is_high_tech: bool = False
    high_tech_certified_on: date | None = None
    address: str = ""
    contact_title: str = ""
    contact_phone: str = ""


class EnterprisePatch(Schema):
    version: int
    name: str | None = None
    credit_code: str | None = None
    industry: str | None = None
    is_high_tech: bool | None = None
    high_tech_certified_on: date | None = None
    address: str | None = None
    contact_title: str | None = None
    contact_phone: str | None = None


class DepartmentOut(ModelSchema):
    county: str = Field(..., alias="county_id")

    class Meta:
        model = Department
        fields = ["id", "name", "short_name", "kind", "phone", "is_illustrative"]


class UniversityOut(ModelSchema):
    class Meta:
        model = University
        fields = ["id", "name", "short_name", "city_name", "is_illustrative"]


class EnterpriseFilter(Schema):
    q: str = ""
    high_tech: bool | None = None


def _reader(request):
    if not access.reads_directory(request.auth):
        raise PermissionDenied


def _county_reader(request):
    if not access.reads_county_directory(request.auth):
        raise PermissionDenied


def _writer(request):
    if not access.writes_enterprises(request.auth):
        raise PermissionDenied


@router.get("/enterprises", response=list[EnterpriseOut])
@paginate
def list_enterprises(request, filters: Query[EnterpriseFilter]):
    _reader(request)
    queryset = Enterprise.objects.visible_to(request.auth).search(filters.q)
    if filters.high_tech is not None:
        queryset = queryset.filter(is_high_tech=filters.high_tech)
    return queryset


@router.get("/enterprises/{int:pk}", response=EnterpriseOut)
def get_enterprise(request, pk: int):
    _reader(request)
    return get_object_or_404(Enterprise.objects.visible_to(request.auth), pk=pk)


@router.post("/enterprises", response={201: EnterpriseOut})
def create_enterprise(request, payload: EnterpriseIn):
    _writer(request)
    user = request.auth
    return Status(
        201, actions.create_enterprise(acting_user=user, county=user.division, **payload.dict())
    )


@router.patch("/enterprises/{int:pk}", response=EnterpriseOut)
def update_enterprise(request, pk: int, payload: EnterprisePatch):
    _writer(request)
    user = request.auth
    enterprise = get_object_or_404(Enterprise.objects.visible_to(user), pk=pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    return actions.update_enterprise(
        enterprise, changes, acting_user=user, expected_version=version
    )


@router.get("/departments", response=list[DepartmentOut])
def list_departments(request):
    _county_reader(request)
    return Department.objects.visible_to(request.auth)


@router.get("/universities", response=list[UniversityOut])
def list_universities(request):
    _county_reader(request)
    return University.objects.all()

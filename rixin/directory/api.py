from datetime import date
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from . import access, actions
from .industries import SECTIONS
from .models import Department, Enterprise, University

router = Router(tags=["directory 名录"])

# A unified social credit code (GB 32100) as the API takes it: 8 digits, then 10 of the
# code's 31 characters (no I, O, S, V, Z), in ASCII or full width, either case; it is
# NFKC-normalised and upper-cased before its check digit is verified.
_DIGIT = "0-9０-９"
_CODE_CHARACTER = (
    "0-9A-HJ-NP-RTUWXYa-hj-np-rtuwxy０-９Ａ-ＨＪ-ＮＰ-ＲＴＵＷ-Ｙａ-ｈｊ-ｎｐ-ｒｔｕｗ-ｙ"
)
CREDIT_CODE = f"[{_DIGIT}]{{8}}[{_CODE_CHARACTER}]{{10}}"
CREDIT_CODE_PATTERN = f"^ *{CREDIT_CODE} *$"


def _industry_pattern() -> str:
    """A GB/T 4754-2017 code: a section letter, optionally one of its divisions (2 digits),
    optionally a group or class (1 or 2 more digits)."""
    sections = (
        f"{letter}(?:(?:{'|'.join(f'{d:02d}' for d in divisions)})\\d{{0,2}})?"
        for letter, (_name, divisions) in SECTIONS.items()
    )
    return f"^(?:{'|'.join(sections)})$"


INDUSTRY_PATTERN = _industry_pattern()
CreditCode = Annotated[str, Field(pattern=CREDIT_CODE_PATTERN)]
Industry = Annotated[str, Field(pattern=INDUSTRY_PATTERN)]

# Text without a NUL byte, which the API's input check refuses (PostgreSQL cannot store it).
NO_NUL = r"^[^\x00]*$"


def text(default: Any = ..., *, max_length: int, required: bool = False) -> Any:
    """A text field as the model column takes it: at most ``max_length`` characters, not
    empty if ``required``, no NUL byte."""
    return Field(default, min_length=1 if required else None, max_length=max_length, pattern=NO_NUL)


# What a JSON schema cannot say, answered with 422 like any invalid input.
ENTERPRISE_RULES_BEYOND_THE_SCHEMA = {
    "description": "输入无效 Invalid input; ``detail`` names the field. Also for a "
    "``credit_code`` of the right form whose check digit (GB 32100) is wrong or that another "
    "enterprise already has, and for a ``high_tech_certified_on`` without ``is_high_tech``: "
    "rules a JSON schema cannot state.",
    "x-refuses-schema-valid-input": True,
}


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
    name: str = text(max_length=120, required=True)
    credit_code: CreditCode
    industry: Industry
    is_high_tech: bool = False
    high_tech_certified_on: date | None = None
    address: str = text("", max_length=200)
    contact_title: str = text("", max_length=60)
    contact_phone: str = text("", max_length=30)


class EnterprisePatch(Schema):
    version: int
    name: str | None = text(None, max_length=120, required=True)
    credit_code: CreditCode | None = None
    industry: Industry | None = None
    is_high_tech: bool | None = None
    high_tech_certified_on: date | None = None
    address: str | None = text(None, max_length=200)
    contact_title: str | None = text(None, max_length=60)
    contact_phone: str | None = text(None, max_length=30)


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


@router.post(
    "/enterprises",
    response={201: EnterpriseOut},
    openapi_extra={"responses": {"422": ENTERPRISE_RULES_BEYOND_THE_SCHEMA}},
)
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

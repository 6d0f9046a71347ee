"""/api/v1/projects/: the library, annual plans, monthly reports, milestones, OC4IDS."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, ModelSchema, Query, Router, Schema
from ninja.pagination import paginate

from rixin.audit.actions import StaleEdit
from rixin.directory.models import Department, Enterprise
from rixin.parks.models import Park

from . import access, actions
from .filters import ProjectFilter
from .models import AnnualPlan, Industry, Milestone, MonthlyReport, Project
from .oc4ids import EmptyPackage, for_publication

router = Router(tags=["projects 项目库"])


class Conflict(Schema):
    detail: str


class ProjectOut(ModelSchema):
    county: str = Field(..., alias="county_id")
    industry: int | None = Field(None, alias="industry_id")
    park: int | None = Field(None, alias="park_id")
    owner: int | None = Field(None, alias="owner_id")
    department: int = Field(..., alias="department_id")
    status_then: str | None = Field(
        None, description="The status at the end of ``as_of`` (only with ``as_of``)."
    )

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "category",
            "leader_title",
            "address",
            "latitude",
            "longitude",
            "construction_content",
            "scale",
            "total_investment",
            "planned_start",
            "planned_completion",
            "level",
            "is_key_one",
            "status",
            "is_illustrative",
            "version",
        ]


class ProjectIn(Schema):
    name: str
    category: str
    department: int
    total_investment: Decimal
    code: str = ""
    industry: int | None = None
    park: int | None = None
    owner: int | None = None
    leader_title: str = ""
    address: str = ""
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    construction_content: str = ""
    scale: str = ""
    planned_start: date | None = None
    planned_completion: date | None = None
    level: str = "county"
    is_key_one: bool = False


class ProjectPatch(Schema):
    version: int
    name: str | None = None
    code: str | None = None
    category: str | None = None
    industry: int | None = None
    park: int | None = None
    owner: int | None = None
    department: int | None = None
    leader_title: str | None = None
    address: str | None = None
    latitude: Decimal | None = Field(None, ge=-90, le=90)
    longitude: Decimal | None = Field(None, ge=-180, le=180)
    construction_content: str | None = None
    scale: str | None = None
    total_investment: Decimal | None = None
    planned_start: date | None = None
    planned_completion: date | None = None
    level: str | None = None
    is_key_one: bool | None = None


class ProjectQuery(Schema):
    q: str = ""
    category: str = ""
    status: str = ""
    industry: int | None = None
    park: int | None = None
    department: int | None = None
    level: str = ""
    as_of: date | None = Field(
        None,
        description="The library at the end of this day: projects entered by then, "
        "``status`` filtering and ``status_then`` giving the status they had then.",
    )


class PlanOut(ModelSchema):
    # Twelve monthly amounts (万元) as entered, or empty: a list, not the object a JSONField
    # would be declared as.
    monthly_plan: list[int | float | str] | None = None

    class Meta:
        model = AnnualPlan
        fields = [
            "id",
            "year",
            "planned_investment",
            "monthly_plan",
            "plans_start",
            "plans_completion",
            "physical_targets",
            "version",
        ]


class PlanIn(Schema):
    planned_investment: Decimal
    monthly_plan: list[Decimal] = []
    plans_start: bool = False
    plans_completion: bool = False
    physical_targets: str = ""
    version: int | None = Field(
        None,
        ge=0,
        description="Required: the version of the year's plan this write was made from; "
        "0 when the year has no plan yet. A stale version answers 409, none 422.",
    )


class ReportOut(ModelSchema):
    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "year",
            "month",
            "investment",
            "physical_progress",
            "progress_text",
            "status",
            "revision",
            "exceeds_total",
            "review_note",
            "version",
        ]


class ReportIn(Schema):
    year: int
    month: int
    investment: Decimal
    physical_progress: Decimal | None = None
    progress_text: str = ""
    version: int | None = Field(
        None,
        ge=0,
        description="Required: the version of the month's report this write was made from; "
        "0 when the month has no report yet. A stale version answers 409, none 422.",
    )


class MilestoneOut(ModelSchema):
    class Meta:
        model = Milestone
        fields = ["id", "name", "type", "due_date", "met_on", "status", "version"]


class MilestoneIn(Schema):
    name: str
    type: str
    due_date: date
    met_on: date | None = None
    status: str = "scheduled"


class MilestonePatch(Schema):
    version: int
    name: str | None = None
    type: str | None = None
    due_date: date | None = None
    met_on: date | None = None
    status: str | None = None


def _reader(request):
    if not access.reads_projects(request.auth):
        raise PermissionDenied


def _writer(request):
    if not access.writes_projects(request.auth):
        raise PermissionDenied


def _project(request, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.auth), pk=pk)


RELATED = {"industry": Industry, "park": Park, "owner": Enterprise, "department": Department}


def _resolve(user, values: dict) -> dict:
    """Ids → the county's own objects (404 for another county's)."""
    for name, model in RELATED.items():
        if values.get(name) is not None:
            values[name] = get_object_or_404(model.objects.visible_to(user), pk=values[name])
    return values


@router.get("/", response=list[ProjectOut])
@paginate
def list_projects(request, filters: Query[ProjectQuery]):
    _reader(request)
    data = {k: v for k, v in filters.dict().items() if v not in ("", None)}
    projects = Project.objects.visible_to(request.auth)
    if "as_of" in data:
        projects = projects.as_of(data.pop("as_of"))
    return ProjectFilter(data, projects, user=request.auth).qs


# Not a fault of the request: the standard needs one project, and the account may see none.
NOTHING_TO_PUBLISH = {
    "description": "没有可发布的项目 Nothing to publish: no project is left in the account's "
    "selection (OC4IDS needs at least one); ``detail`` gives the reason.",
    "x-refuses-schema-valid-input": True,
}


@router.get(
    "/oc4ids.json",
    response={200: dict, 422: dict},
    openapi_extra={"responses": {"422": NOTHING_TO_PUBLISH}},
)
def oc4ids(request, include_illustrative: bool = False):
    """The visible library as an OC4IDS package, the demo's invented projects left out
    unless asked for; 422 with the reason when no project is left to publish."""
    _reader(request)
    selection = for_publication(
        Project.objects.visible_to(request.auth), include_illustrative=include_illustrative
    )
    try:
        return 200, selection.package()
    except EmptyPackage as exc:
        return 422, {"detail": str(exc)}


@router.get("/geojson", url_name="project_geojson")
def geojson(request):
    """The filtered library as GeoJSON (the library's filters, plus ``county``, ``city`` and
    ``crs=gcj02``); projects without a site under ``unlocated``. Built by rixin.maps."""
    _reader(request)
    from rixin.maps.geo import project_map

    return project_map(request.auth, request.GET)


@router.get("/{int:pk}", response=ProjectOut)
def get_project(request, pk: int):
    _reader(request)
    return _project(request, pk)


@router.post("/", response={201: ProjectOut})
def create_project(request, payload: ProjectIn):
    _writer(request)
    user = request.auth
    values = _resolve(user, payload.dict())
    return 201, actions.create_project(acting_user=user, county=user.division, **values)


@router.patch("/{int:pk}", response=ProjectOut)
def update_project(request, pk: int, payload: ProjectPatch):
    _writer(request)
    project = _project(request, pk)
    changes = _resolve(request.auth, payload.dict(exclude_unset=True))
    version = changes.pop("version")
    return actions.update_project(
        project, changes, acting_user=request.auth, expected_version=version
    )


@router.get("/{int:pk}/plans", response=list[PlanOut])
def list_plans(request, pk: int):
    _reader(request)
    return _project(request, pk).annual_plans.all()


@router.put("/{int:pk}/plans/{int:year}", response=PlanOut)
def save_plan(request, pk: int, year: int, payload: PlanIn):
    _writer(request)
    values = payload.dict()
    values["monthly_plan"] = [str(v) for v in values["monthly_plan"]]
    project = _project(request, pk)
    access.check_write(request.auth, project)
    if values["version"] is None:  # checked after the permission, as for a report
        raise ValidationError(
            {"version": [_("缺少版本号:请先读取该年度计划的版本(尚无计划时填0)。")]}
        )
    return actions.save_annual_plan(project, acting_user=request.auth, year=year, **values)


@router.get("/{int:pk}/reports", response=list[ReportOut])
def list_reports(request, pk: int):
    _reader(request)
    return _project(request, pk).reports.all()


@router.post("/{int:pk}/reports", response={201: ReportOut, 409: Conflict})
def submit_report(request, pk: int, payload: ReportIn):
    _writer(request)
    project = _project(request, pk)
    access.check_write(request.auth, project)
    values = payload.dict()
    version = values.pop("version")
    if version is None:  # checked after the permission, so a reader learns nothing more
        raise ValidationError(
            {"version": [_("缺少版本号:请先读取该月报告的版本(尚无报告时填0)。")]}
        )
    try:
        report = actions.submit_monthly_report(
            project, acting_user=request.auth, expected_version=version, **values
        )
    except StaleEdit as exc:
        return 409, {"detail": exc.messages[0]}
    return 201, report


@router.get("/{int:pk}/milestones", response=list[MilestoneOut])
def list_milestones(request, pk: int):
    _reader(request)
    return _project(request, pk).milestones.all()


@router.post("/{int:pk}/milestones", response={201: MilestoneOut})
def create_milestone(request, pk: int, payload: MilestoneIn):
    _writer(request)
    milestone = actions.add_milestone(
        _project(request, pk), acting_user=request.auth, **payload.dict()
    )
    return 201, milestone


@router.patch("/milestones/{int:pk}", response=MilestoneOut)
def update_milestone(request, pk: int, payload: MilestonePatch):
    _writer(request)
    milestone = get_object_or_404(Milestone.objects.visible_to(request.auth), pk=pk)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    return actions.update_milestone(
        milestone, changes, acting_user=request.auth, expected_version=version
    )

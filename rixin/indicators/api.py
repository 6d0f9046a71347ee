"""经济运行 API: the catalogue, observations, rankings and the generated brief."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, ModelSchema, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from rixin.accounts.access import city_or_404, county_or_404, visible_in_city
from rixin.regions.models import Division

from . import access, actions, queries
from .importers import parse_figures
from .models import Indicator, Observation
from .periods import PATTERN, Period

router = Router(tags=["indicators 经济运行"])


class IndicatorOut(ModelSchema):
    parent: str | None = Field(None, alias="parent.code")
    county: str | None = Field(None, alias="county_id")

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "name_en",
            "unit",
            "frequency",
            "is_cumulative",
            "publishes_value",
            "decimal_places",
            "is_ranked",
            "higher_is_better",
            "display_order",
        ]


class ObservationOut(Schema):
    county: str = Field(..., alias="county_id")
    indicator: str = Field(..., alias="indicator.code")
    period: str = Field(..., alias="period.key")
    value: Decimal | None = Field(
        None, alias="published_value", description="in the indicator's unit"
    )
    rate: Decimal | None
    source: str
    status: str
    is_illustrative: bool
    version: int


class ObservationFilter(Schema):
    county: str | None = None
    city: str | None = None
    indicator: str | None = None
    period: str | None = Field(None, description="2024-06 for 2024年1-6月", pattern=PATTERN)


class ObservationIn(Schema):
    county: str
    indicator: str
    period: str = Field(..., description="2024-06 for 2024年1-6月", pattern=PATTERN)
    value: str | None = Field(None, description="in the indicator's unit, e.g. 98.03 for 98.03亿元")
    rate: str | None = None
    source: str = ""
    status: str = "published"


class StandingOut(Schema):
    county: str
    indicator: str
    rate: Decimal | None
    rank: int | None  # the rank in the city, only when every county has published
    tied: bool
    of: int  # counties that published the indicator
    counties: int  # counties of the city
    previous_rank: int | None
    label: str


class BriefOut(Schema):
    county: str
    period: str
    language: str
    text: str


def _reader(request):
    if not request.auth.reads_county_data:
        raise PermissionDenied


def _period_or_422(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValueError as exc:
        raise ValidationError({"period": str(exc)}) from exc


@router.get("/catalogue", response=list[IndicatorOut])
def list_indicators(request):
    _reader(request)
    return Indicator.objects.visible_to(request.auth).select_related("parent")


@router.get("/observations", response=list[ObservationOut])
@paginate
def list_observations(request, filters: Query[ObservationFilter]):
    _reader(request)
    queryset = Observation.objects.visible_to(request.auth).published().select_related("indicator")
    if filters.county:
        queryset = queryset.filter(county_id=filters.county)
    if filters.city:
        queryset = queryset.in_city(filters.city)
    if filters.indicator:
        queryset = queryset.filter(indicator__code=filters.indicator)
    if filters.period:
        queryset = queryset.in_period(_period_or_422(filters.period))
    return queryset.order_by("county_id", "indicator__display_order", "year", "month")


@router.post("/observations", response={201: ObservationOut, 200: ObservationOut})
def record_observation(request, payload: ObservationIn):
    """Record a county's figures; a second record for the same period is a correction (200)."""
    user = request.auth
    if not access.enters_indicators(user):
        raise PermissionDenied
    if payload.county not in access.writable_county_codes(user):
        raise Http404
    county = Division.objects.get(code=payload.county)
    indicator = get_object_or_404(Indicator.objects.for_county(county.code), code=payload.indicator)
    value, rate = parse_figures(indicator, payload.value, payload.rate)
    if payload.status not in ("draft", "published"):
        raise ValidationError({"status": "draft | published"})
    observation, kind = actions.save_observation(
        acting_user=user,
        county=county,
        indicator=indicator,
        period=_period_or_422(payload.period),
        value=value,
        rate=rate,
        source=payload.source,
        status=payload.status,
    )
    return Status(201 if kind == "create" else 200, observation)


@router.get("/rankings", response=list[StandingOut])
def list_rankings(request, city: str = "140700", period: str | None = Query(None, pattern=PATTERN)):
    """Ranks of the counties of a city in a period (the latest by default), by indicator."""
    _reader(request)
    division = city_or_404(request.auth, city)
    visible = visible_in_city(request.auth, division)
    wanted = _period_or_422(period) if period else queries.latest_period(visible)
    if wanted is None:
        return []
    table = queries.city_table(division.code, wanted)
    codes = {i.pk: i.code for i in table.indicators}
    return [
        StandingOut(
            county=county,
            indicator=codes[indicator_id],
            rate=table.observations[(county, indicator_id)].rate,
            rank=s.city_rank,
            tied=s.tied,
            of=s.of,
            counties=s.counties,
            previous_rank=s.previous_rank,
            label=s.label,
        )
        for (county, indicator_id), s in sorted(table.standings.items())
        if county in visible
    ]


@router.get("/brief", response=BriefOut)
def get_brief(
    request, county: str, period: str = Query(..., pattern=PATTERN), language: str = "zh"
):
    """The generated paragraph for a county and period, in Chinese (zh) or English (en)."""
    _reader(request)
    county_or_404(request.auth, county)
    wanted = _period_or_422(period)
    language = "en" if language.startswith("en") else "zh"
    text = queries.brief_for(county, wanted.year, wanted.month, language=language)
    return BriefOut(county=county, period=wanted.key, language=language, text=text)

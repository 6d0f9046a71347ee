"""What the maps draw, computed once for the project map page, the cockpit panel, the city
tab and ``GET /api/v1/projects/geojson``: projects as GeoJSON features (WGS-84 unless the
tiles need GCJ-02), the county's box, the basemap the browser should load, and the check of
a site typed or clicked on the project form."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from types import SimpleNamespace

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.money import plain, yi
from rixin.projects.choices import Health
from rixin.projects.filters import ProjectFilter, period_for
from rixin.projects.models import MonthlyReport, Project, ProjectSettings, ReportPhoto
from rixin.regions.models import Division

from .choices import HEALTH_MARKER_COLORS, CoordinateSystem
from .models import DEFAULT_HALF_EXTENT, MapSettings
from .transform import gcj02_to_wgs84, wgs84_to_gcj02

PLACES = Decimal("0.000001")


# ---------------------------------------------------------------- coordinates and the box


def for_tiles(lat: float, lon: float, crs: str) -> tuple[float, float]:
    """A stored (WGS-84) point as the tiles of ``crs`` draw it."""
    if crs == CoordinateSystem.GCJ02:
        return wgs84_to_gcj02(lat, lon)
    return float(lat), float(lon)


def to_stored(lat: float, lon: float, crs: str) -> tuple[float, float]:
    """A point picked on tiles of ``crs`` as it is stored (WGS-84)."""
    if crs == CoordinateSystem.GCJ02:
        return gcj02_to_wgs84(lat, lon)
    return float(lat), float(lon)


@dataclass(frozen=True)
class Extent:
    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def county_extent(county: Division | None, settings: MapSettings | None = None) -> Extent | None:
    """The box the county's sites are expected in: the one its administrator set, else a
    box around its centroid; None without either."""
    if settings is not None and settings.south is not None:
        return Extent(
            float(settings.south), float(settings.west), float(settings.north), float(settings.east)
        )
    if county is None or county.lat is None or county.lon is None:
        return None
    half = DEFAULT_HALF_EXTENT
    return Extent(
        float(county.lat - half),
        float(county.lon - half),
        float(county.lat + half),
        float(county.lon + half),
    )


@dataclass
class LocationCheck:
    """A site as typed: the values to store (WGS-84, 6 places) or the errors, and warnings
    that do not stop the save (outside the county's box)."""

    latitude: Decimal | None = None
    longitude: Decimal | None = None
    errors: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _number(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def check_location(county_code: str, latitude, longitude, *, crs: str = "") -> LocationCheck:
    """Validate a project site for ``county_code``: both values or neither, latitude −90…90,
    longitude −180…180; a warning (not a refusal) outside the county's box. ``crs`` says the
    values were picked on GCJ-02 tiles (they are shifted back to WGS-84). The project form
    calls this in its ``clean``; the location widget asks it through ``/maps/location/check/``."""
    result = LocationCheck()
    try:
        lat = _number(latitude)
    except ValueError:
        result.errors["latitude"] = _("纬度应为数字(度),如 37.895。")
    try:
        lon = _number(longitude)
    except ValueError:
        result.errors["longitude"] = _("经度应为数字(度),如 113.177。")
    if result.errors:
        return result
    if lat is None and lon is None:
        return result
    if lat is None or lon is None:
        missing = "latitude" if lat is None else "longitude"
        result.errors[missing] = _("经度和纬度须同时填写,或都不填。")
        return result
    if not -90 <= lat <= 90:
        result.errors["latitude"] = _("纬度应在 -90 到 90 度之间。")
    if not -180 <= lon <= 180:
        result.errors["longitude"] = _("经度应在 -180 到 180 度之间。")
    if result.errors:
        return result
    stored = to_stored(float(lat), float(lon), crs) if crs else (float(lat), float(lon))
    result.latitude = Decimal(str(stored[0])).quantize(PLACES)
    result.longitude = Decimal(str(stored[1])).quantize(PLACES)
    county = Division.objects.filter(code=county_code).first()
    extent = county_extent(county, MapSettings.objects.filter(county_id=county_code).first())
    if extent is not None and not extent.contains(float(result.latitude), float(result.longitude)):
        result.warnings.append(
            _("该位置不在%(county)s的范围内(纬度 %(s)s–%(n)s,经度 %(w)s–%(e)s),请核对。")
            % {
                "county": county.name,
                "s": plain(Decimal(extent.south), 3),
                "n": plain(Decimal(extent.north), 3),
                "w": plain(Decimal(extent.west), 3),
                "e": plain(Decimal(extent.east), 3),
            }
        )
    return result


# ---------------------------------------------------------------- the basemap


def settings_hint(user=None) -> str:
    """Where the basemap is turned on, in the words of the menu."""
    return _(
        "尚未配置底图,地图显示为经纬网格。县级业务管理员在菜单“项目 → 地图底图设置”中"
        "填写天地图密钥(或政务网瓦片地址)并保存后,即显示底图。"
    )


def basemap_config(county: Division | None, settings: MapSettings | None = None) -> dict:
    """What the browser needs to draw a county's map: tiles (or none), attribution with the
    审图号, the datum, the centre and the box (both as the tiles draw them)."""
    if settings is None and county is not None:
        settings = MapSettings.objects.filter(county_id=county.code).first()
    crs = settings.coordinate_system if settings else CoordinateSystem.WGS84
    extent = county_extent(county, settings)
    config = {
        "tiles": settings.tile_url() if settings and settings.has_basemap else "",
        "labels": settings.label_url() if settings and settings.has_basemap else "",
        "subdomains": (settings.subdomains if settings else "") or "abc",
        "attribution": " · ".join(
            part
            for part in (
                settings.attribution if settings else "",
                _("审图号:%(n)s") % {"n": settings.review_number}
                if settings and settings.review_number
                else "",
            )
            if part
        ),
        "crs": crs,
        "maxZoom": settings.max_zoom if settings else 18,
        "county": county.name if county else "",
        "centre": None,
        "extent": None,
        "hint": settings_hint(),
        "texts": _texts(),
    }
    if county is not None and county.lat is not None and county.lon is not None:
        config["centre"] = for_tiles(float(county.lat), float(county.lon), crs)
    if extent is not None:
        config["extent"] = [
            for_tiles(extent.south, extent.west, crs),
            for_tiles(extent.north, extent.east, crs),
        ]
    return config


def _texts() -> dict:
    """The words the map's script shows (translated here, not in the script)."""
    return {
        "centroid": _("县域中心点"),
        "total": _("总投资"),
        "yi": _("亿元"),
        "wan": _("万元"),
        "latest": _("最新月报"),
        "month_investment": _("当月完成投资"),
        "year_done": _("本年完成"),
        "annual": _("年度计划完成"),
        "physical": _("形象进度"),
        "none": _("暂无"),
        "open": _("查看项目"),
        "health": _("进度"),
        "no_plan": _("无年度计划"),
        "appeals": _("诉求密度"),
        "public": _("公开诉求"),
        "outside": _("该位置不在本县范围内,请核对。"),
    }


# ---------------------------------------------------------------- projects as GeoJSON


def _annotated(queryset, year: int, month: int):
    reports = MonthlyReport.objects.filter(
        project=OuterRef("pk"), county_id=OuterRef("county_id")
    ).through(year, month)
    latest = reports.order_by("-year", "-month")
    photos = ReportPhoto.objects.filter(
        report__project=OuterRef("pk"), report__county_id=OuterRef("county_id")
    ).order_by("-report__year", "-report__month", "-pk")
    return queryset.with_progress(year, month).annotate(
        latest_period=Subquery(latest.annotate(p=F("year") * 100 + F("month")).values("p")[:1]),
        latest_investment=Subquery(latest.values("investment")[:1]),
        photo_id=Subquery(photos.values("pk")[:1]),
    )


def _number_or_none(value) -> float | None:
    return None if value is None else float(value)


def _properties(project: Project, progress, year: int, month: int) -> dict:
    health = progress.health or ""
    period = project.latest_period
    return {
        "id": project.pk,
        "name": project.name,
        "county": project.county_id,
        "url": reverse("project_detail", kwargs={"pk": project.pk}) + f"?year={year}&month={month}",
        "category": project.get_category_display(),
        "status": project.get_status_display(),
        "total_investment": float(project.total_investment),
        "total_investment_yi": yi(project.total_investment),
        "health": health,
        "health_label": Health(health).label if health else "",
        "color": HEALTH_MARKER_COLORS[health],
        "completed_this_year": float(progress.completed_this_year),
        "against_annual_plan": _number_or_none(progress.against_annual_plan),
        "physical": _number_or_none(progress.physical),
        "latest_period": f"{period // 100}-{period % 100:02d}" if period else "",
        "latest_investment": _number_or_none(project.latest_investment),
        "photo": reverse("project_photo", kwargs={"pk": project.photo_id})
        if project.photo_id
        else "",
    }


def _scope(user, queryset, params):
    """Narrow to one county (``county``) or one city's counties (``city``) if asked."""
    county, city = params.get("county", ""), params.get("city", "")
    if county:
        queryset = queryset.filter(county_id=county)
    if city:
        queryset = queryset.filter(county__parent_id=city)
    return queryset


def project_map(user, params, *, crs: str | None = None) -> dict:
    """The filtered library (the library's own ProjectFilter and period, ``params`` a
    QueryDict or dict) as a GeoJSON FeatureCollection, with the projects that have no site
    listed apart (``unlocated``). A fixed number of queries, whatever the number of projects.
    Coordinates are WGS-84 unless ``crs`` (or ``params["crs"]``) is ``gcj02``."""
    crs = crs or params.get("crs") or CoordinateSystem.WGS84
    if crs not in CoordinateSystem.values:
        crs = CoordinateSystem.WGS84
    base = _scope(user, Project.objects.visible_to(user), params)
    filters = ProjectFilter(params or None, base, user=user)
    year, month, health = period_for(SimpleNamespace(GET=params, user=user))
    rows = list(_annotated(filters.qs, year, month))
    counties = {p.county_id for p in rows}
    rules = {s.county_id: s for s in ProjectSettings.objects.filter(county_id__in=counties)}
    features, unlocated = [], []
    for project in rows:
        progress = project.progress(
            month, rules.get(project.county_id) or ProjectSettings(county_id=project.county_id)
        )
        if health and progress.health != health:
            continue
        properties = _properties(project, progress, year, month)
        if project.latitude is None or project.longitude is None:
            properties["edit_url"] = reverse("project_edit", kwargs={"pk": project.pk})
            unlocated.append(properties)
            continue
        lat, lon = for_tiles(project.latitude, project.longitude, crs)
        features.append(
            {
                "type": "Feature",
                "id": project.pk,
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
                "properties": properties,
            }
        )
    return {
        "type": "FeatureCollection",
        "crs_name": crs,
        "year": year,
        "month": month,
        "count": len(features) + len(unlocated),
        "features": features,
        "unlocated": unlocated,
    }


def tile_sources(*configs: dict) -> list[str]:
    """The origins a page's basemap loads its tiles from, as Content-Security-Policy sources
    (``img-src``): ``https://t{s}.tianditu.gov.cn/...`` → ``https://*.tianditu.gov.cn``."""
    from urllib.parse import urlsplit

    sources = set()
    for config in configs:
        for url in (config.get("tiles"), config.get("labels")):
            if not url:
                continue
            parts = urlsplit(url.replace("{s}", "SUBDOMAIN"))
            host = parts.netloc
            if "SUBDOMAIN" in host:
                host = "*." + host.split(".", 1)[1] if "." in host else host
            sources.add(f"{parts.scheme}://{host}")
    return sorted(sources)


def allow_tiles(response, *configs: dict):
    """Let the page's basemap tiles through the Content-Security-Policy (django-csp reads
    ``_csp_update``); the policy stays closed to every other image origin."""
    sources = tile_sources(*configs)
    if sources:
        response._csp_update = {"img-src": sources}
    return response

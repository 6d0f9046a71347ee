"""The project map, the basemap settings, and the small JSON views the map's script asks."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.accounts.access import require
from rixin.appeals.models import Category
from rixin.projects.filters import PeriodForm, ProjectFilter
from rixin.projects.models import Project
from rixin.views import form_page

from . import access, actions
from .appeal_layers import appeal_density, public_requests
from .context import map_context
from .forms import MapSettingsForm
from .geo import allow_tiles, check_location, for_tiles
from .models import MapSettings


@require(access.reads_maps)
def project_map(request):
    """The filtered library on the county's basemap (data in the page, via json_script)."""
    user = request.user
    filters = ProjectFilter(request.GET or None, Project.objects.visible_to(user), user=user)
    context = map_context(user, request.GET, county=user.division)
    context["filters"] = filters
    context["period"] = PeriodForm(
        initial={
            "year": context["data"]["year"],
            "month": context["data"]["month"],
            "health": request.GET.get("health", ""),
        }
    )
    if access.sees_appeal_density(user):
        context["categories"] = Category.objects.visible_to(user).filter(county_id=user.county_code)
    return allow_tiles(render(request, "maps/project_map.html", context), context["map_config"])


@require(access.administers_basemap)
def basemap_settings(request):
    county = request.user.county_code
    current = MapSettings.for_county(county)
    form = MapSettingsForm(request.POST or None, instance=current)
    return form_page(
        request,
        form,
        "maps/basemap_form.html",
        save=lambda form: actions.save_map_settings(
            acting_user=request.user,
            county_code=county,
            expected_version=form.expected_version,
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        ),
        success_message=_("地图设置已保存。"),
        success_url=reverse("maps_basemap"),
        context={"title": _("地图底图设置"), "current": current},
    )


@require(access.sets_locations)
def location_check(request):
    """The location widget's check: WGS-84 values to store, errors, warnings."""
    crs = request.GET.get("crs", "")
    result = check_location(
        request.user.county_code, request.GET.get("lat"), request.GET.get("lon"), crs=crs
    )
    config_crs = MapSettings.for_county(request.user.county_code or "").coordinate_system
    shown = (
        for_tiles(result.latitude, result.longitude, config_crs)
        if result.latitude is not None
        else None
    )
    return JsonResponse(
        {
            "shown": shown,
            "latitude": str(result.latitude) if result.latitude is not None else "",
            "longitude": str(result.longitude) if result.longitude is not None else "",
            "errors": result.errors,
            "warnings": result.warnings,
        }
    )


@require(access.sees_appeal_density)
def appeals_density(request):
    return JsonResponse(appeal_density(request.user, request.user.county_code, request.GET))


@require(access.reads_public_requests)
def appeals_public(request):
    county = request.GET.get("county") or request.user.county_code or ""
    if county not in request.user.visible_county_codes():
        return JsonResponse({"points": []})
    return JsonResponse(public_requests(county, request.GET))

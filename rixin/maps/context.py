"""Context for the map wherever it appears: the project map page, the county cockpit's
panel (``maps/_cockpit_panel.html``), the city view's tab (``maps/_city_tab.html``) and the
project form's location widget (``maps/_location_widget.html``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from rixin.accounts.access import visible_in_city
from rixin.regions.models import Division

from . import access
from .geo import basemap_config, project_map


def map_context(user, params, *, county: Division | None) -> dict:
    """The project map of ``params`` (the library's filters) drawn on ``county``'s basemap."""
    config = basemap_config(county)
    data = project_map(user, params, crs=config["crs"])
    return {
        "map_config": config,
        "data": data,
        "county": county,
        "density_url": reverse("maps_appeals_density") if access.sees_appeal_density(user) else "",
        "public_url": reverse("maps_appeals_public"),
        "administers_basemap": access.administers_basemap(user),
    }


def _geojson_url(**params) -> str:
    return reverse("api:project_geojson") + "?" + urlencode({k: v for k, v in params.items() if v})


def cockpit_panel_context(user, county: Division, year: int, month: int) -> dict:
    """For ``{% include "maps/_cockpit_panel.html" with map=map_panel %}`` on the county
    cockpit: the county's projects for the chosen year and month, fetched by the script."""
    config = basemap_config(county)
    return {
        "map_config": config,
        "geojson_url": _geojson_url(county=county.code, year=year, month=month, crs=config["crs"]),
        "library_url": reverse("maps_projects") + f"?year={year}&month={month}",
        "county": county,
    }


def city_tab_context(user, city: Division, year: int | None = None, month: int | None = None):
    """For ``{% include "maps/_city_tab.html" with map=map_tab %}`` in the city view: the
    projects of the city's counties the user may read, together, on a plain grid (a city
    has no basemap of its own: each county configures its own)."""
    codes = visible_in_city(user, city)
    config = basemap_config(city)
    config["tiles"] = config["labels"] = ""
    config["hint"] = ""
    return {
        "map_config": config,
        "geojson_url": _geojson_url(city=city.code, year=year, month=month),
        "city": city,
        "counties": codes,
    }


def location_widget_context(county_code: str) -> dict:
    """For ``{% include "maps/_location_widget.html" with widget=location_widget
    lat=form.latitude lon=form.longitude %}`` on the project form."""
    county = Division.objects.filter(code=county_code).first()
    return {"map_config": basemap_config(county), "check_url": reverse("maps_location_check")}

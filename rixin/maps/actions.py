"""The maps' one write: a county's map settings (its basemap and its box)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from rixin.audit.actions import audited_create, audited_update

from . import access
from .models import MapSettings

FIELDS = (
    "service",
    "url_template",
    "label_url_template",
    "subdomains",
    "tile_key",
    "attribution",
    "review_number",
    "coordinate_system",
    "max_zoom",
    "south",
    "west",
    "north",
    "east",
)


@transaction.atomic
def save_map_settings(
    *, acting_user, county_code: str, expected_version: int | None = None, **values: Any
) -> MapSettings:
    """Create or change the county's map settings (the county administrator's)."""
    access.check_administers_basemap(acting_user, county_code)
    values = {name: value for name, value in values.items() if name in FIELDS}
    current = MapSettings.objects.select_for_update().filter(county_id=county_code).first()
    if current is None:
        return audited_create(MapSettings, acting_user=acting_user, county_id=county_code, **values)
    return audited_update(
        current, values, acting_user=acting_user, expected_version=expected_version
    )

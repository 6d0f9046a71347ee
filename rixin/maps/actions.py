"""The maps' one write: a county's map settings (its basemap and its box)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from rixin.audit.actions import audited_create, audited_update, record_event
from rixin.audit.models import AuditAction

from . import access
from .models import MapSettings, mask_key

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
    old_key = current.tile_key if current else ""
    if current is None:
        saved = audited_create(
            MapSettings, acting_user=acting_user, county_id=county_code, **values
        )
    else:
        saved = audited_update(
            current, values, acting_user=acting_user, expected_version=expected_version
        )
    if saved.tile_key != old_key:
        # The audit log never holds the key itself (rixin.audit.actions leaves it out of
        # every snapshot): a change of key is recorded masked.
        record_event(
            AuditAction.UPDATE,
            acting_user=acting_user,
            obj=saved,
            before={"tile_key": mask_key(old_key)},
            after={"tile_key": mask_key(saved.tile_key)},
            message=str(_("更换底图密钥")),
        )
    return saved

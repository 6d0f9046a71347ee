from django.db import models
from django.utils.translation import gettext_lazy as _


class TileService(models.TextChoices):
    XYZ = "xyz", _("XYZ 瓦片({z}/{x}/{y})")
    WMTS = "wmts", _("WMTS(GetTile,TILEMATRIX/TILEROW/TILECOL)")


class CoordinateSystem(models.TextChoices):
    """The datum the tiles are drawn in: points are shifted only for GCJ-02 tiles."""

    WGS84 = "wgs84", _("WGS-84 / CGCS2000(天地图、政务网瓦片)")
    GCJ02 = "gcj02", _("GCJ-02(国测局加偏,商业地图瓦片)")


# Schedule health → marker colour (the same meaning as the library's badges).
HEALTH_MARKER_COLORS = {"ahead": "#198754", "normal": "#e0a800", "behind": "#dc3545", "": "#6c757d"}

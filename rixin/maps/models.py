"""A county's map settings: the basemap it is allowed to use, and the box its points fall in."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from rixin.regions.models import CountyOwned, Versioned

from .choices import CoordinateSystem, TileService

# Half the side of the box assumed around a county's centroid when none is set (degrees):
# about 45 km north-south, enough for a county of Shanxi.
DEFAULT_HALF_EXTENT = Decimal("0.4")
_WMTS_PATTERN = re.compile(r"\{(TileMatrix|TileRow|TileCol)\}", re.IGNORECASE)


def leaflet_template(template: str, service: str, key: str) -> str:
    """The tile URL as Leaflet reads it: WMTS GetTile placeholders become {z}/{y}/{x}
    (a Web-Mercator tile matrix set numbers its tiles as XYZ does) and {key} the key."""
    if not template:
        return ""
    if service == TileService.WMTS:
        template = _WMTS_PATTERN.sub(
            lambda m: {"tilematrix": "{z}", "tilerow": "{y}", "tilecol": "{x}"}[m[1].lower()],
            template,
        )
    return template.replace("{key}", key)


def _check_template(template: str, service: str, key: str, field: str) -> dict:
    if not template:
        return {}
    if not template.startswith(("https://", "http://")):
        return {field: _("瓦片地址应以 http:// 或 https:// 开头。")}
    resolved = leaflet_template(template, service, key)
    if not all(part in resolved for part in ("{z}", "{x}", "{y}")):
        return {
            field: _("瓦片地址须包含 {z}、{x}、{y}(WMTS 为 {TileMatrix}、{TileCol}、{TileRow})。")
        }
    if "{key}" in template and not key:
        return {"tile_key": _("瓦片地址含 {key},请填写密钥(天地图称为 tk)。")}
    return {}


def mask_key(key: str) -> str:
    """ "a1b2c3d4e5f6" → "••••••••e5f6"; a short key is hidden whole."""
    if not key:
        return ""
    shown = key[-4:] if len(key) > 8 else ""
    return "•" * (len(key) - len(shown)) + shown


class MapSettings(CountyOwned, Versioned):
    """The basemap a county's maps draw on (none: a plain coordinate grid), kept by its
    county administrator, and the box its project sites are expected in."""

    service = models.CharField(
        _("瓦片服务类型"), max_length=8, choices=TileService.choices, default=TileService.WMTS
    )
    url_template = models.CharField(
        _("底图瓦片地址"),
        max_length=500,
        blank=True,
        help_text=_(
            "留空则不显示底图。可用 {z} {x} {y}(WMTS 为 {TileMatrix} {TileCol} {TileRow})、"
            "{s}(子域名)和 {key}(密钥)。"
        ),
    )
    label_url_template = models.CharField(
        _("注记瓦片地址"),
        max_length=500,
        blank=True,
        help_text=_("可选:叠加在底图上的地名注记层(如天地图 cva_w)。"),
    )
    subdomains = models.CharField(
        _("子域名"), max_length=20, blank=True, help_text=_("替换 {s} 的字符,如 01234567。")
    )
    tile_key = models.CharField(
        _("密钥"), max_length=100, blank=True, help_text=_("天地图的“浏览器端”密钥(tk)。")
    )
    attribution = models.CharField(
        _("版权说明"), max_length=200, blank=True, help_text=_("显示在地图右下角。")
    )
    review_number = models.CharField(
        _("审图号"),
        max_length=60,
        blank=True,
        help_text=_("底图服务提供的审图号,如 GS(2024)0568号。"),
    )
    coordinate_system = models.CharField(
        _("瓦片坐标系"),
        max_length=8,
        choices=CoordinateSystem.choices,
        default=CoordinateSystem.WGS84,
    )
    max_zoom = models.PositiveSmallIntegerField(_("最大缩放级别"), default=18)
    south = models.DecimalField(
        _("县域范围:南(纬度)"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    west = models.DecimalField(
        _("县域范围:西(经度)"), max_digits=9, decimal_places=5, null=True, blank=True
    )
    north = models.DecimalField(
        _("县域范围:北(纬度)"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    east = models.DecimalField(
        _("县域范围:东(经度)"), max_digits=9, decimal_places=5, null=True, blank=True
    )

    class Meta:
        verbose_name = _("地图设置")
        verbose_name_plural = _("地图设置")
        constraints = [
            models.UniqueConstraint(fields=["county"], name="map_settings_one_per_county")
        ]

    def __str__(self) -> str:
        return str(_("地图设置"))

    def clean(self) -> None:
        errors = _check_template(self.url_template, self.service, self.tile_key, "url_template")
        errors |= _check_template(
            self.label_url_template, self.service, self.tile_key, "label_url_template"
        )
        if self.label_url_template and not self.url_template:
            errors.setdefault("url_template", _("填写注记层之前请先填写底图瓦片地址。"))
        if not 1 <= (self.max_zoom or 0) <= 22:
            errors["max_zoom"] = _("最大缩放级别应在1到22之间。")
        box = [self.south, self.west, self.north, self.east]
        if any(v is not None for v in box):
            if any(v is None for v in box):
                errors["south"] = _("县域范围须同时填写南、西、北、东四个值,或都不填。")
            elif not (
                -90 <= self.south < self.north <= 90 and -180 <= self.west < self.east <= 180
            ):
                errors["south"] = _("县域范围不成立:南应小于北,西应小于东,且在经纬度范围内。")
        if errors:
            raise ValidationError(errors)

    @property
    def masked_key(self) -> str:
        """The key as pages show it: its last four characters, the rest hidden."""
        return mask_key(self.tile_key)

    @property
    def has_basemap(self) -> bool:
        return bool(self.url_template)

    def tile_url(self) -> str:
        return leaflet_template(self.url_template, self.service, self.tile_key)

    def label_url(self) -> str:
        return leaflet_template(self.label_url_template, self.service, self.tile_key)

    @classmethod
    def for_county(cls, county_code: str) -> MapSettings:
        return cls.objects.filter(county_id=county_code).first() or cls(county_id=county_code)

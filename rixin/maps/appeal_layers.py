"""Appeals on the map: a density grid by category and period (营商环境局 and leaders), and
the public Open311 requests as points (every map reader).

The density counts appeals and complaints with a site, in cells of CELL degrees (about a
kilometre); a confidential appeal is never counted, for anyone. Merged appeals are counted
once, through their master.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, F
from django.db.models.functions import Floor
from django.utils import timezone

from rixin.appeals.choices import Status
from rixin.appeals.models import Appeal

from .choices import CoordinateSystem
from .geo import for_tiles

CELL = Decimal("0.01")


def _int(value, default: int, low: int, high: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if low <= number <= high else default


def period_of(params) -> tuple[datetime.datetime, datetime.datetime, dict]:
    """``year`` and months ``from``–``to`` (default: this year, 1–12) as a half-open span
    of moments in the current time zone."""
    today = timezone.localdate()
    year = _int(params.get("year"), today.year, 2000, 2100)
    first = _int(params.get("from"), 1, 1, 12)
    last = _int(params.get("to"), 12, first, 12)
    start = datetime.datetime(year, first, 1)
    end = datetime.datetime(year + (last == 12), last % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(start, zone),
        timezone.make_aware(end, zone),
        {"year": year, "from": first, "to": last},
    )


def appeal_density(user, county_code: str, params) -> dict:
    """Cells (centre, count) of the county's appeals in the period, optionally of one
    category; never a confidential one. One query."""
    start, end, period = period_of(params)
    queryset = (
        Appeal.objects.visible_to(user)
        .filter(county_id=county_code, submitted_at__gte=start, submitted_at__lt=end)
        .exclude(is_confidential=True)
        .exclude(status=Status.MERGED)
        .exclude(latitude=None)
        .exclude(longitude=None)
    )
    category = params.get("category", "")
    if str(category).isdigit():
        queryset = queryset.filter(category_id=int(category))
    cells = (
        queryset.annotate(row=Floor(F("latitude") / CELL), col=Floor(F("longitude") / CELL))
        .values("row", "col")
        .annotate(n=Count("pk"))
        .order_by("row", "col")
    )
    crs = params.get("crs") or CoordinateSystem.WGS84
    out = []
    for cell in cells:
        lat = (Decimal(cell["row"]) + Decimal("0.5")) * CELL
        lon = (Decimal(cell["col"]) + Decimal("0.5")) * CELL
        shown = for_tiles(float(lat), float(lon), crs)
        out.append({"lat": round(shown[0], 6), "lon": round(shown[1], 6), "count": cell["n"]})
    return {"cell": float(CELL), "period": period, "cells": out}


def public_requests(county_code: str, params) -> dict:
    """The county's public Open311 requests with a site, as points (what Open311 publishes
    anonymously: never a complaint, never a confidential one)."""
    crs = params.get("crs") or CoordinateSystem.WGS84
    rows = (
        Appeal.objects.open311_public()
        .filter(county_id=county_code)
        .exclude(is_confidential=True)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .select_related("category")
        .order_by("-submitted_at")[:500]
    )
    points = []
    for appeal in rows:
        lat, lon = for_tiles(appeal.latitude, appeal.longitude, crs)
        points.append(
            {
                "lat": round(lat, 6),
                "lon": round(lon, 6),
                "number": appeal.number,
                "title": appeal.title,
                "category": appeal.category.name,
                "status": appeal.get_status_display(),
            }
        )
    return {"points": points}

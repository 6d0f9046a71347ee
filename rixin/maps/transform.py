"""WGS-84 ↔ GCJ-02, the published algorithm (the one every public implementation uses).

Rixin stores points in WGS-84 (天地图 serves CGCS2000, which agrees with WGS-84 to well under
a metre at map scales). Commercial Chinese tiles are drawn in GCJ-02, a deliberate offset of a
few hundred metres; points are shifted into it only to be drawn on such tiles, and a point
picked on such tiles is shifted back before it is stored. Outside China the offset is zero.
"""

from __future__ import annotations

import math

# Krasovsky 1940 ellipsoid, as the algorithm is published.
_A = 6378245.0
_EE = 0.00669342162296594323


def out_of_china(lat: float, lon: float) -> bool:
    """The rough box the algorithm applies in (outside it, GCJ-02 equals WGS-84)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offsets(x: float, y: float) -> tuple[float, float]:
    """The raw (latitude, longitude) offsets at ``x`` = lon − 105, ``y`` = lat − 35."""
    common = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2 / 3
    lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    lat += common
    lat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2 / 3
    lat += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2 / 3
    lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    lon += common
    lon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2 / 3
    lon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    return lat, lon


def _delta(lat: float, lon: float) -> tuple[float, float]:
    d_lat, d_lon = _offsets(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return d_lat, d_lon


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """(latitude, longitude) in GCJ-02 of a WGS-84 point."""
    lat, lon = float(lat), float(lon)
    if out_of_china(lat, lon):
        return lat, lon
    d_lat, d_lon = _delta(lat, lon)
    return lat + d_lat, lon + d_lon


def gcj02_to_wgs84(lat: float, lon: float, tolerance: float = 1e-9) -> tuple[float, float]:
    """(latitude, longitude) in WGS-84 of a GCJ-02 point: the forward transform has no closed
    inverse, so iterate until it lands on the given point (a few steps, well under a
    centimetre)."""
    lat, lon = float(lat), float(lon)
    if out_of_china(lat, lon):
        return lat, lon
    guess_lat, guess_lon = lat, lon
    for _step in range(30):
        forward_lat, forward_lon = wgs84_to_gcj02(guess_lat, guess_lon)
        miss_lat, miss_lon = forward_lat - lat, forward_lon - lon
        if abs(miss_lat) < tolerance and abs(miss_lon) < tolerance:
            break
        guess_lat, guess_lon = guess_lat - miss_lat, guess_lon - miss_lon
    return guess_lat, guess_lon


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine on a 6 371 km sphere)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    d_p, d_l = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(d_p / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(d_l / 2) ** 2
    return 2 * 6371000.0 * math.asin(math.sqrt(h))

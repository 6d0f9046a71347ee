"""Schematic tile maps: one square per county (or city), laid out where its centroid lies.

No boundary data ships with Rixin (no licence-cleared GeoJSON could be had offline), so the city
and province views draw a tile map (an ECharts heatmap on a grid). The grid comes from the
divisions' centroids (``Division.lon``/``lat``, from the shipped division data): each division
takes the free tile nearest to where its centroid falls. Column 0 is the west, row 0 the north.
A division without a centroid is put in a row of its own below the map.
"""

from __future__ import annotations

import math

from rixin.regions.models import Division

# Tiles per division: a little more than one, so that neighbours keep their bearings.
ROOM = 1.6
ROW_BELOW = 4


def _project(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Equirectangular: a degree of longitude shrinks with the cosine of the latitude."""
    middle = sum(lat for _lon, lat in points.values()) / len(points)
    shrink = math.cos(math.radians(middle))
    return {code: (lon * shrink, -lat) for code, (lon, lat) in points.items()}


def _grid(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Each point's place in grid units (fractional), in a grid of about ROOM tiles per point."""
    xs = [x for x, _y in points.values()]
    ys = [y for _x, y in points.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if len(points) == 1 or (width == 0 and height == 0):
        return {code: (0.0, 0.0) for code in points}
    side = math.sqrt(max(width, 1e-9) * max(height, 1e-9) / (len(points) * ROOM))
    if width == 0 or height == 0:  # all on one line
        side = max(width, height) / (len(points) - 1)
    return {code: ((x - min(xs)) / side, (y - min(ys)) / side) for code, (x, y) in points.items()}


def _nearest_free(want: tuple[float, float], taken: set[tuple[int, int]]) -> tuple[int, int]:
    """The free tile nearest to ``want`` (ties: north first, then west)."""
    for radius in range(0, 1000):
        ring = [
            (col, row)
            for col in range(math.floor(want[0]) - radius, math.floor(want[0]) + radius + 2)
            for row in range(math.floor(want[1]) - radius, math.floor(want[1]) + radius + 2)
            if col >= 0 and row >= 0 and (col, row) not in taken
        ]
        if ring:
            return min(
                ring,
                key=lambda t: (
                    (t[0] + 0.5 - want[0]) ** 2 + (t[1] + 0.5 - want[1]) ** 2,
                    t[1],
                    t[0],
                ),
            )
    raise AssertionError("no free tile")  # pragma: no cover - the grid is unbounded


def layout(points: dict[str, tuple[float, float]]) -> dict[str, tuple[int, int]]:
    """Tiles for ``{code: (lon, lat)}``: distinct, each near its centroid."""
    if not points:
        return {}
    grid = _grid(_project(points))
    # Place first the divisions that sit squarely inside a tile, so they keep it.
    order = sorted(grid, key=lambda c: (abs(grid[c][0] % 1 - 0.5) + abs(grid[c][1] % 1 - 0.5), c))
    taken: set[tuple[int, int]] = set()
    placed = {}
    for code in order:
        tile = _nearest_free(grid[code], taken)
        taken.add(tile)
        placed[code] = tile
    # Drop empty leading rows and columns.
    left = min(col for col, _row in placed.values())
    top = min(row for _col, row in placed.values())
    return {code: (col - left, row - top) for code, (col, row) in placed.items()}


def tiles(division_code: str, codes: list[str]) -> dict[str, tuple[int, int]]:
    """Grid positions of ``codes`` (divisions under ``division_code``), laid out by their
    centroids; codes without one are put in a row of their own below the map."""
    points = {
        code: (float(lon), float(lat))
        for code, lon, lat in Division.objects.filter(
            code__in=codes, lon__isnull=False, lat__isnull=False
        ).values_list("code", "lon", "lat")
    }
    placed = layout(points)
    bottom = max((row for _col, row in placed.values()), default=-1) + 1
    for index, code in enumerate(c for c in codes if c not in placed):
        placed[code] = (index % ROW_BELOW, bottom + index // ROW_BELOW)
    return placed

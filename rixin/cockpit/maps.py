"""Schematic tile maps: one square per county (or city), laid out roughly where it lies.

No boundary data ships with Rixin: no licence-cleared GeoJSON of Jinzhong's counties could be
had offline, so the city and province views draw a tile map (an ECharts heatmap on a grid).
Column 0 is the west, row 0 the north. A division without a tile is listed under the map.
"""

from __future__ import annotations

# 晋中市: 榆次 and 寿阳 in the north; 太谷, 祁县, 平遥, 介休, 灵石 down the west and south;
# 昔阳, 和顺, 左权, 榆社 in the east and south-east.
JINZHONG = {
    "140702": (1, 0),  # 榆次区
    "140725": (2, 0),  # 寿阳县
    "140727": (0, 1),  # 祁县
    "140703": (1, 1),  # 太谷区
    "140724": (3, 1),  # 昔阳县
    "140728": (0, 2),  # 平遥县
    "140721": (2, 2),  # 榆社县
    "140723": (3, 2),  # 和顺县
    "140781": (0, 3),  # 介休市
    "140722": (3, 3),  # 左权县
    "140729": (0, 4),  # 灵石县
}

# 山西省: 大同 and 朔州 in the north, 运城 and 晋城 in the south.
SHANXI = {
    "140600": (1, 0),  # 朔州市
    "140200": (2, 0),  # 大同市
    "140900": (1, 1),  # 忻州市
    "141100": (0, 2),  # 吕梁市
    "140100": (1, 2),  # 太原市
    "140300": (2, 2),  # 阳泉市
    "140700": (2, 3),  # 晋中市
    "141000": (0, 4),  # 临汾市
    "140400": (2, 4),  # 长治市
    "140800": (0, 5),  # 运城市
    "140500": (2, 5),  # 晋城市
}

LAYOUTS = {"140700": JINZHONG, "140000": SHANXI}


def tiles(division_code: str, codes: list[str]) -> dict[str, tuple[int, int]]:
    """Grid positions of ``codes`` under the division; codes without a known tile are put in
    a row of their own below the map."""
    layout = LAYOUTS.get(division_code, {})
    placed = {code: layout[code] for code in codes if code in layout}
    bottom = max((row for _col, row in placed.values()), default=-1) + 1
    for index, code in enumerate(c for c in codes if c not in layout):
        placed[code] = (index % 4, bottom + index // 4)
    return placed

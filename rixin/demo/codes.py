"""Valid codes for illustrative records (the article publishes none)."""

import hashlib
from decimal import Decimal

from stdnum.cn import uscc

from rixin.projects.validators import validate_project_code

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _org_check(body: str) -> str:
    """GB 11714 organisation code check character."""
    total = sum(_ORG_ALPHABET.index(c) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def illustrative_credit_code(seed: str, division: str = "140725") -> str:
    """A GB 32100 code that passes every check, derived from ``seed`` so reloads agree.

    It belongs to no real enterprise: records that carry one are marked illustrative.
    """
    digest = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    body = f"{digest % 10**8:08d}"
    org = body + _org_check(body)
    partial = "91" + division + org
    code = partial + uscc.calc_check_digit(partial)
    uscc.validate(code)
    return code


# The industry segment of an illustrative project code, by project category (GB/T 4754
# divisions: 30 non-metallic minerals, 48 civil engineering, 84 health and social work).
_CODE_INDUSTRY = {"industrial": "30", "infrastructure": "48", "livelihood": "84"}
_CODE_TYPE = "03"  # 备案 (filed), the usual procedure of county projects

# A box (south, west, north, east), degrees WGS 84, a few kilometres around each Jinzhong
# county's seat and well inside the county: illustrative projects are placed in it. The
# points are invented sites, not the projects' real ones (the article gives none).
_SEATS = {
    "140702": ("37.697", "112.708"),  # 榆次区
    "140703": ("37.421", "112.551"),  # 太谷区
    "140721": ("37.071", "112.976"),  # 榆社县
    "140722": ("37.082", "113.379"),  # 左权县
    "140723": ("37.329", "113.570"),  # 和顺县
    "140724": ("37.612", "113.706"),  # 昔阳县
    "140725": ("37.895", "113.177"),  # 寿阳县
    "140727": ("37.358", "112.335"),  # 祁县
    "140728": ("37.189", "112.176"),  # 平遥县
    "140729": ("36.848", "111.778"),  # 灵石县
    "140781": ("37.027", "111.917"),  # 介休市
}
_HALF_LAT, _HALF_LON = Decimal("0.03"), Decimal("0.04")
COUNTY_BOXES = {
    code: (
        Decimal(lat) - _HALF_LAT,
        Decimal(lon) - _HALF_LON,
        Decimal(lat) + _HALF_LAT,
        Decimal(lon) + _HALF_LON,
    )
    for code, (lat, lon) in _SEATS.items()
}
_PLACES = Decimal("0.000001")


def illustrative_project_code(division: str, year: int, serial: int, category: str = "") -> str:
    """A 24-character project code in the national platform's format
    (YYYY-DDDDDD-DD-DD-DDDDDD), unique by (division, serial); it names no real project."""
    code = f"{year:04d}-{division}-{_CODE_INDUSTRY.get(category, '30')}-{_CODE_TYPE}-{serial:06d}"
    validate_project_code(code)
    return code


def point_in(division: str, u: float, v: float) -> tuple[Decimal, Decimal] | None:
    """(latitude, longitude) at fractions ``u``, ``v`` (0 to 1) of the county's box; None for a
    division without one (the invented counties of the scale data set)."""
    box = COUNTY_BOXES.get(division)
    if box is None:
        return None
    south, west, north, east = box
    latitude = south + ((north - south) * Decimal(str(u))).quantize(_PLACES)
    longitude = west + ((east - west) * Decimal(str(v))).quantize(_PLACES)
    return latitude, longitude


def illustrative_location(division: str, serial: int, category: str, year: int) -> dict:
    """The code and coordinates of the ``serial``-th illustrative project of a county, derived
    from its number so reloads agree: ``create_project(..., **illustrative_location(...))``."""
    digest = hashlib.sha256(f"{division}:{serial}".encode()).digest()
    fields = {"code": illustrative_project_code(division, year, serial, category)}
    point = point_in(division, digest[0] / 255, digest[1] / 255)
    if point is not None:
        fields["latitude"], fields["longitude"] = point
    return fields

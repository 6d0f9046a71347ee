"""The divisions Rixin ships: every division of China from ``divisions.csv`` (see README.md
beside it for the source and edition), with English names for Shanxi, its eleven cities and
Jinzhong's eleven county-level units."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

PROVINCE = ("140000", "山西省", "Shanxi")
CITIES = [
    ("140100", "太原市", "Taiyuan"),
    ("140200", "大同市", "Datong"),
    ("140300", "阳泉市", "Yangquan"),
    ("140400", "长治市", "Changzhi"),
    ("140500", "晋城市", "Jincheng"),
    ("140600", "朔州市", "Shuozhou"),
    ("140700", "晋中市", "Jinzhong"),
    ("140800", "运城市", "Yuncheng"),
    ("140900", "忻州市", "Xinzhou"),
    ("141000", "临汾市", "Linfen"),
    ("141100", "吕梁市", "Lüliang"),
]
JINZHONG_COUNTIES = [
    ("140702", "榆次区", "Yuci"),
    ("140703", "太谷区", "Taigu"),
    ("140721", "榆社县", "Yushe"),
    ("140722", "左权县", "Zuoquan"),
    ("140723", "和顺县", "Heshun"),
    ("140724", "昔阳县", "Xiyang"),
    ("140725", "寿阳县", "Shouyang"),
    ("140727", "祁县", "Qi"),
    ("140728", "平遥县", "Pingyao"),
    ("140729", "灵石县", "Lingshi"),
    ("140781", "介休市", "Jiexiu"),
]
SHOUYANG = "140725"
JINZHONG = "140700"
SHANXI = "140000"

DIVISIONS_CSV = Path(__file__).with_name("divisions.csv")
ENGLISH_NAMES = {code: name_en for code, _name, name_en in [PROVINCE, *CITIES, *JINZHONG_COUNTIES]}
LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class ShippedDivision:
    code: str
    name: str
    level: str
    parent: str | None
    lon: Decimal | None
    lat: Decimal | None

    @property
    def name_en(self) -> str:
        return ENGLISH_NAMES.get(self.code, "")


def _degrees(text: str) -> Decimal | None:
    return Decimal(text) if text else None


@functools.cache
def shipped_divisions() -> tuple[ShippedDivision, ...]:
    """The rows of divisions.csv, provinces first, then cities, then counties."""
    with DIVISIONS_CSV.open(encoding="utf-8") as f:
        reader = csv.DictReader(line for line in f if not line.startswith("#"))
        rows = [
            ShippedDivision(
                code=row["code"],
                name=row["name"],
                level=row["level"],
                parent=row["parent"] or None,
                lon=_degrees(row["lon"]),
                lat=_degrees(row["lat"]),
            )
            for row in reader
        ]
    return tuple(sorted(rows, key=lambda r: (LEVELS.index(r.level), r.code)))


def load_divisions(Division) -> int:
    """Create the shipped divisions that are missing and bring the others up to date (name,
    level, parent and, where the model has them, lon/lat); returns how many were created.

    ``Division`` may be a migration's historical model: fields it does not have yet are left
    out. A division with a recorded change (rename, new code) keeps what the change made of it.
    Bulk operations, so loading the whole country takes well under a second."""
    fields = {f.name for f in Division._meta.get_fields()}
    wanted = ["name", "name_en", "level", "parent_id"]
    wanted += [f for f in ("lon", "lat") if f in fields]
    changed_by_hand = set()
    if "changes" in fields:
        changed_by_hand = set(
            Division.objects.filter(changes__isnull=False).values_list("code", flat=True)
        )
    current = {row[0]: row[1:] for row in Division.objects.values_list("code", *wanted)}
    create, update = [], []
    for shipped in shipped_divisions():
        values = {
            "name": shipped.name,
            "name_en": shipped.name_en,
            "level": shipped.level,
            "parent_id": shipped.parent,
            "lon": shipped.lon,
            "lat": shipped.lat,
        }
        values = {k: values[k] for k in wanted}
        if shipped.code not in current:
            create.append(Division(code=shipped.code, **values))
        elif shipped.code not in changed_by_hand and current[shipped.code] != tuple(
            values.values()
        ):
            update.append(Division(code=shipped.code, **values))
    Division.objects.bulk_create(create, batch_size=500)
    Division.objects.bulk_update(update, wanted, batch_size=500)
    return len(create)

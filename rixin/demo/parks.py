"""The parks of the article ("3+2" industrial parks, 三区一基地) and their published capacities."""

from __future__ import annotations

from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.directory.models import Enterprise
from rixin.parks import actions
from rixin.parks.models import Park, ParkKind
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

# (name, kind, lead enterprise, [(product, amount 万吨/年)]) — all as published.
PARKS = [
    ("寿阳经济技术开发区", ParkKind.DEVELOPMENT_ZONE, None, []),
    (
        "造纸产业园",
        ParkKind.INDUSTRIAL,
        "山西强伟纸业有限公司",
        [("石膏板护面纸", "60"), ("环保包装纸", "45"), ("生活用纸", "30"), ("漂白木浆", "10")],
    ),
    (
        "煤炭绿色循环产业园",
        ParkKind.INDUSTRIAL,
        None,
        [("煤矸石高值化利用", "180"), ("新能源环保材料", "10")],
    ),
    ("中储粮粮食产业园", ParkKind.INDUSTRIAL, "中央储备粮山西分公司", []),
    ("中储运煤炭物流园", ParkKind.LOGISTICS, None, [("煤炭发运", "1000")]),
    ("交通智慧物流百亿产业园区", ParkKind.LOGISTICS, None, []),
    ("太晋一体化寿阳(平头)融合发展区", ParkKind.INTEGRATION, None, []),
    ("城南新材料产业园", ParkKind.INDUSTRIAL, None, []),
]


def load(stdout=None) -> dict[str, int]:
    shouyang = Division.objects.get(code=SHOUYANG)
    created = {"parks": 0, "capacities": 0}
    actor = system_actor()
    for name, kind, lead, capacities in PARKS:
        if Park.objects.filter(county=shouyang, name=name).exists():
            continue
        enterprise = Enterprise.objects.filter(county=shouyang, name=lead).first() if lead else None
        park = actions.create_park(
            acting_user=actor, county=shouyang, name=name, kind=kind, lead_enterprise=enterprise
        )
        created["parks"] += 1
        for product, amount in capacities:
            actions.add_capacity(park, acting_user=actor, product=product, amount=Decimal(amount))
            created["capacities"] += 1
    return created

"""The parks of the article ("3+2" industrial parks, 三区一基地), their chain leaders and
published targets, and the capacity the library's projects declare.

Published (FACTS.md): the parks' names, 强伟 as the paper park's chain leader, the capacity
targets in 万吨/年, the 1000万吨/年 of the coal logistics park, the two "百亿园区" (paper and
coal green-circular) and 强伟's 30万吨 生活用纸 project. Invented, and so marked illustrative:
the areas and managing bodies (a park with either is flagged 示例).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from rixin.accounts.access import system_actor
from rixin.directory.models import Enterprise
from rixin.parks import actions
from rixin.parks.models import Park, ParkCapacity, ParkKind, ProjectCapacity
from rixin.projects.models import Project
from rixin.regions.data import SHOUYANG
from rixin.regions.models import Division

HUNDRED_BILLION = Decimal(1_000_000)  # 万元: a "百亿园区"'s revenue target, 100亿元
ZONE_BODY = "寿阳经济技术开发区管委会"


@dataclass
class ParkSpec:
    name: str
    kind: str
    chain: str = ""
    leaders: list[str] = field(default_factory=list)
    capacities: list[tuple[str, str]] = field(default_factory=list)  # (product, 万吨/年)
    revenue_target: Decimal | None = None
    area: str = ""  # 平方公里, invented
    managing_body: str = ""  # invented
    description: str = ""


PARKS = [
    ParkSpec(
        "寿阳经济技术开发区",
        ParkKind.DEVELOPMENT_ZONE,
        "智慧物流、环保造纸、高端装备制造、新能源",
        area="30",
        managing_body=ZONE_BODY,
    ),
    ParkSpec(
        "造纸产业园",
        ParkKind.INDUSTRIAL,
        "环保造纸",
        ["山西强伟纸业有限公司"],
        [("石膏板护面纸", "60"), ("环保包装纸", "45"), ("生活用纸", "30"), ("漂白木浆", "10")],
        HUNDRED_BILLION,
        area="3.5",
        managing_body=ZONE_BODY,
    ),
    ParkSpec(
        "煤炭绿色循环产业园",
        ParkKind.INDUSTRIAL,
        "煤炭绿色循环",
        capacities=[("煤矸石高值化利用", "180"), ("新能源环保材料", "10")],
        revenue_target=HUNDRED_BILLION,
        area="5",
        managing_body=ZONE_BODY,
        description="争创省级示范园区。",
    ),
    ParkSpec(
        "中储粮粮食产业园",
        ParkKind.INDUSTRIAL,
        "现代农业(粮食储备与加工)",
        ["中央储备粮山西分公司"],
        description="晋中地区规模最大的粮食产业园。",
    ),
    ParkSpec(
        "中储运煤炭物流园",
        ParkKind.LOGISTICS,
        "智慧物流(煤炭发运)",
        capacities=[("煤炭发运", "1000")],
    ),
    ParkSpec("交通智慧物流百亿产业园区", ParkKind.LOGISTICS, "智慧物流"),
    ParkSpec("太晋一体化寿阳(平头)融合发展区", ParkKind.INTEGRATION, "智慧物流、现代农业"),
    ParkSpec("城南新材料产业园", ParkKind.INDUSTRIAL, "新材料"),
]

# (project, product, 万吨/年): the capacity the library's projects declare, as published.
DECLARATIONS = [("强伟30万吨生活用纸加工基地项目", "生活用纸", "30")]


def load(stdout=None) -> dict[str, int]:
    shouyang = Division.objects.get(code=SHOUYANG)
    created = {"parks": 0, "capacities": 0}
    actor = system_actor()
    for spec in PARKS:
        if Park.objects.filter(county=shouyang, name=spec.name).exists():
            continue
        leaders = Enterprise.objects.filter(county=shouyang, name__in=spec.leaders)
        park = actions.create_park(
            acting_user=actor,
            county=shouyang,
            name=spec.name,
            kind=spec.kind,
            chain=spec.chain,
            area=Decimal(spec.area) if spec.area else None,
            managing_body=spec.managing_body,
            revenue_target=spec.revenue_target,
            description=spec.description,
            chain_leaders=list(leaders),
            is_illustrative=bool(spec.area or spec.managing_body),
        )
        created["parks"] += 1
        for product, amount in spec.capacities:
            actions.add_capacity(park, acting_user=actor, product=product, amount=Decimal(amount))
            created["capacities"] += 1
    return created


def load_project_capacities(stdout=None) -> dict[str, int]:
    """The projects' declarations: a step after the library's, which they refer to."""
    actor = system_actor()
    created = 0
    for project_name, product, amount in DECLARATIONS:
        project = Project.objects.filter(county_id=SHOUYANG, name=project_name).first()
        if project is None or project.park_id is None:
            continue
        target = ParkCapacity.objects.filter(park_id=project.park_id, product=product).first()
        if (
            target is None
            or ProjectCapacity.objects.filter(project=project, product=target).exists()
        ):
            continue
        actions.declare_project_capacity(
            project, acting_user=actor, product=target, amount=Decimal(amount), unit=target.unit
        )
        created += 1
    return {"declarations": created}

"""The demo's parks carry the article's targets and chain leaders."""

from decimal import Decimal

import pytest

from rixin.demo import parks as demo_parks
from rixin.parks.models import Park, ParkCapacity, ProjectCapacity

pytestmark = pytest.mark.django_db


def test_the_demo_parks_have_the_published_targets(personas):
    demo_parks.load()
    demo_parks.load()  # again: nothing new
    paper = Park.objects.get(county_id="140725", name="造纸产业园")
    assert [e.name for e in paper.chain_leaders.all()] == ["山西强伟纸业有限公司"]
    targets = {c.product: c.amount for c in ParkCapacity.objects.filter(park__county_id="140725")}
    assert targets == {
        "石膏板护面纸": Decimal(60),
        "环保包装纸": Decimal(45),
        "生活用纸": Decimal(30),
        "漂白木浆": Decimal(10),
        "煤矸石高值化利用": Decimal(180),
        "新能源环保材料": Decimal(10),
        "煤炭发运": Decimal(1000),
    }
    hundred = Park.objects.filter(county_id="140725", revenue_target__gte=1_000_000)
    assert sorted(p.name for p in hundred) == ["煤炭绿色循环产业园", "造纸产业园"]
    assert demo_parks.load_project_capacities() == {"declarations": 0}  # no library yet
    assert not ProjectCapacity.objects.exists()

"""The other ten counties of Jinzhong in the demo, so the city and province views compare
Shouyang with counties that have something to show.

The article gives no figures for them: every row here is invented and marked illustrative.
Each county gets, for 2024 1-6月 (the half-year the article reviews), a small library of
projects with their codes, sites, annual plans and monthly reports, investment leads with
their history and agreements, the year's and half-years' investment targets, enterprises and their
appeals, written by the scale data set's per-county generator (rixin/demo/scale.py) at a
demo's size. Their indicator figures come from the indicators step (rixin/demo/indicators.py),
which keeps Shouyang's published ranks; nothing here touches them, nor any Shouyang row.
"""

from __future__ import annotations

from decimal import Decimal

from rixin.demo import scale
from rixin.projects.models import Project
from rixin.regions.data import JINZHONG, SHOUYANG
from rixin.regions.models import Division

SEED = 20240724
SPAN = scale.Span(2024, 6, 6)  # 2024 1-6月
YEAR = SPAN.year
# Credit codes of generated enterprises carry the county's index; the demo's start here so
# they never meet those of a scale data set generated into the same database.
INDEX_BASE = 9000


def volume(index: int) -> scale.Volume:
    """A demo-sized county: 20 to 38 projects, 14 to 17 leads, a few appeals a month."""
    return scale.Volume(
        projects=20 + index * 2,
        months=SPAN.months,
        leads=14 + index % 4,
        activities_per_lead=1,
        appeals_per_year=18 + index % 5 * 3,
        enterprises=6,
        project_investment=(800, 60000),  # 万元
        lead_investment=(5000, 40000),
        signing_target=Decimal(160000 + index * 12000),  # 万元; each half-year's is half
        start_days=150,
        reports_of_started_only=True,
        half_year_targets=True,
    )


def counties() -> list[Division]:
    """Jinzhong's counties other than Shouyang, in code order."""
    return list(
        Division.objects.counties()
        .filter(parent_id=JINZHONG)
        .exclude(code=SHOUYANG)
        .order_by("code")
    )


def load(stdout=None) -> dict[str, int]:
    created = {"counties": 0, "rows": 0}
    for index, county in enumerate(counties()):
        if Project.objects.filter(county=county).exists():
            continue
        name = county.name
        created["rows"] += scale.generate_county(
            county.code,
            INDEX_BASE + index,
            volume=volume(index),
            span=SPAN,
            seed=SEED,
            indicators=[],
            project_name=lambda n, name=name: f"{name}示例项目{n + 1:03d}",
            first_serial=0,
        )
        created["counties"] += 1
    return created

from decimal import Decimal

import pytest

from rixin.investment import kpis
from rixin.investment.models import Agreement, SigningEvent
from rixin.projects.models import Project

pytestmark = pytest.mark.django_db


def test_demo_h1_reads_as_the_article_computed_from_agreements_and_projects(demo, client_for):
    county, _teams = kpis.progress(kpis.Period("140725", 2024, "h1"))
    assert county.signed_amount == Decimal("766400")
    assert county.signing_rate == Decimal("106.44")
    assert (county.start_rate, county.start_rate_completion) == (
        Decimal("50.00"),
        Decimal("125.00"),
    )
    totals = Project.objects.filter(county_id="140725").totals()
    assert (totals["count"], totals["investment"]) == (271, Decimal("7350000"))


def test_demo_conference_has_the_four_published_agreements(demo):
    event = SigningEvent.objects.get(county_id="140725")
    names = [a.company_names for a in Agreement.objects.filter(event=event).order_by("pk")]
    assert names == [
        ["中翰(天津)科技发展集团有限公司"],
        ["山西强伟纸业有限公司"],
        ["中央储备粮山西分公司"],
        ["山西路桥集团交通产业开发有限公司", "北京丰越供应链管理有限公司"],
    ]
    assert all(a.project_id for a in Agreement.objects.filter(event=event))

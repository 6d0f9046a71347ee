"""Lost leads carry a coded reason from the county's own list ("其他" with words), and the KPI
page breaks the losses down by reason."""

import importlib

import pytest
from django.core.exceptions import ValidationError

from rixin.accounts.access import system_actor
from rixin.investment import actions, kpis
from rixin.investment.choices import Stage
from rixin.investment.models import Lead, LostReason
from rixin.investment.tests import factories
from rixin.testing import SHOUYANG, division

pytestmark = pytest.mark.django_db


def lost(reason="", lost_reason=None, **fields):
    lead = factories.lead(**fields)
    return actions.move_lead(
        lead, Stage.TERMINATED, acting_user=system_actor(), reason=reason, lost_reason=lost_reason
    )


def test_a_termination_takes_a_coded_reason_from_the_county_list():
    lead = lost(lost_reason="被其他地区引走")
    assert lead.lost_reason.name == "被其他地区引走" and lead.termination_reason == ""
    assert LostReason.objects.filter(county_id=SHOUYANG).count() == 6


def test_words_alone_are_coded_other_and_other_needs_words():
    lead = lost(reason="企业被并购,项目取消")
    assert (lead.lost_reason.name, lead.termination_reason) == ("其他", "企业被并购,项目取消")
    with pytest.raises(ValidationError):
        lost(lost_reason="其他", company_name="乙企业")
    with pytest.raises(ValidationError):
        lost(company_name="丙企业")


def test_the_county_adds_its_own_reason(personas):
    added = actions.add_lost_reason(
        acting_user=personas.zhaoshang, county=division(SHOUYANG), name="环评未通过"
    )
    assert lost(lost_reason=str(added.pk)).lost_reason == added
    with pytest.raises(ValidationError):
        actions.add_lost_reason(
            acting_user=personas.zhaoshang, county=division(SHOUYANG), name="环评未通过"
        )


def test_the_kpi_page_shows_the_breakdown(personas, client_for):
    lost(lost_reason="资金不到位")
    lost(lost_reason="资金不到位", company_name="乙企业")
    lost(reason="另有原因", company_name="丙企业")
    rows = [(r.name, r.count) for r in kpis.lost_reasons(SHOUYANG)]
    assert rows == [("资金不到位", 2), ("其他", 1)]
    page = client_for(personas.leader).get("/investment/?county=140725")
    html = page.content.decode()
    assert "线索终止原因" in html and "资金不到位" in html and "66.7%" in html


def test_the_move_form_offers_the_list(personas, client_for):
    lead = factories.lead()
    client = client_for(personas.zhaoshang)
    client.post(
        f"/investment/leads/{lead.pk}/move/",
        {"stage": "terminated", "lost_reason": "选址或用地条件不满足"},
    )
    lead.refresh_from_db()
    assert lead.stage == Stage.TERMINATED and lead.lost_reason.name == "选址或用地条件不满足"
    assert client.get("/investment/lost-reasons/").status_code == 200


def test_the_migration_codes_the_free_text(personas):
    factories.lead()
    Lead.objects.update(stage=Stage.TERMINATED, termination_reason="资金不到位")
    factories.lead(company_name="乙企业")
    Lead.objects.filter(company_name="乙企业").update(
        stage=Stage.TERMINATED, termination_reason="老板改主意了"
    )
    migration = importlib.import_module("rixin.investment.migrations.0003_lost_reasons")
    from django.apps import apps

    migration.code_existing_reasons(apps, None)
    coded = dict(Lead.objects.values_list("company_name", "lost_reason__name"))
    assert coded == {"深圳示例科技有限公司": "资金不到位", "乙企业": "其他"}
    assert Lead.objects.get(company_name="乙企业").termination_reason == "老板改主意了"

import datetime
from decimal import Decimal

import pytest

from rixin.accounts.access import system_actor
from rixin.investment import actions, kpis
from rixin.investment.choices import Stage, TargetPeriod
from rixin.testing import SHOUYANG, division

from . import factories

pytestmark = pytest.mark.django_db
H1 = kpis.Period(SHOUYANG, 2024, TargetPeriod.H1)


def _target(**fields):
    fields.setdefault("signing_amount", Decimal("720000"))
    fields.setdefault("start_rate", Decimal("40"))
    return actions.set_target(
        acting_user=system_actor(), county=division(SHOUYANG), year=2024, period="h1", **fields
    )


def test_signing_completion_rate_is_signed_amount_over_target(personas):
    _target()
    factories.agreement(amount="500000", signed_on=datetime.date(2024, 3, 1))
    factories.agreement(amount="266400", signed_on=datetime.date(2024, 6, 30))
    factories.agreement(amount="99999", signed_on=datetime.date(2024, 7, 1))  # outside H1
    county, _teams = kpis.progress(H1)
    assert county.signed_amount == Decimal("766400")
    assert county.signing_rate == Decimal("106.44")


def test_start_rate_counts_agreements_whose_project_started(personas):
    _target()
    started = factories.agreement(amount="30000")
    reserve = factories.agreement(amount="10000")
    factories.agreement(amount="60000")
    factories.handed_over(started, started=True)
    factories.handed_over(reserve)  # in the library, not started
    county, _teams = kpis.progress(H1)
    assert (county.started_count, county.year_count) == (1, 3)
    assert county.start_rate == Decimal("33.33")
    assert county.start_rate_by_amount == Decimal("30.00")
    assert county.start_rate_completion == Decimal("83.33")


def test_no_target_gives_no_rate_rather_than_a_made_up_one(personas):
    factories.agreement()
    county, _teams = kpis.progress(H1)
    assert county.signing_rate is None and county.start_rate_completion is None


def test_team_progress_uses_its_own_target_and_agreements(personas):
    team = actions.create_team(
        acting_user=system_actor(), county=division(SHOUYANG), name="物流专班"
    )
    _target(team=team, signing_amount=Decimal("100000"))
    factories.agreement(amount="50000", team=team)
    factories.agreement(amount="70000")
    county, teams = kpis.progress(H1)
    (figures,) = teams
    assert figures.signed_amount == Decimal("50000") and figures.signing_rate == Decimal("50.00")
    assert county.signed_amount == Decimal("120000")


def test_funnel_counts_leads_that_ever_reached_each_stage(personas):
    factories.lead()
    factories.lead_in_negotiation()
    dropped = factories.lead_in_negotiation()
    actions.move_lead(dropped, Stage.TERMINATED, acting_user=system_actor(), reason="转投他地")
    steps = {s.stage: s for s in kpis.funnel(SHOUYANG)}
    assert [steps[s].reached for s in ("clue", "review", "negotiation", "signed")] == [3, 2, 2, 0]
    assert steps["review"].conversion == Decimal("66.67")


def test_weighted_pipeline_uses_the_county_probabilities(personas):
    factories.lead(intended_investment=Decimal("10000"))
    factories.lead_in_negotiation(intended_investment=Decimal("20000"))
    assert kpis.weighted_pipeline(SHOUYANG).weighted_total == Decimal("11000")  # 10% + 50%
    actions.set_pipeline_settings(
        division(SHOUYANG),
        acting_user=system_actor(),
        review_required=True,
        probabilities={"clue": 0},
    )
    assert kpis.weighted_pipeline(SHOUYANG).weighted_total == Decimal("10000")


def test_signed_amount_by_origin_city(personas):
    factories.agreement(amount="100", origin_city="深圳")
    factories.agreement(amount="300", origin_city="上海")
    factories.agreement(amount="50", origin_city="深圳")
    assert kpis.signed_by(H1, "origin_city") == [("上海", Decimal("300")), ("深圳", Decimal("150"))]


def test_default_period_is_the_latest_county_target_that_has_begun(personas):
    _target()
    period = kpis.default_period(SHOUYANG, datetime.date(2026, 1, 1))
    assert (period.year, period.period) == (2024, "h1")

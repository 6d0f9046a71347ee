import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.accounts.access import system_actor
from rixin.investment import actions
from rixin.investment.choices import ReviewOpinion, Stage
from rixin.investment.models import Lead, LeadStageChange
from rixin.testing import division

from . import factories

pytestmark = pytest.mark.django_db


def test_every_stage_change_is_a_row_with_actor_and_reason(personas):
    lead = factories.lead(user=personas.zhaoshang)
    actions.move_lead(lead, Stage.REVIEW, acting_user=personas.zhaoshang, reason="首次研判")
    rows = list(
        LeadStageChange.objects.filter(lead=lead).values_list("old", "new", "actor", "reason")
    )
    assert rows == [
        ("", Stage.CLUE, personas.zhaoshang.pk, ""),
        (Stage.CLUE, Stage.REVIEW, personas.zhaoshang.pk, "首次研判"),
    ]


def test_moving_past_review_without_an_opinion_is_refused(personas):
    lead = factories.lead(user=personas.zhaoshang)
    actions.move_lead(lead, Stage.REVIEW, acting_user=personas.zhaoshang)
    with pytest.raises(ValidationError, match="研判意见"):
        actions.move_lead(lead, Stage.NEGOTIATION, acting_user=personas.zhaoshang)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.REVIEW
    assert LeadStageChange.objects.filter(lead=lead).count() == 2


def test_county_can_turn_the_review_rule_off(personas):
    actions.set_pipeline_settings(
        division("140725"), acting_user=personas.county_admin, review_required=False
    )
    lead = factories.lead(user=personas.zhaoshang)
    actions.move_lead(lead, Stage.REVIEW, acting_user=personas.zhaoshang)
    moved = actions.move_lead(lead, Stage.NEGOTIATION, acting_user=personas.zhaoshang)
    assert moved.stage == Stage.NEGOTIATION


def test_a_drop_opinion_blocks_negotiation_even_when_the_rule_is_off(personas):
    actions.set_pipeline_settings(
        division("140725"), acting_user=system_actor(), review_required=False
    )
    lead = factories.lead(user=personas.zhaoshang)
    actions.move_lead(lead, Stage.REVIEW, acting_user=personas.zhaoshang)
    actions.record_review(
        lead, acting_user=personas.leader, opinion=ReviewOpinion.DROP, note="产能过剩"
    )
    with pytest.raises(ValidationError, match="放弃"):
        actions.move_lead(lead, Stage.NEGOTIATION, acting_user=personas.zhaoshang)


def test_leader_is_recorded_as_the_named_reviewer(personas):
    lead = factories.lead(user=personas.zhaoshang)
    actions.record_review(lead, acting_user=personas.leader, opinion=ReviewOpinion.PURSUE)
    lead.refresh_from_db()
    assert lead.reviewer == personas.leader and lead.reviewed_at is not None


def test_leads_move_one_stage_at_a_time(personas):
    lead = factories.lead(user=personas.zhaoshang)
    with pytest.raises(ValidationError, match="下一阶段"):
        actions.move_lead(lead, Stage.NEGOTIATION, acting_user=personas.zhaoshang)


def test_signing_needs_an_agreement_and_starting_needs_a_started_project(personas):
    lead = factories.lead_in_negotiation(user=personas.zhaoshang)
    with pytest.raises(ValidationError, match="签约协议"):
        actions.move_lead(lead, Stage.SIGNED, acting_user=personas.zhaoshang)
    agreement = factories.agreement(user=personas.zhaoshang, lead=lead)
    lead.refresh_from_db()
    assert lead.stage == Stage.SIGNED  # recording the agreement moved it
    with pytest.raises(ValidationError, match="尚未开工"):
        actions.move_lead(lead, Stage.STARTED, acting_user=personas.zhaoshang)
    factories.handed_over(agreement, started=True)
    assert actions.move_lead(lead, Stage.STARTED, acting_user=personas.zhaoshang).stage == "started"


def test_termination_needs_a_reason_and_the_lead_can_return_to_the_pool(personas):
    lead = factories.lead(user=personas.zhaoshang)
    with pytest.raises(ValidationError, match="原因"):
        actions.move_lead(lead, Stage.TERMINATED, acting_user=personas.zhaoshang)
    actions.move_lead(lead, Stage.TERMINATED, acting_user=personas.zhaoshang, reason="企业撤资")
    with pytest.raises(ValidationError, match="退回线索池"):
        actions.move_lead(lead, Stage.REVIEW, acting_user=personas.zhaoshang)
    back = actions.move_lead(lead, Stage.CLUE, acting_user=personas.zhaoshang)
    assert back.stage == Stage.CLUE and back.review_opinion == ""


def test_officer_of_another_department_cannot_move_a_lead(personas):
    lead = factories.lead(user=personas.zhaoshang)
    with pytest.raises(PermissionDenied):
        actions.move_lead(lead, Stage.REVIEW, acting_user=personas.officer)
    assert Lead.objects.get(pk=lead.pk).stage == Stage.CLUE


def test_zero_intended_investment_is_refused(personas):
    with pytest.raises(ValidationError) as caught:
        factories.lead(user=personas.zhaoshang, intended_investment=0)
    assert "intended_investment" in caught.value.message_dict
    assert not Lead.objects.exists()

"""延期: the lead department asks, 营商环境局 grants or refuses; each step is a row and the
deadline moves only on grant; the scorecards count the extensions granted."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from rixin.accounts.access import system_actor
from rixin.appeals import actions, scorecards
from rixin.appeals.choices import ExtensionDecision, Step
from rixin.appeals.models import Appeal

from .factories import dispatched, moment

D = datetime.date


def _asked(personas, days=5):
    appeal = dispatched(personas, at=moment("2024-07-01"))  # deadline 2024-07-08
    actions.acknowledge_appeal(appeal, acting_user=personas.officer, at=moment("2024-07-02"))
    actions.request_extension(
        appeal, days, "需等待供电公司勘察", acting_user=personas.officer, at=moment("2024-07-03")
    )
    return appeal


def _steps(appeal):
    return list(appeal.transitions.values_list("step", flat=True))


def test_a_request_is_a_row_and_leaves_the_deadline(personas):
    appeal = _asked(personas)
    appeal.refresh_from_db()
    assert appeal.deadline == D(2024, 7, 8)
    assert _steps(appeal)[-1] == Step.EXTENSION_REQUEST
    assert appeal.extensions.get().decision == ExtensionDecision.PENDING


def test_a_grant_moves_the_deadline_of_the_appeal_and_its_dispatch(personas):
    appeal = _asked(personas)
    assignment = appeal.assignments.get()
    actions.remind_assignment(assignment, acting_user=system_actor(), at=moment("2024-07-04"))
    actions.decide_extension(
        appeal, granted=True, acting_user=personas.yingshang, at=moment("2024-07-04", 15)
    )
    appeal.refresh_from_db()
    assignment.refresh_from_db()
    assert appeal.deadline == assignment.deadline == D(2024, 7, 15)
    assert assignment.reminded_at is None  # the clock reminds of the new deadline
    assert _steps(appeal)[-1] == Step.EXTENSION_GRANT


def test_a_refusal_is_a_row_and_keeps_the_deadline(personas):
    appeal = _asked(personas)
    actions.decide_extension(appeal, granted=False, note="时限充足", acting_user=personas.yingshang)
    appeal.refresh_from_db()
    assert appeal.deadline == D(2024, 7, 8)
    assert _steps(appeal)[-1] == Step.EXTENSION_REFUSE
    assert appeal.extensions.get().decision == ExtensionDecision.REFUSED


def test_only_the_business_environment_bureau_decides(personas):
    appeal = _asked(personas)
    for user in (personas.gongshanglian, personas.officer, personas.leader):
        with pytest.raises(PermissionDenied):
            actions.decide_extension(appeal, granted=True, acting_user=user)
    assert appeal.extensions.get().decision == ExtensionDecision.PENDING


def test_only_the_lead_department_asks_and_one_request_at_a_time(personas):
    appeal = _asked(personas)
    with pytest.raises(ValidationError):
        actions.request_extension(appeal, 3, "再延", acting_user=personas.officer)
    with pytest.raises(PermissionDenied):
        actions.request_extension(appeal, 3, "再延", acting_user=personas.transport)


def test_a_request_needs_a_reason_and_days_within_the_policy(personas):
    appeal = dispatched(personas)
    with pytest.raises(ValidationError):
        actions.request_extension(appeal, 3, "", acting_user=personas.officer)
    with pytest.raises(ValidationError):
        actions.request_extension(appeal, 31, "太忙", acting_user=personas.officer)
    assert not appeal.extensions.exists()


def test_the_pages_offer_the_steps(personas, client_for):
    appeal = dispatched(personas)
    officer = client_for(personas.officer)
    assert "/extend/" in officer.get(f"/appeals/{appeal.pk}/").content.decode()
    response = officer.post(
        f"/appeals/{appeal.pk}/extend/", {"deadline_days": "4", "note": "材料未齐"}
    )
    assert response.status_code == 302
    desk = client_for(personas.yingshang).get(f"/appeals/{appeal.pk}/").content.decode()
    assert "/grant_extension/" in desk and "/refuse_extension/" in desk
    federation = client_for(personas.gongshanglian).get(f"/appeals/{appeal.pk}/").content.decode()
    assert "/grant_extension/" not in federation
    client_for(personas.yingshang).post(f"/appeals/{appeal.pk}/grant_extension/", {"note": ""})
    assert appeal.extensions.get().decision == ExtensionDecision.GRANTED


def test_scorecards_count_the_extensions_granted(personas):
    granted = _asked(personas)
    actions.decide_extension(granted, granted=True, acting_user=personas.yingshang)
    refused = _asked(personas)
    actions.decide_extension(refused, granted=False, acting_user=personas.yingshang)
    cards = scorecards.department_scorecards(Appeal.objects.all(), "140725", D(2024, 12, 31))
    card = {c.department.pk: c for c in cards}[personas.officer.department_id]
    assert card.extensions == 1


def test_the_scorecard_page_shows_the_extensions_column(personas, client_for):
    page = client_for(personas.leader).get("/appeals/scorecards/").content.decode()
    assert "延期" in page

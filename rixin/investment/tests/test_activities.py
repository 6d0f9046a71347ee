import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rixin.accounts.access import MissingActor, system_actor
from rixin.audit.models import AuditEvent
from rixin.investment import actions
from rixin.investment.models import Activity
from rixin.testing import SHOUYANG, division

from . import factories

pytestmark = pytest.mark.django_db


def _follow_up(lead, next_contact_on, user=None):
    return actions.record_activity(
        acting_user=user or system_actor(),
        county=division(SHOUYANG),
        kind="follow_up",
        lead=lead,
        start_date=timezone.localdate() - datetime.timedelta(days=10),
        next_contact_on=next_contact_on,
    )


def test_team_sees_follow_ups_due_today_and_overdue(personas, client_for):
    today = timezone.localdate()
    _follow_up(factories.lead(company_name="今日企业"), today)
    _follow_up(factories.lead(company_name="逾期企业"), today - datetime.timedelta(days=3))
    _follow_up(factories.lead(company_name="将来企业"), today + datetime.timedelta(days=3))
    visible = Activity.objects.visible_to(personas.zhaoshang)
    assert [a.lead.company_name for a in visible.due_on(today)] == ["今日企业"]
    assert [a.lead.company_name for a in visible.overdue_on(today)] == ["逾期企业"]
    response = client_for(personas.zhaoshang).get("/investment/activities/")
    assert "今日企业" in response.text and "逾期企业" in response.text


def test_a_new_activity_settles_the_leads_earlier_follow_up(personas):
    lead = factories.lead()
    first = _follow_up(lead, timezone.localdate() - datetime.timedelta(days=1))
    _follow_up(lead, timezone.localdate() + datetime.timedelta(days=7), user=personas.zhaoshang)
    first.refresh_from_db()
    assert first.next_contact_done


def test_a_visit_needs_its_cities(personas):
    with pytest.raises(ValidationError) as caught:
        actions.record_activity(
            acting_user=personas.zhaoshang,
            county=division(SHOUYANG),
            kind="visit",
            start_date=datetime.date(2024, 3, 4),
        )
    assert "cities" in caught.value.message_dict
    assert not Activity.objects.exists()


def test_activity_on_a_lead_of_another_county_is_refused(personas):
    with pytest.raises(ValidationError):
        _follow_up(factories.lead("140702"), timezone.localdate(), user=personas.zhaoshang)
    assert not Activity.objects.exists()


def test_settling_earlier_follow_ups_leaves_an_audit_record_per_settled_activity(personas):
    lead = factories.lead()
    today = timezone.localdate()
    first = _follow_up(lead, today)
    second = _follow_up(lead, today + datetime.timedelta(days=1))
    # Only ``first`` was open when ``second`` was recorded; now a third settles ``second``.
    third = _follow_up(lead, None, user=personas.zhaoshang)
    settled = AuditEvent.objects.filter(
        object_type="investment.activity", after={"next_contact_done": True}
    )
    assert sorted(int(e.object_id) for e in settled) == [first.pk, second.pk]
    last = settled.get(object_id=str(second.pk))
    assert last.user == personas.zhaoshang
    assert last.before == {"next_contact_done": False}
    assert str(third) in last.message


def test_an_activity_without_an_actor_is_refused_and_leaves_no_row():
    lead = factories.lead()
    with pytest.raises(MissingActor):
        actions.record_activity(
            acting_user=None,
            county=division(SHOUYANG),
            kind="follow_up",
            lead=lead,
            start_date=timezone.localdate(),
        )
    assert not Activity.objects.exists()

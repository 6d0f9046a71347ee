"""notify() writes the outbox in the action's transaction and sends nothing itself."""

import pytest
from django.db import transaction

from rixin.accounts.access import MissingActor
from rixin.notices import actions
from rixin.notices.choices import ChannelKind, Event
from rixin.notices.models import Delivery, Notice


def test_notify_writes_one_inbox_row_per_recipient_and_the_enabled_channels(
    personas, actor, county
):
    actions.save_channel_settings(
        county,
        {"email_enabled": True, "wecom_enabled": True, "wecom_webhook": "https://x.example/"},
        acting_user=actor,
    )
    personas.transport.email = "a@example.org"
    with transaction.atomic():
        notices = actions.notify(
            Event.RETURN,
            recipients=[personas.transport, personas.yingshang, personas.transport],
            title="退单",
            county=county,
            acting_user=actor,
        )
    assert len(notices) == 2 and Notice.objects.count() == 2
    channels = sorted(Delivery.objects.values_list("channel", flat=True))
    # Email to the one with an address; the group robot once for the call.
    assert channels == sorted([ChannelKind.EMAIL, ChannelKind.WECOM])


def test_a_rolled_back_action_leaves_no_notice(personas, actor, county):
    with pytest.raises(RuntimeError), transaction.atomic():
        actions.notify(
            Event.DISPATCH,
            recipients=[personas.transport],
            title="x",
            county=county,
            acting_user=actor,
        )
        raise RuntimeError("the action failed after notifying")
    assert not Notice.objects.exists()


def test_notify_needs_an_actor(personas, county):
    with pytest.raises(MissingActor), transaction.atomic():
        actions.notify(
            Event.DISPATCH,
            recipients=[personas.transport],
            title="x",
            county=county,
            acting_user=None,
        )


@pytest.mark.django_db(transaction=True)
def test_notify_outside_a_transaction_is_refused():
    from rixin.accounts.access import system_actor
    from rixin.testing import SHOUYANG, build_personas

    personas = build_personas()
    with pytest.raises(actions.NotInTransaction):
        actions.notify(
            Event.DISPATCH,
            recipients=[personas.transport],
            title="x",
            county=SHOUYANG,
            acting_user=system_actor(),
        )


def test_only_the_worker_claims_deliveries(personas):
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    with pytest.raises(PermissionDenied):
        actions.claim_due(batch=1, now=timezone.now(), acting_user=personas.county_admin)

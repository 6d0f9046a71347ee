"""The worker's loop: claim due deliveries, send each through its channel, record the
attempt. The writes are the steps in ``actions``; this module only sends.

The guarantee, honestly: every notice reaches the in-app inbox exactly once (it is the row
``notify`` writes in the action's transaction). Each other channel receives it at least
once: "sending" is committed before the request leaves and "sent" after the channel
accepted it, so a worker killed between the two leaves the row "sending"; when its lease
has run out another run sends it again with the same idempotency key. The SMS gateway
adapter sends the key in its body and a gateway that honours it answers the repeat
without sending a second message; email carries the key as its Message-ID; the robot
webhooks of 企业微信 and 钉钉 have no such field, so only there a crash in that window can
post a notice twice. Within one attempt nothing is sent twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.utils import timezone

from . import actions
from .channels import SENDERS, ChannelError
from .choices import DeliveryStatus
from .models import ChannelSettings

log = logging.getLogger(__name__)


@dataclass
class Run:
    claimed: int = 0
    statuses: dict[str, int] = field(default_factory=dict)


def deliver_due(*, acting_user, batch: int = 50, now=None) -> Run:
    """One pass: claim up to ``batch`` due deliveries and attempt each once."""
    now = now or timezone.now()
    token, claimed = actions.claim_due(batch=batch, now=now, acting_user=acting_user)
    run = Run(claimed=len(claimed))
    counties: dict[str, ChannelSettings] = {}
    for delivery in claimed:
        code = delivery.notice.county_id
        if code not in counties:
            counties[code] = ChannelSettings.for_county(code)
        status = deliver_one(
            delivery, counties[code], token=token, now=now, acting_user=acting_user
        )
        run.statuses[status] = run.statuses.get(status, 0) + 1
    return run


def deliver_one(delivery, channels: ChannelSettings, *, token: str, now, acting_user) -> str:
    """One attempt; ``now`` is the pass's clock (the back-off counts from it)."""
    if not actions.begin_attempt(delivery, token=token, acting_user=acting_user):
        return "lost"
    ok, error, response = False, "", ""
    try:
        response = SENDERS[delivery.channel](delivery, channels)
        ok = True
    except ChannelError as exc:
        error = str(exc)
    except Exception as exc:  # a bug in one channel must not stop the batch
        log.exception("delivery %s failed", delivery.pk)
        error = f"{type(exc).__name__}: {exc}"
    status = actions.finish_attempt(
        delivery,
        token=token,
        ok=ok,
        error=error,
        response=response,
        now=now,
        acting_user=acting_user,
    )
    if status == DeliveryStatus.FAILED:
        log.warning("delivery %s given up: %s", delivery.pk, error)
    return status

"""The single place where the appeal loop's events reach the notice outbox.

Every notice-worthy step of an appeal calls ``announce`` from inside its action's
transaction: 派单, 改派, 退单, the deadline reminder, overdue, 督办, an answer waiting for
the enterprise's mark, an extension decided, and a marking link to send. For now it records
nothing beyond what the step's Transition row already records; once the notice outbox
(``rixin.notices.notify``) is merged, this function hands each event to it, in the same
transaction, so a notice is written if and only if its step is.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rixin.accounts.models import User

    from .models import Appeal

# The events, by name (what the outbox will key its templates and channels on).
DISPATCHED = "appeal.dispatched"
REASSIGNED = "appeal.reassigned"
RETURNED = "appeal.returned"
REMINDER = "appeal.deadline_reminder"
OVERDUE = "appeal.overdue"
ESCALATED = "appeal.escalated"
AWAITING_MARK = "appeal.awaiting_mark"
EXTENSION_DECIDED = "appeal.extension_decided"
MARKING_LINK = "appeal.marking_link"

EVENTS = frozenset(
    {
        DISPATCHED,
        REASSIGNED,
        RETURNED,
        REMINDER,
        OVERDUE,
        ESCALATED,
        AWAITING_MARK,
        EXTENSION_DECIDED,
        MARKING_LINK,
    }
)


def announce(
    event: str,
    appeal: Appeal,
    *,
    recipients: Sequence,
    acting_user: User,
    at: datetime.datetime,
    details: Mapping | None = None,
) -> None:
    """Announce ``event`` of ``appeal`` to ``recipients`` (departments, users, an
    enterprise, or a contact's phone number or e-mail address), as ``acting_user`` at
    ``at``. ``details`` carries what the notice needs beyond the appeal (a marking link,
    the new deadline). This is the single place where appeal events reach the notice
    outbox; until it is connected to ``rixin.notices.notify`` it only checks its input."""
    if event not in EVENTS:
        raise ValueError(f"unknown appeal event {event!r}")

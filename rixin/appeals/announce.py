"""The single place where the appeal loop's events reach the notice outbox.

Every notice-worthy step of an appeal calls ``announce`` from inside its action's
transaction: 派单, 改派, 退单, the deadline reminder, overdue, 督办, an answer waiting for
the enterprise's mark, an extension decided, and a marking link to send. It hands each event
to the notice outbox (``rixin.notices.actions.notify``) in the same transaction, so a notice
is written if and only if its step is, and the ``deliver_notices`` worker sends it after the
commit. Departments and enterprises are reached through their active accounts. A contact
that is only a phone number or an e-mail address (an enterprise without an account, a
complainant) has no inbox: the outbox sends it the notice by SMS or e-mail (``notify``'s
``addresses``), if the county has that channel on; the marking link is also shown once to
the 工商联 to pass on.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from rixin.notices.choices import ChannelKind, Event

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

# The outbox's event for each appeal event that reaches people's inboxes.
OUTBOX_EVENTS = {
    DISPATCHED: Event.DISPATCH,
    REASSIGNED: Event.REASSIGN,
    RETURNED: Event.RETURN,
    REMINDER: Event.DEADLINE_REMINDER,
    OVERDUE: Event.OVERDUE,
    ESCALATED: Event.ESCALATE,
    AWAITING_MARK: Event.ANSWER_TO_MARK,
    EXTENSION_DECIDED: Event.EXTENSION_DECIDED,
    MARKING_LINK: Event.MARKING_LINK,
}

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
    outbox."""
    if event not in EVENTS:
        raise ValueError(f"unknown appeal event {event!r}")
    if event not in OUTBOX_EVENTS:
        return
    from rixin.notices.actions import notify

    details = details or {}
    people = _accounts(recipients)
    contacts = _contacts(recipients)
    if not people and not contacts:
        return
    label = OUTBOX_EVENTS[event].label
    title = f"{label}:{appeal.number} {appeal.title}"
    if event == MARKING_LINK:
        # The link is the contact's alone: sent to the phone or address, never to an inbox
        # or a group robot, and the notice carries the whole address to open.
        body = _("请打开链接评价答复(一次有效,至%(d)s):%(url)s") % {
            "d": details["expires_on"],
            "url": f"{settings.RIXIN_PUBLIC_URL}{details['path']}",
        }
        notify(
            Event.MARKING_LINK,
            recipients=[],
            addresses=contacts,
            title=title,
            body=body,
            county=appeal.county_id,
            acting_user=acting_user,
        )
        return
    deadline = details.get("deadline")
    body = _("办理时限:%(d)s") % {"d": deadline} if deadline else ""
    if event == EXTENSION_DECIDED:
        body = (_("同意延期。") if details.get("granted") else _("不同意延期。")) + body
    notify(
        OUTBOX_EVENTS[event],
        recipients=people,
        addresses=contacts,
        title=title,
        body=body,
        link=reverse("appeal_detail", args=[appeal.pk]),
        county=appeal.county_id,
        acting_user=acting_user,
    )


def _contacts(recipients: Sequence) -> list[tuple[str, str]]:
    """The bare addresses among the recipients: an e-mail address by mail, a phone number
    by SMS."""
    found = []
    for r in recipients:
        if isinstance(r, str) and r.strip():
            channel = ChannelKind.EMAIL if "@" in r else ChannelKind.SMS
            found.append((channel, r.strip()))
    return found


def _accounts(recipients: Sequence) -> list[User]:
    """The active accounts behind the recipients: a department's officers, an enterprise's
    users, a user itself; bare phone numbers and addresses have no account."""
    from rixin.accounts.models import User
    from rixin.directory.models import Department, Enterprise

    users = [r for r in recipients if isinstance(r, User)]
    departments = [r.pk for r in recipients if isinstance(r, Department)]
    enterprises = [r.pk for r in recipients if isinstance(r, Enterprise)]
    if departments or enterprises:
        users += list(
            User.objects.filter(is_active=True).filter(
                Q(department_id__in=departments) | Q(enterprise_id__in=enterprises)
            )
        )
    return list({u.pk: u for u in users}.values())

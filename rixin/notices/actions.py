"""The writes of the notices app: ``notify`` (the outbox, written in the caller's
transaction), reading notices, the channel settings, and the worker's three steps (claim,
begin an attempt, finish it). The worker's steps write no audit event: each attempt is a
``DeliveryAttempt`` row of its own, which is the record of what was sent where."""

from __future__ import annotations

import datetime
import os
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from rixin.accounts.access import is_system, require_actor
from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction

from . import access
from .choices import DUE_STATUSES, PERSONAL_CHANNELS, ChannelKind, DeliveryStatus, Event
from .models import (
    ChannelSettings,
    Delivery,
    DeliveryAttempt,
    Notice,
    NoticeAttachment,
    NoticePreference,
)

Attachment = str | Path | tuple[str, str | Path]


class NotInTransaction(RuntimeError):
    """``notify`` was called outside the action's ``transaction.atomic``."""


def _county_code(county: Any) -> str:
    return county if isinstance(county, str) else county.pk


def _attachments(attachments: Iterable[Attachment]) -> list[tuple[str, str]]:
    """(name, absolute path) of each file, a bare path named by its file name. A file that
    is not there is the caller's mistake, raised before anything is written."""
    found = []
    for item in attachments:
        name, path = item if isinstance(item, tuple) else (Path(item).name, item)
        path = Path(path).resolve()
        if not path.is_file():
            raise FileNotFoundError(path)
        found.append((str(name or path.name)[:200], str(path)))
    return found


def notify(
    event: str,
    *,
    recipients: Iterable,
    title: str,
    body: str = "",
    link: str = "",
    county: Any,
    acting_user,
    addresses: Iterable[tuple[str, str]] = (),
    attachments: Iterable[Attachment] = (),
) -> list[Notice]:
    """Write the notices of ``event`` to the outbox: one inbox row per recipient, and a
    pending delivery for each channel the county and the person have switched on (the
    county's group robots once per call). Nothing is sent here: the ``deliver_notices``
    worker sends after the caller's transaction has committed, so an action rolled back
    sends nothing and a crash after the commit loses nothing.

    ``addresses`` are contacts without an account, as (channel, address) pairs, e.g.
    ``(ChannelKind.SMS, "13900000000")``: each gets a notice with no recipient (no one's
    inbox) and one delivery, if the county has that channel switched on. What is sent to
    a contact alone (a marking link) is never posted to the group robots.

    ``attachments`` are files, as paths or (name, path) pairs: each notice keeps their
    paths (not their bytes), and the email channel attaches them; the robots, SMS and the
    inbox carry the link only."""
    require_actor(acting_user)
    if not connection.in_atomic_block:
        raise NotInTransaction("notify() belongs inside the action's transaction.atomic")
    files = _attachments(attachments)
    event = Event(event)
    code = _county_code(county)
    people = {u.pk: u for u in recipients if u is not None and u.is_active and not is_system(u)}
    contacts = {(ChannelKind(c), a.strip()) for c, a in addresses if a and a.strip()}
    if not people and not contacts:
        return []
    channels = ChannelSettings.for_county(code)
    contacts = sorted(
        (c, a) for c, a in contacts if c in PERSONAL_CHANNELS and getattr(channels, f"{c}_enabled")
    )
    if not people and not contacts:
        return []
    preferences = {p.user_id: p for p in NoticePreference.objects.filter(user_id__in=list(people))}
    batch = uuid.uuid4()
    rows = [*people.values(), *(None for _contact in contacts)]
    notices = Notice.objects.bulk_create(
        Notice(
            county_id=code,
            recipient=user,
            event=event,
            title=title[:120],
            body=body[:2000],
            link=link[:300],
            batch=batch,
        )
        for user in rows
    )
    deliveries = [
        _delivery(notice, channel, address)
        for notice, (channel, address) in zip(notices[len(people) :], contacts, strict=True)
    ]
    for index, notice in enumerate(notices[: len(people)]):
        user = people[notice.recipient_id]
        preference = preferences.get(user.pk) or NoticePreference(user=user)
        for channel in PERSONAL_CHANNELS:
            enabled = getattr(channels, f"{channel}_enabled")
            address = preference.address(channel) if enabled else ""
            if address:
                deliveries.append(_delivery(notice, channel, address))
        if index == 0:  # the group robots post once for the whole call
            deliveries.extend(
                _delivery(notice, channel, "") for channel in channels.group_channels()
            )
    Delivery.objects.bulk_create(deliveries)
    NoticeAttachment.objects.bulk_create(
        NoticeAttachment(notice=notice, name=name, path=path)
        for notice in notices
        for name, path in files
    )
    record_event(
        AuditAction.CREATE,
        acting_user=acting_user,
        object_type="notices.notice",
        object_id=str(batch),
        object_repr=title[:200],
        county=code,
        after={
            "event": event.value,
            "recipients": sorted(people),
            "contacts": len(contacts),
            "deliveries": len(deliveries),
            "attachments": [name for name, _path in files],
        },
        message=f"{event.label}: {len(notices)}",
    )
    return notices


def _delivery(notice: Notice, channel: str, address: str) -> Delivery:
    return Delivery(
        notice=notice, channel=channel, address=address, idempotency_key=uuid.uuid4().hex
    )


# ---------------------------------------------------------------- the inbox


@transaction.atomic
def mark_read(notices, *, owner, acting_user) -> int:
    """Mark ``owner``'s unread notices among ``notices`` read; how many were."""
    access.check_own(acting_user, owner)
    count = notices.filter(recipient=owner, read_at__isnull=True).update(read_at=timezone.now())
    if count:
        record_event(
            AuditAction.UPDATE,
            acting_user=acting_user,
            object_type="notices.notice",
            object_repr=f"{count}",
            message="read",
        )
    return count


# ---------------------------------------------------------------- settings


def _settings_snapshot(obj: ChannelSettings) -> dict:
    """The settings without their secrets (the audit log shows only that they changed)."""
    data = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        data[field.attname] = ("***" if value else "") if field.name in obj.SECRET_FIELDS else value
    return data


@transaction.atomic
def save_channel_settings(
    county_code: str, changes: dict[str, Any], *, acting_user
) -> ChannelSettings:
    access.check_county_channels(acting_user, county_code)
    obj = ChannelSettings.for_county(county_code)
    before = _settings_snapshot(obj) if obj.pk else None
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    record_event(
        AuditAction.UPDATE if before else AuditAction.CREATE,
        acting_user=acting_user,
        obj=obj,
        before=before,
        after=_settings_snapshot(obj),
    )
    return obj


@transaction.atomic
def save_preference(user, changes: dict[str, Any], *, acting_user) -> NoticePreference:
    access.check_own(acting_user, user)
    obj = NoticePreference.objects.filter(user=user).first() or NoticePreference(user=user)
    before = {f: getattr(obj, f) for f in changes} if obj.pk else None
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    record_event(
        AuditAction.UPDATE if before else AuditAction.CREATE,
        acting_user=acting_user,
        obj=obj,
        before=before,
        after={f: getattr(obj, f) for f in changes},
    )
    return obj


# ---------------------------------------------------------------- the worker's steps


def _setting(name: str, default: int) -> int:
    """A Django setting, else the environment variable of the same name, else ``default``."""
    return int(getattr(settings, name, os.environ.get(name, default)))


def lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=_setting("RIXIN_NOTICE_LEASE_SECONDS", 300))


def back_off(attempts: int) -> datetime.timedelta:
    """Exponential: base, 2×base, 4×base … after the 1st, 2nd, 3rd failure (capped)."""
    base = _setting("RIXIN_NOTICE_BACKOFF_SECONDS", 60)
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def claim_due(*, batch: int, now: datetime.datetime, acting_user) -> tuple[str, list[Delivery]]:
    """Take up to ``batch`` due deliveries for this worker: a conditional UPDATE that sets a
    claim token and a lease only on rows still due and unclaimed (on PostgreSQL the
    candidates are locked with SKIP LOCKED first, so two workers never wait on each other).
    A worker that dies leaves its lease to expire; the rows are then due again."""
    access.check_worker(acting_user)
    token = uuid.uuid4().hex
    with transaction.atomic():
        candidates = Delivery.objects.due(now).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:batch])
        if ids:
            Delivery.objects.due(now).filter(pk__in=ids).update(
                claim_token=token, claimed_until=now + lease()
            )
    claimed = Delivery.objects.filter(claim_token=token, status__in=DUE_STATUSES)
    return token, list(claimed.select_related("notice").order_by("pk"))


def begin_attempt(delivery: Delivery, *, token: str, acting_user) -> bool:
    """Record "sending" (with the key) before anything leaves, committed at once. False if
    the claim was lost (the lease ran out and another worker took the row)."""
    access.check_worker(acting_user)
    with transaction.atomic():
        updated = Delivery.objects.filter(
            pk=delivery.pk, claim_token=token, status__in=DUE_STATUSES
        ).update(status=DeliveryStatus.SENDING, attempts=delivery.attempts + 1)
    delivery.attempts += 1
    delivery.status = DeliveryStatus.SENDING
    return bool(updated)


def finish_attempt(
    delivery: Delivery,
    *,
    token: str,
    ok: bool,
    error: str = "",
    response: str = "",
    now: datetime.datetime,
    acting_user,
) -> str:
    """Record the attempt; mark the delivery sent (once: only a row not yet sent changes),
    or due again after the back-off, or failed after the last attempt. The new status."""
    access.check_worker(acting_user)
    max_attempts = _setting("RIXIN_NOTICE_MAX_ATTEMPTS", 8)
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            delivery=delivery,
            channel=delivery.channel,
            at=now,
            ok=ok,
            error=error[:500],
            response=response[:1000],
        )
        row = Delivery.objects.filter(pk=delivery.pk, status__in=DUE_STATUSES)
        if ok:
            status, changes = DeliveryStatus.SENT, {"sent_at": now, "last_error": ""}
        elif delivery.attempts >= max_attempts:
            status, changes = DeliveryStatus.FAILED, {"last_error": error[:500]}
        else:
            status = DeliveryStatus.PENDING
            changes = {
                "next_attempt_at": now + back_off(delivery.attempts),
                "last_error": error[:500],
            }
        if not ok:  # a lost claim's failure is the new holder's to retry
            row = row.filter(claim_token=token)
        # A success marks the row sent even if the lease ran out meanwhile: the channel has
        # it, and the worker now holding the row must not send it again.
        row.update(status=status, claim_token="", claimed_until=None, **changes)
    delivery.status = status
    return status

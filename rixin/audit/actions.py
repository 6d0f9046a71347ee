"""The write helpers every action uses: validate, save in a transaction, record the change.
Each needs the actor (a user, or ``rixin.accounts.access.system_actor()`` for commands and the
demo loader): ``acting_user=None`` raises ``MissingActor``."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

from rixin import figurecache
from rixin.accounts.access import require_actor

from .context import current_origin
from .models import AuditAction, AuditEvent, Outcome

M = TypeVar("M", bound=models.Model)


class StaleEdit(ValidationError):
    """Someone else saved the object after this form was opened."""

    def __init__(self):
        super().__init__(
            _("保存失败:在您编辑期间,其他人已修改了此记录。请刷新页面,查看最新内容后重新修改。"),
            code="stale",
        )


def _json_value(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or None
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


_SECRET_FIELDS = frozenset({"password", "key_hash", "tile_key"})


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete fields as JSON-safe values (foreign keys as ids)."""
    data = {}
    for field in obj._meta.concrete_fields:
        if field.attname in _SECRET_FIELDS:
            continue
        data[field.attname] = _json_value(getattr(obj, field.attname))
    return data


def object_county(obj: models.Model | None) -> str:
    if obj is None:
        return ""
    code = getattr(obj, "county_id", None)
    return code or ""


# The records that change no figure: the cached figures keep their data version.
_READS_AND_SESSIONS = frozenset(
    {
        AuditAction.EXPORT,
        AuditAction.LOGIN,
        AuditAction.LOGIN_FAILED,
        AuditAction.LOCKED_OUT,
        AuditAction.LOGOUT,
        AuditAction.DENIED,
        AuditAction.SECURITY,
    }
)


def _figures_changed(action: str, outcome: str, county: str) -> None:
    """Every audited change raises its county's data version once the write commits (every
    county's, for a change that belongs to none), so no cached figure outlives it."""
    if outcome == Outcome.SUCCESS and action not in _READS_AND_SESSIONS:
        figurecache.bump(county)


def _who(acting_user, username: str = "") -> dict[str, Any]:
    """The actor and origin fields every audit record carries."""
    origin = current_origin()
    authenticated = acting_user is not None and getattr(acting_user, "is_authenticated", False)
    return {
        "user": acting_user if authenticated else None,
        "username": (acting_user.get_username() if authenticated else username)[:150],
        "role": getattr(acting_user, "role", "") if authenticated else "",
        "ip": origin.ip,
        "request_id": origin.request_id,
        "channel": origin.channel,
    }


def record_event(
    action: str,
    *,
    acting_user,
    anonymous: bool = False,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    outcome: str = Outcome.SUCCESS,
    message: str = "",
    object_type: str = "",
    object_id: str = "",
    object_repr: str = "",
    county: str = "",
    username: str = "",
) -> AuditEvent:
    """One audit record. ``acting_user`` is who did it: a user or ``system_actor()``. Only an
    event that has no user by nature (a failed login, a refused anonymous request) is
    recorded without one, and says so: ``acting_user=None, anonymous=True`` (with the
    ``username`` typed, if any)."""
    if anonymous:
        if acting_user is not None and getattr(acting_user, "is_authenticated", False):
            raise ValueError("an anonymous event has no acting_user")
    else:
        require_actor(acting_user)
    event = AuditEvent.objects.create(
        **_who(acting_user, username),
        action=action,
        object_type=object_type or (obj._meta.label_lower if obj is not None else ""),
        object_id=object_id or (str(obj.pk) if obj is not None and obj.pk is not None else ""),
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:200],
        county=county or object_county(obj),
        before=before,
        after=after,
        outcome=outcome,
        message=str(message)[:500],
    )
    _figures_changed(event.action, event.outcome, event.county)
    return event


def record_events(
    action: str,
    changes: list[tuple[models.Model, dict | None, dict | None]],
    *,
    acting_user,
    message: str = "",
) -> int:
    """One audit record per object in a single INSERT: how a bulk write (an imported file of
    thousands of rows) keeps the rule "every write has its record" without a query per row.
    ``changes`` holds (object, before, after)."""
    require_actor(acting_user)
    who = _who(acting_user)
    events = [
        AuditEvent(
            **who,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            object_repr=str(obj)[:200],
            county=object_county(obj),
            before=before,
            after=after,
            message=str(message)[:500],
        )
        for obj, before, after in changes
    ]
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    for county in {event.county for event in events}:
        _figures_changed(action, Outcome.SUCCESS, county)
    return len(events)


def _changed(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


@transaction.atomic
def audited_create(model: type[M], *, acting_user, message: str = "", **fields: Any) -> M:
    require_actor(acting_user)
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    record_event(
        AuditAction.CREATE, acting_user=acting_user, obj=obj, after=snapshot(obj), message=message
    )
    return obj


@transaction.atomic
def audited_update(
    obj: M,
    changes: dict[str, Any],
    *,
    acting_user,
    expected_version: int | None = None,
    message: str = "",
    action: str = AuditAction.UPDATE,
    validate: bool = True,
) -> M:
    """Apply ``changes``; with ``expected_version`` refuse a stale edit (StaleEdit)."""
    require_actor(acting_user)
    before = snapshot(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    if validate:
        obj.full_clean()
    if hasattr(obj, "version"):
        current = expected_version if expected_version is not None else obj.version
        claimed = (
            type(obj)
            ._base_manager.filter(pk=obj.pk, version=current)
            .update(version=F("version") + 1)
        )
        if not claimed:
            raise StaleEdit()
        obj.version = current + 1
    obj.save()
    old, new = _changed(before, snapshot(obj))
    if old or new:
        record_event(
            action, acting_user=acting_user, obj=obj, before=old, after=new, message=message
        )
    return obj


@transaction.atomic
def audited_delete(obj: models.Model, *, acting_user, message: str = "") -> None:
    require_actor(acting_user)
    before = snapshot(obj)
    county = object_county(obj)
    label, pk, text = obj._meta.label_lower, str(obj.pk), str(obj)
    obj.delete()
    record_event(
        AuditAction.DELETE,
        acting_user=acting_user,
        before=before,
        message=message,
        object_type=label,
        object_id=pk,
        object_repr=text,
        county=county,
    )

"""The write helpers every action uses: validate, save in a transaction, record the change.
Each needs the actor (a user, or ``rixin.accounts.access.system_actor()`` for commands and the
demo loader): ``acting_user=None`` raises ``MissingActor``."""

from __future__ import annotations

import datetime
import decimal
import functools
import uuid
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.db.models import F
from django.db.models.fields.files import FieldFile
from django.utils import timezone
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
    return record_rows(
        action,
        [
            (obj._meta.label_lower, obj.pk, str(obj), object_county(obj), before, after)
            for obj, before, after in changes
        ],
        acting_user=acting_user,
        message=message,
    )


def record_rows(
    action: str,
    rows: list[tuple[str, Any, str, str, dict | None, dict | None]],
    *,
    acting_user,
    message: str = "",
) -> int:
    """What :func:`record_events` writes, for rows that were never model instances (an
    import's executemany): ``rows`` holds (object type, object id, repr, county, before,
    after). One executemany; every record has the same actor, origin and time (one
    transaction), in the order of ``rows``."""
    require_actor(acting_user)
    who = _who(acting_user)
    user = who.pop("user")
    common = {
        **who,
        "user_id": user.pk if user is not None else None,
        "time": timezone.now(),
        "action": str(action),
        "outcome": str(Outcome.SUCCESS),
        "message": str(message)[:500],
    }
    insert_rows(
        AuditEvent,
        (
            {
                **common,
                "object_type": object_type,
                "object_id": str(object_id),
                "object_repr": str(text)[:200],
                "county": county or "",
                "before": before,
                "after": after,
            }
            for object_type, object_id, text, county, before, after in rows
        ),
    )
    for county in {row[3] or "" for row in rows}:
        _figures_changed(action, Outcome.SUCCESS, county)
    return len(rows)


# Values a database driver takes as they are, for the fields whose Python value is the value
# stored: get_db_prep_save is skipped for them (it costs more than the INSERT itself).
_AS_IS = (str, int, bool)
_AS_IS_FIELDS = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "OneToOneField",
    "PositiveBigIntegerField",
    "PositiveIntegerField",
    "PositiveSmallIntegerField",
    "SmallIntegerField",
    "TextField",
}


def _preparer(field: models.Field, connection):
    """The field's get_db_prep_save, skipped where it would change nothing: None (NULL), a
    plain value of a text, number or key field, and the same object as the previous row's
    (the time of a write, shared by all its rows)."""
    prep = field.get_db_prep_save
    as_is = field.get_internal_type() in _AS_IS_FIELDS and not isinstance(field, models.JSONField)
    last: list = [object(), None]

    def prepare(value):
        if value is None or (as_is and type(value) in _AS_IS):
            return value
        if value is last[0]:
            return last[1]
        prepared = prep(value, connection)
        if not isinstance(value, dict | list):
            last[:] = [value, prepared]
        return prepared

    return prepare


def field_defaults(model: type[models.Model]) -> dict[str, Any]:
    """The value each concrete field takes when a row leaves it out: its default, or now for
    an auto_now(_add) date; the same for every row of one write."""
    now = timezone.now()
    return {
        field.attname: now
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
        else field.get_default()
        for field in model._meta.concrete_fields
        if not field.primary_key
    }


def _prepared_column(field: models.Field, values: list, connection) -> list:
    """One column of an executemany, prepared for the driver a column at a time: a text,
    number or key column of plain values as it is, decimals through the backend's adapter
    alone, one object shared by every row (the time of the write, a default) prepared
    once, else each value through :func:`_preparer`."""
    if not values:
        return values
    as_is = field.get_internal_type() in _AS_IS_FIELDS and not isinstance(field, models.JSONField)
    types = set(map(type, values))
    if as_is and types <= _AS_IS_TYPES:
        return values
    if (
        isinstance(field, models.DecimalField)
        and types <= _DECIMAL_TYPES
        and all(value is None or value.is_finite() for value in values)
    ):
        # Decimals the action has checked against the field: only the backend's adaptation
        # (get_db_prep_save would first copy each one through to_python, which refuses
        # only what this condition leaves to it).
        adapt, digits, places = (
            connection.ops.adapt_decimalfield_value,
            field.max_digits,
            field.decimal_places,
        )
        return [None if value is None else adapt(value, digits, places) for value in values]
    first = values[0]
    if not isinstance(first, dict | list) and all(value is first for value in values):
        prepared = None if first is None else field.get_db_prep_save(first, connection)
        return [prepared] * len(values)
    return list(map(_preparer(field, connection), values))


_AS_IS_TYPES = {*_AS_IS, type(None)}
_DECIMAL_TYPES = {decimal.Decimal, type(None)}


def insert_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> None:
    """One executemany INSERT of ``rows`` (attname → Python value, already validated by the
    calling action) into ``model``'s table, with no model instance built: a file of
    100,000 rows is written in the time the database takes. A field a row leaves out gets
    its default (:func:`field_defaults`), set in the row too, so that
    :func:`snapshot_row` of the row is what was stored."""
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = field_defaults(model)
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = list(rows)
    for row in rows:
        for name in defaults.keys() - row.keys():
            row[name] = defaults[name]
    columns = [_prepared_column(f, [row[f.attname] for row in rows], connection) for f in fields]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, list(zip(*columns, strict=True)))


def update_rows(model: type[models.Model], changes: Iterable[tuple[Any, dict[str, Any]]]) -> None:
    """One executemany UPDATE per set of changed fields: ``changes`` holds (pk, attname →
    Python value, already validated by the calling action)."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for pk, values in changes:
        names = tuple(sorted(values))
        groups.setdefault(names, []).append((pk, values))
    for names, rows in groups.items():
        fields = [model._meta.get_field(name) for name in names]
        preparers = [_preparer(field, connection) for field in fields]
        sql = "UPDATE {} SET {} WHERE {} = %s".format(
            quote(model._meta.db_table),
            ", ".join(f"{quote(field.column)} = %s" for field in fields),
            quote(model._meta.pk.column),
        )
        params = [
            (*(prep(values[name]) for name, prep in zip(names, preparers, strict=True)), pk)
            for pk, values in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def snapshot_row(model: type[models.Model], row: dict[str, Any], pk: Any) -> dict[str, Any]:
    """:func:`snapshot` of a row written by :func:`insert_rows` (which filled in its
    defaults), as the database gives it back (decimals to their places), without reading it
    back."""
    data = {}
    for attname, places in _snapshot_fields(model):
        value = pk if places is _PK else row[attname]
        if type(value) not in _AS_IS and value is not None:
            if places is _IN_UTC and isinstance(value, datetime.datetime) and value.tzinfo:
                value = value.astimezone(datetime.UTC)  # as the database gives it back
            elif isinstance(places, decimal.Decimal) and isinstance(value, decimal.Decimal):
                value = value.quantize(places)
            value = _json_value(value)
        data[attname] = value
    return data


_PK, _IN_UTC = object(), object()


@functools.cache
def _snapshot_fields(model: type[models.Model]) -> list[tuple[str, Any]]:
    """(attname, what to do) of each field a snapshot holds: _PK for the primary key, the
    quantum of a decimal field, _IN_UTC for a date and time, None for the rest."""

    def treatment(field):
        if field.primary_key:
            return _PK
        if isinstance(field, models.DecimalField):
            return decimal.Decimal(1).scaleb(-field.decimal_places)
        if isinstance(field, models.DateTimeField):
            return _IN_UTC
        return None

    return [
        (field.attname, treatment(field))
        for field in model._meta.concrete_fields
        if field.attname not in _SECRET_FIELDS
    ]


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """The fields two snapshots differ in: (their values before, their values after)."""
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
    old, new = changed_fields(before, snapshot(obj))
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

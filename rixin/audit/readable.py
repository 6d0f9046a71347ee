"""The audit log as people read it: the object's kind by its model's name, each changed
field by its label, choices by their label (a role by its name), foreign keys by the name of
the row they point to, and before and after side by side. The JSON stays as recorded (the
Excel export keeps it whole); this only reads it.

``readable(events)`` makes one query per kind of row referred to on the page, whatever the
number of events."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext as _

from rixin.accounts.roles import Role

HIDDEN = frozenset({"version"})  # bookkeeping, not something a person changed


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class Readable:
    event: Any
    kind: str
    role: str
    changes: list[Change] = field(default_factory=list)


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except (LookupError, ValueError):
        return None


def _field(model, name: str):
    if model is None:
        return None
    for f in model._meta.concrete_fields:
        if name in (f.name, f.attname):
            return f
    return None


def kind_label(object_type: str) -> str:
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def role_label(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return value or ""


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if value is True:
        return _("是")
    if value is False:
        return _("否")
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return ";".join(f"{k}:{_plain(v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T":
        try:
            moment = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
        return moment.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _display(f, value: Any, names: dict) -> str:
    if f is None or value is None or value == "":
        return _plain(value)
    if f.is_relation and f.related_model is not None:
        name = names.get((f.related_model, str(value)))
        return name if name is not None else f"{f.related_model._meta.verbose_name} {value}"
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    return _plain(value)


def _references(events) -> dict:
    """The names of the rows the events' foreign keys point to: one query per model."""
    wanted = defaultdict(set)
    for event in events:
        model = _model(event.object_type)
        for data in (event.before, event.after):
            if not isinstance(data, dict):
                continue
            for name, value in data.items():
                f = _field(model, name)
                if f is not None and f.is_relation and value not in (None, ""):
                    wanted[f.related_model].add(value)
    names = {}
    for model, pks in wanted.items():
        for obj in model._base_manager.filter(pk__in=pks):
            names[(model, str(obj.pk))] = str(obj)
    return names


def _changes(event, names: dict) -> list[Change]:
    model = _model(event.object_type)
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    rows = []
    for name in [*before, *(k for k in after if k not in before)]:
        if name in HIDDEN:
            continue
        f = _field(model, name)
        label = str(f.verbose_name) if f is not None else name
        old = _display(f, before.get(name), names) if name in before else ""
        new = _display(f, after.get(name), names) if name in after else ""
        rows.append(Change(label, old, new))
    return rows


def readable(events) -> list[Readable]:
    events = list(events)
    names = _references(events)
    return [
        Readable(e, kind_label(e.object_type), role_label(e.role), _changes(e, names))
        for e in events
    ]

"""The navigation: each app lists its pages in its own ``nav.py`` as ``ENTRIES``;
only the entries the user may open are shown."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

NAV_APPS = [
    "cockpit",
    "projects",
    "investment",
    "indicators",
    "appeals",
    "approvals",
    "parks",
    "reports",
    "directory",
    "spreadsheets",
    "audit",
    "accounts",
]


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    allowed: Callable
    group: str = ""


def _entries() -> list[NavEntry]:
    entries: list[NavEntry] = []
    for app in NAV_APPS:
        name = f"rixin.{app}.nav"
        if importlib.util.find_spec(name) is not None:
            entries.extend(importlib.import_module(name).ENTRIES)
    return entries


def entries_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [
        {"label": e.label, "url": reverse(e.url_name), "group": e.group, "url_name": e.url_name}
        for e in _entries()
        if e.allowed(user)
    ]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    items = entries_for(user)
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(str(item["group"]), []).append(item)
    return {"nav_items": items, "nav_groups": groups}

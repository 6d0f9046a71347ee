"""The navigation: each app lists its pages in its own ``nav.py`` as ``ENTRIES`` and its place
in the menu as ``nav_order`` on its AppConfig; only the entries the user may open are shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from rixin import discovery


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    allowed: Callable
    group: str = ""


def _entries() -> list[NavEntry]:
    """Every installed app's ``nav.ENTRIES``, the apps in their AppConfig's ``nav_order``."""
    return [
        entry
        for _, module in discovery.modules("nav", order="nav_order")
        for entry in module.ENTRIES
    ]


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

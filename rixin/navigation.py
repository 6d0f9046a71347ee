"""The navigation: each app lists its pages in its own ``nav.py`` as ``ENTRIES`` and its place
in the menu as ``nav_order`` on its AppConfig; only the entries the user may open are shown."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


@functools.lru_cache(maxsize=512)
def _url(url_name: str, prefix: str, urlconf: str | None) -> str:
    """A menu entry's address: the same for every request under one script prefix and URL
    configuration, so it is reversed once, not on every page."""
    return reverse(url_name, urlconf=urlconf)


def entries_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    prefix, urlconf = get_script_prefix(), get_urlconf()
    return [
        {
            "label": e.label,
            "url": _url(e.url_name, prefix, urlconf),
            "group": e.group,
            "url_name": e.url_name,
        }
        for e in _entries()
        if e.allowed(user)
    ]


# How much of the bar the menu may take, in em of the bar's font: what is left at 1440 px
# beside the brand, the search box, the counts, the user menu and the language switch.
MENU_BUDGET_EM = 50.0
ITEM_PADDING_EM = 2.2  # a link's padding and a dropdown's caret


def label_width_em(label: str) -> float:
    """A label's width, roughly: a CJK character is 1 em, a Latin letter about half."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.56 for c in label) + ITEM_PADDING_EM


def split_menu(groups: dict[str, list], budget: float = MENU_BUDGET_EM):
    """(primary, more): the groups shown on the bar in their order while they fit the
    budget, and those that follow, gathered under 更多 so the bar stays one line in every
    language."""
    entries = list(groups.items())
    widths = [label_width_em(g or items[0]["label"]) for g, items in entries]
    if sum(widths) <= budget:
        return entries, []
    more = label_width_em(str(_("更多")))
    used, cut = more, 0
    while cut < len(entries) and used + widths[cut] <= budget:
        used += widths[cut]
        cut += 1
    return entries[:cut], entries[cut:]


# Where a request keeps its menu: a page that renders other templates with the request (the
# panels of a project's page) runs the context processors once per template.
ATTRIBUTE = "_rixin_navigation"


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    built = getattr(request, ATTRIBUTE, None)
    key = (user.pk, get_language())
    if built is None or built[0] != key:
        built = (key, _menu(user))
        setattr(request, ATTRIBUTE, built)
    return built[1]


def _menu(user) -> dict:
    items = entries_for(user)
    groups: dict[str, list] = {}
    for item in items:
        groups.setdefault(str(item["group"]), []).append(item)
    primary, more = split_menu(groups)
    return {"nav_items": items, "nav_groups": groups, "nav_primary": primary, "nav_more": more}

"""Figures cached per county and period that cannot go stale.

Every key carries the data version of what the figures depend on (``data_version``), and every
committed write that changes a county's figures raises that version (``bump``, called by the
audit writer ``rixin.audit.actions`` for every audited change, in ``transaction.on_commit``).
An entry computed before a write is then never read again; it expires on its own.

A county's version rises with its own writes and with those of the other counties of its city
(its indicator ranks are ranks among them); a city's and a province's with those of any of
their counties; the version ``EVERYWHERE`` with writes that belong to no county (the national
calendar, the standard indicators, divisions) and is part of every key.

``cached_figures(kind, county, period, compute)`` returns ``compute()``, from the cache when the
same figures were computed at the same versions, the same day and in the same language. The
cache is Django's (``CACHES`` in rixin/settings.py); ``RIXIN_FIGURE_CACHE_SECONDS=0`` turns it
off. A cache that cannot be reached (a Redis or memcached server down) costs speed, never a
page: the figures are computed afresh and the failure is logged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db import transaction

logger = logging.getLogger(__name__)
T = TypeVar("T")
EVERYWHERE = "*"  # the scope of a write that belongs to no county (models.EVERYWHERE)
_MISSING = object()


def data_version(code: str) -> str:
    """The version of the figures of ``code`` (a county, city or province) as a key part: the
    version every key carries and the division's own."""
    from .models import FigureVersion

    found = dict(
        FigureVersion.objects.filter(scope__in=[code, EVERYWHERE]).values_list("scope", "version")
    )
    return f"{found.get(EVERYWHERE, 0)}.{found.get(code, 0)}"


def bump(county_code: str) -> None:
    """Raise the data version of ``county_code`` (with its city, the other counties of the
    city and its province) once the current transaction commits; at once outside one. A write
    rolled back raises nothing. ``""`` or ``EVERYWHERE``: every division's figures changed."""
    scope = county_code or EVERYWHERE
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        raise_versions({scope})
        return
    pending = getattr(connection, "rixin_figure_bumps", None)
    if pending is None or pending.done or not _waits_for_commit(connection, pending):
        # One callback per transaction, however many records it writes (an import writes
        # thousands); a savepoint rolled back takes its callback with it, so ask again.
        pending = _PendingBumps()
        connection.rixin_figure_bumps = pending
        transaction.on_commit(pending)
    pending.scopes.add(scope)


def _waits_for_commit(connection, pending: _PendingBumps) -> bool:
    return any(entry[1] is pending for entry in connection.run_on_commit)


class _PendingBumps:
    """The scopes written in one transaction, raised together after its commit."""

    def __init__(self) -> None:
        self.scopes: set[str] = set()
        self.done = False

    def __call__(self) -> None:
        self.done = True
        raise_versions(self.scopes)


def raise_versions(scopes: Iterable[str]) -> None:
    """Raise the versions of ``scopes`` now: each county with its city, the city's other
    counties and its province."""
    from django.db.models import F
    from django.utils import timezone

    from rixin.regions.models import Division, DivisionLevel

    from .models import FigureVersion

    scopes = set(scopes)
    if not scopes:
        return
    counties = scopes - {EVERYWHERE}
    lineage = Division.objects.filter(code__in=counties).values_list(
        "parent_id", "parent__parent_id"
    )
    parents = {code for pair in lineage for code in pair if code}
    siblings = Division.objects.filter(parent_id__in=parents, level=DivisionLevel.COUNTY)
    scopes |= parents | set(siblings.values_list("code", flat=True))
    with transaction.atomic():
        FigureVersion.objects.bulk_create(
            [FigureVersion(scope=scope) for scope in sorted(scopes)], ignore_conflicts=True
        )
        FigureVersion.objects.filter(scope__in=scopes).update(
            version=F("version") + 1, changed_at=timezone.now()
        )


def figure_seconds() -> int:
    from django.conf import settings

    return settings.RIXIN_FIGURE_CACHE_SECONDS


def figure_key(kind: str, code: str, period: Any, parts: Iterable[Any] = ()) -> str:
    """The key of ``kind`` figures of ``code`` for ``period``: with the data version, today's
    date (a period not yet ended is judged as of today) and the language (the texts)."""
    from django.utils import timezone, translation

    period_key = getattr(period, "key", None) or str(period or "-")
    details = "|".join(
        [
            *(str(part) for part in parts),
            translation.get_language() or "",
            str(timezone.localdate()),
        ]
    )
    digest = hashlib.blake2b(details.encode(), digest_size=12).hexdigest()
    return f"figures:{kind}:{code}:{period_key}:v{data_version(code)}:{digest}"


def cached_figures(
    kind: str, county: Any, period: Any, compute: Callable[[], T], *, parts: Iterable[Any] = ()
) -> T:
    """``compute()``'s figures of ``county`` (a code or a Division: a county, city or province)
    for ``period``, cached under their data version. ``parts``: whatever else the figures
    depend on (a parameter of the page, the counties a user may see)."""
    from django.core.cache import cache

    seconds = figure_seconds()
    if seconds <= 0:
        return compute()
    code = getattr(county, "code", county)
    key = figure_key(kind, code, period, parts)
    try:
        value = cache.get(key, _MISSING)
    except Exception:  # the cache server is down: compute, as without a cache
        logger.warning("figure cache unreachable, computing %s afresh", key, exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            cache.set(key, value, seconds)
        except Exception:
            logger.warning("figure cache unreachable, %s not stored", key, exc_info=True)
    return value

"""The kinds of job. Each app's ``jobs.py`` registers its kinds, as its ``importers.py``
registers importers (rixin.spreadsheets.imports.register):

    @register("reports.city", title=_("全市报告"), allowed=access.may_generate_city)
    def city_reports(job, progress) -> Outcome: ...

``allowed(user, params)`` is the owning app's permission rule (from its access module);
``enqueue`` asks it before a job is written. ``run(job, progress)`` does the work, calls
``progress(done, total)`` as it goes, and returns an :class:`Outcome` (or raises
:class:`JobFailed` with a message for the person who asked). A run may be repeated after a
worker was killed mid-way, so every kind is idempotent: an import through the batch claim,
the reports and ``generate_scale`` by writing again what they write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.module_loading import autodiscover_modules


class JobFailed(Exception):
    """The work cannot be done; the message is shown on the job page and in the notice."""


@dataclass
class Outcome:
    message: str = ""
    link: str = ""
    file_name: str = ""
    content: bytes | None = None
    # The county the creator's notice is filed under, when the job has none (a city's job).
    notice_county: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobKind:
    kind: str
    title: Any
    run: Callable
    allowed: Callable[[Any, dict], bool]


_REGISTRY: dict[str, JobKind] = {}


def register(kind: str, *, title, allowed: Callable[[Any, dict], bool]):
    def decorator(run: Callable) -> Callable:
        _REGISTRY[kind] = JobKind(kind=kind, title=title, run=run, allowed=allowed)
        return run

    return decorator


def kind_of(kind: str) -> JobKind | None:
    autodiscover_modules("jobs")
    return _REGISTRY.get(kind)


def kinds() -> dict[str, JobKind]:
    autodiscover_modules("jobs")
    return dict(_REGISTRY)

"""The punctuation of generated paragraphs, in the reader's language: the Chinese editions
join clauses with ";", list items with "、" and end a sentence with "。"; the English ones
use "; ", ", " and ".". Every paragraph a module writes for a report joins through here."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _


def series(items: Iterable[str]) -> str:
    """Items of a list: 甲、乙、丙 / A, B, C."""
    return _("、").join(items)


def clauses(parts: Iterable[str]) -> str:
    """Clauses of one sentence, with its full stop: 甲;乙。 / A; B."""
    return _(";").join(parts) + _("。")

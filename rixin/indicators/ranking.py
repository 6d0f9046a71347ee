"""Ranks of the counties of a city on each indicator: computed from the published rates,
never stored. Equal rates share a rank (并列) and the next rank is skipped (1, 1, 3)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import get_language

_DIGITS = "零一二三四五六七八九"
_ORDINALS_EN = {1: "first", 2: "second", 3: "third"}


@dataclass(frozen=True)
class Standing:
    """A county's place on one indicator in one period."""

    rank: int
    tied: bool
    of: int  # counties that published the indicator for the period
    previous_rank: int | None = None
    counties: int | None = None  # counties of the city (None: not known, taken as ``of``)

    @property
    def complete(self) -> bool:
        """Every county of the city has published the indicator: the rank is the city's."""
        return self.counties is None or self.of >= self.counties

    @property
    def change(self) -> int | None:
        """Places gained since the previous period (positive: moved up)."""
        return None if self.previous_rank is None else self.previous_rank - self.rank

    @property
    def city_rank(self) -> int | None:
        """The rank in the city, only when every county has published (else None)."""
        return self.rank if self.complete else None

    @property
    def label(self) -> str:
        """全市第一, 全市并列第二 … when every county has published; else 已报 n/11."""
        if self.complete:
            return city_rank_text(self.rank, self.tied)
        return reported_text(self.of, self.counties)


def rank_rates(
    rates: Mapping[str, Decimal | None], higher_is_better: bool = True
) -> dict[str, tuple[int, bool]]:
    """{county: rate} → {county: (rank, tied)}; counties without a rate are not ranked."""
    present = {county: rate for county, rate in rates.items() if rate is not None}
    sign = 1 if higher_is_better else -1
    ranked = {}
    for county, rate in present.items():
        better = sum(1 for other in present.values() if sign * other > sign * rate)
        same = sum(1 for other in present.values() if other == rate)
        ranked[county] = (better + 1, same > 1)
    return ranked


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 23 → 二十三 (1 … 99)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    text = ("" if tens == 1 else _DIGITS[tens]) + "十" if tens else ""
    return text + (_DIGITS[ones] if ones else "")


def city_rank_text(rank: int, tied: bool = False) -> str:
    """全市第一 / 全市并列第二 in Chinese; "1st" / "tied 2nd" in the English interface."""
    if (get_language() or "").startswith("en"):
        return ("tied " if tied else "") + english_ordinal(rank)
    return ("全市并列第" if tied else "全市第") + chinese_number(rank)


def reported_text(reported: int, counties: int) -> str:
    """已报 3/11 in Chinese; "3 of 11 reported" in the English interface."""
    if (get_language() or "").startswith("en"):
        return f"{reported} of {counties} reported"
    return f"已报 {reported}/{counties}"


def english_ordinal(n: int) -> str:
    if n in _ORDINALS_EN:
        return _ORDINALS_EN[n]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"

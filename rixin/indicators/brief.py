"""The generated analysis brief: a pure, deterministic function of the observations.

In the form the county's own reports use (and the article quotes):
"全县上半年地区生产总值完成98.03亿元,同比增长6.2%,全市第一;固定资产投资完成32亿元,…"

Rules, each tested in tests/test_brief_rules.py:
- indicators in catalogue order, a child right after its parent, joined to it with ",其中";
- "完成X亿元,同比增长Y%" when a value is published, "增长Y%" when only the rate is,
  "下降Y%" for a negative rate, "与上年同期持平" for zero; values in the published unit
  (亿元) with up to the indicator's decimal places and no trailing zeros;
- ",全市第一" … ",全市第十一" (",全市并列第二" for a tie) when the county is within the
  top ``top`` ranks of the city (settings.RIXIN_BRIEF_TOP_RANKS, 3 by default), nothing otherwise;
  a rank of the city only when every county has published the indicator: otherwise
  ",在已报送的n个县中第k" (nothing when the county alone has reported);
- an indicator with neither value nor rate is left out; clauses joined with ";".
The strings are written here in both languages rather than translated, so the brief's language
is the one asked for, whatever the reader's interface language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from rixin.money import format_percent, plain

from .periods import Period
from .ranking import chinese_number, english_ordinal

ZH_SEPARATOR, ZH_COMMA = ";", ","

# unit → (factor to the English unit, English unit)
_EN_UNITS = {
    "亿元": (Decimal("0.1"), "billion yuan"),
    "万元": (Decimal("0.01"), "million yuan"),
    "元": (Decimal(1), "yuan"),
    "万平方米": (Decimal(10), "thousand square metres"),
    "%": (Decimal(1), "%"),
}
_PLACE_EN = {"县": "county", "区": "district", "市": "city"}


@dataclass(frozen=True)
class BriefLine:
    """One indicator's figures for the brief; ``value`` is in the indicator's published unit."""

    code: str
    name: str
    name_en: str
    unit: str
    decimal_places: int = 2
    parent_code: str | None = None
    value: Decimal | None = None
    rate: Decimal | None = None
    rank: int | None = None
    tied: bool = False
    reported: int | None = None  # counties that published the indicator (None: all of them)
    counties: int | None = None  # counties of the city
    rate_places: int | None = None  # the decimals the rate was published with (None: as is)

    @property
    def rate_text(self) -> str:
        """The rate's size as published: 9.0 (not 9), 6.2; without a sign."""
        if self.rate is None:
            return ""
        if self.rate_places is None:
            return plain(abs(self.rate))
        return format_percent(abs(self.rate), self.rate_places, fixed=True).removesuffix("%")

    @property
    def has_figures(self) -> bool:
        return self.value is not None or self.rate is not None

    @property
    def ranked_in_city(self) -> bool:
        """Every county of the city has published: the rank is the city's."""
        return self.reported is None or self.counties is None or self.reported >= self.counties

    def stated_rank(self, top: int) -> int | None:
        """The rank the brief may state: within ``top``, among at least two counties."""
        if self.rank is None or self.rank > top:
            return None
        if not self.ranked_in_city and (self.reported or 0) < 2:
            return None
        return self.rank


def default_top() -> int:
    return getattr(settings, "RIXIN_BRIEF_TOP_RANKS", 3)


def in_brief_order(lines: Sequence[BriefLine]) -> list[tuple[BriefLine, list[BriefLine]]]:
    """Lines with figures, each followed by its children that have figures."""
    present = [line for line in lines if line.has_figures]
    codes = {line.code for line in present}
    groups = []
    for line in present:
        if line.parent_code in codes:
            continue
        children = [child for child in present if child.parent_code == line.code]
        groups.append((line, children))
    return groups


def compose_brief(
    lines: Sequence[BriefLine],
    *,
    period: Period,
    place_name: str,
    language: str = "zh",
    top: int | None = None,
) -> str:
    """The paragraph for one county and period; "" when there is nothing to say."""
    top = default_top() if top is None else top
    groups = in_brief_order(lines)
    if not groups:
        return ""
    if language.startswith("en"):
        return _english(groups, period, place_name, top)
    return _chinese(groups, period, place_name, top)


# Chinese


def _zh_growth(line: BriefLine, with_prefix: bool) -> str:
    rate = line.rate
    if rate == 0:
        return "与上年同期持平"
    verb = "增长" if rate > 0 else "下降"
    return ("同比" if with_prefix else "") + verb + line.rate_text + "%"


def _zh_clause(line: BriefLine, top: int) -> str:
    parts = []
    if line.value is not None:
        verb = "达到" if line.unit == "元" else "完成"
        parts.append(f"{line.name}{verb}{plain(line.value, line.decimal_places)}{line.unit}")
        if line.rate is not None:
            parts.append(_zh_growth(line, with_prefix=True))
    else:
        parts.append(line.name + _zh_growth(line, with_prefix=False))
    rank = line.stated_rank(top)
    if rank is not None and line.ranked_in_city:
        parts.append(("全市并列第" if line.tied else "全市第") + chinese_number(rank))
    elif rank is not None:
        place = "并列第" if line.tied else "第"
        parts.append(f"在已报送的{line.reported}个县中{place}{chinese_number(rank)}")
    return ZH_COMMA.join(parts)


def _chinese(groups, period: Period, place_name: str, top: int) -> str:
    clauses = []
    for line, children in groups:
        clause = _zh_clause(line, top)
        for child in children:
            clause += ZH_COMMA + "其中" + _zh_clause(child, top)
        clauses.append(clause)
    opening = "全" + (place_name[-1:] or "县") + period.name()
    return opening + ZH_SEPARATOR.join(clauses) + "。"


# English


def _en_name(line: BriefLine) -> str:
    name = line.name_en or line.name
    return name[0].lower() + name[1:] if len(name) > 1 and name[1].islower() else name


def _en_amount(line: BriefLine) -> str:
    factor, unit = _EN_UNITS.get(line.unit, (Decimal(1), line.unit))
    number = plain(line.value * factor, line.decimal_places + 1)
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def _en_clause(line: BriefLine, top: int) -> str:
    name, rate = _en_name(line), line.rate
    if line.value is not None:
        text = f"{name} reached {_en_amount(line)}"
        if rate is not None:
            text += (
                ", unchanged year on year"
                if rate == 0
                else f", {'up' if rate > 0 else 'down'} {line.rate_text}% year on year"
            )
    elif rate == 0:
        text = f"{name} was unchanged year on year"
    else:
        text = f"{name} {'grew' if rate > 0 else 'fell'} {line.rate_text}%"
    rank = line.stated_rank(top)
    tied = "tied for " if line.tied else ""
    if rank is not None and line.ranked_in_city:
        text += f", {tied}{english_ordinal(rank)} in the city"
    elif rank is not None:
        text += f", {tied}{english_ordinal(rank)} of the {line.reported} counties that reported"
    return text


def _english(groups, period: Period, place_name: str, top: int) -> str:
    clauses = []
    for line, children in groups:
        clause = _en_clause(line, top)
        for child in children:
            clause += ", of which " + _en_clause(child, top)
        clauses.append(clause)
    place = _PLACE_EN.get(place_name[-1:], "county")
    opening = f"In {period.name_en()} of {period.year}, the {place}'s "
    return opening + "; ".join(clauses) + "."

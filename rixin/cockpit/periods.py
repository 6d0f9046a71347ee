"""The cockpit's periods: a month, a quarter, a half-year or a year.

Each module keeps its own notion of a period; a ``CockpitPeriod`` says which of each it means:
the indicators' cumulative span 1-``last_month`` (statisticians publish 1-6月), the investment
module's target period that contains it (上半年, 下半年 or 全年), the projects' year up to
``last_month``, and the appeals registered from ``start`` to ``end``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from rixin.indicators.periods import Period as IndicatorPeriod

MONTH, QUARTER, HALF, YEAR = "month", "quarter", "half", "year"
KINDS = (MONTH, QUARTER, HALF, YEAR)
_PATTERNS = [
    (re.compile(r"^(\d{4})-(\d{1,2})$"), MONTH),
    (re.compile(r"^(\d{4})[Qq]([1-4])$"), QUARTER),
    (re.compile(r"^(\d{4})[Hh]([12])$"), HALF),
    (re.compile(r"^(\d{4})$"), YEAR),
]
_SPAN = {MONTH: 1, QUARTER: 3, HALF: 6, YEAR: 12}
_QUARTERS_ZH = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
_ORDINALS_EN = {1: "first", 2: "second", 3: "third", 4: "fourth"}


@dataclass(frozen=True, order=True)
class CockpitPeriod:
    """``number`` is the month (1-12), quarter (1-4) or half (1-2); 1 for a year."""

    year: int
    kind: str = YEAR
    number: int = 1

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(_("期间类型“%(k)s”不存在") % {"k": self.kind})
        if not 1 <= self.number <= 12 // _SPAN[self.kind]:
            raise ValueError(_("期间“%(k)s”超出范围") % {"k": self.key})
        if not 2000 <= self.year <= 2100:
            raise ValueError(_("年份“%(y)d”不在2000到2100之间") % {"y": self.year})

    @classmethod
    def parse(cls, text: str) -> CockpitPeriod:
        """ "2024-06" (month), "2024Q2" (quarter), "2024H1" (half-year), "2024" (year)."""
        value = str(text or "").strip()
        for pattern, kind in _PATTERNS:
            match = pattern.match(value)
            if match:
                number = int(match.group(2)) if kind != YEAR else 1
                return cls(int(match.group(1)), kind, number)
        raise ValueError(
            _("“%(v)s”不是期间,应为 2024-06(月)、2024Q2(季度)、2024H1(半年)或 2024(年)")
            % {"v": value}
        )

    @classmethod
    def asked(cls, text: str, default) -> CockpitPeriod:
        """The period a page or an API call asks for (``?period=``), else ``default`` (a period,
        or a function giving one: the latest with data). ValueError for an unknown period."""
        if str(text or "").strip():
            return cls.parse(text)
        return default() if callable(default) else default

    @classmethod
    def ending_in(cls, year: int, month: int) -> CockpitPeriod:
        """The widest usual period that ends with ``month``: 12 → the year, 6 → H1,
        3 and 9 → the quarter, any other month → itself."""
        if month == 12:
            return cls(year, YEAR)
        if month == 6:
            return cls(year, HALF, 1)
        if month % 3 == 0:
            return cls(year, QUARTER, month // 3)
        return cls(year, MONTH, month)

    @property
    def key(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}-{self.number:02d}"
        suffix = {QUARTER: f"Q{self.number}", HALF: f"H{self.number}", YEAR: ""}[self.kind]
        return f"{self.year}{suffix}"

    @property
    def first_month(self) -> int:
        return (self.number - 1) * _SPAN[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.number * _SPAN[self.kind]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.first_month, 1)

    @property
    def end(self) -> datetime.date:
        month = self.last_month
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def last_month_start(self) -> datetime.date:
        return datetime.date(self.year, self.last_month, 1)

    @property
    def label_zh(self) -> str:
        if self.kind == MONTH:
            return f"{self.year}年{self.number}月"
        if self.kind == QUARTER:
            return f"{self.year}年{_QUARTERS_ZH[self.number]}"
        if self.kind == HALF:
            return f"{self.year}年{'上' if self.number == 1 else '下'}半年"
        return f"{self.year}年"

    @property
    def label_en(self) -> str:
        if self.kind == MONTH:
            return datetime.date(self.year, self.number, 1).strftime("%B %Y")
        if self.kind in (QUARTER, HALF):
            part = "quarter" if self.kind == QUARTER else "half"
            return f"the {_ORDINALS_EN[self.number]} {part} of {self.year}"
        return f"{self.year}"

    @property
    def label(self) -> str:
        from django.utils.translation import get_language

        return self.label_en if (get_language() or "").startswith("en") else self.label_zh

    @property
    def cumulative_zh(self) -> str:
        """The year-to-date span the cumulative figures cover: "1-6月" ("1月" in January)."""
        return "1月" if self.last_month == 1 else f"1-{self.last_month}月"

    @property
    def indicator_period(self) -> IndicatorPeriod:
        """Statistics are cumulative from January: the period that ends with ``last_month``."""
        return IndicatorPeriod(self.year, self.last_month)

    @property
    def target_period(self) -> str:
        """The investment target period containing this one (TargetPeriod values)."""
        if self.kind == YEAR:
            return "year"
        return "h1" if self.last_month <= 6 else "h2"

    def as_of(self, today: datetime.date | None = None) -> datetime.date:
        """The day "overdue" is judged on: the end of the period, or today if that is earlier."""
        return min(self.end, today or datetime.date.today())

    def __str__(self) -> str:
        return self.label_zh


def period_choices(year: int) -> list[CockpitPeriod]:
    """Every period of a year, for the selector: the year, the halves, quarters and months."""
    return (
        [CockpitPeriod(year, YEAR)]
        + [CockpitPeriod(year, HALF, n) for n in (1, 2)]
        + [CockpitPeriod(year, QUARTER, n) for n in range(1, 5)]
        + [CockpitPeriod(year, MONTH, n) for n in range(1, 13)]
    )


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))

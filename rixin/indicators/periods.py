"""Statistical periods: a year and the last month of a span that starts in January.

Statisticians publish cumulative figures ("1-6月", 上半年); a period is keyed "2024-06".
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_KEY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(?:1\s*[-—~至]\s*)?(\d{1,2})\s*月?\s*$")
# The forms ``Period.parse`` accepts, within its years and months, as a JSON-schema pattern:
# the API declares it, so the document states what is refused.
PATTERN = (
    r"^\s*(199[0-9]|20[0-9][0-9]|2100)\s*[-/.年]\s*(1\s*[-—~至]\s*)?(0?[1-9]|1[0-2])\s*月?\s*$"
)
_NAMES = {3: "一季度", 6: "上半年", 9: "前三季度", 12: "全年"}
_NAMES_EN = {
    3: "the first quarter",
    6: "the first half",
    9: "the first three quarters",
    12: "the full year",
}


@dataclass(frozen=True, order=True)
class Period:
    """A year and the last month of the cumulative span (1-12)."""

    year: int
    month: int

    def __post_init__(self):
        if not 1 <= self.month <= 12:
            raise ValueError(
                _("统计期“%(y)d-%(m)02d”不存在:月份应在1到12之间")
                % {"y": self.year, "m": self.month}
            )
        if not 1990 <= self.year <= 2100:
            raise ValueError(_("统计期年份“%(y)d”不在1990到2100之间") % {"y": self.year})

    @classmethod
    def parse(cls, text) -> Period:
        """ "2024-06", "2024-6", "2024年1-6月" → Period(2024, 6); a clear message otherwise."""
        match = _KEY.match(str(text or ""))
        if not match:
            raise ValueError(
                _("“%(v)s”不是统计期,应为 2024-06(即2024年1-6月)的形式") % {"v": text or ""}
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def completed_by(cls, day: datetime.date) -> Period:
        """The latest span over by ``day``: up to the previous month (last December in January)."""
        if day.month == 1:
            return cls(day.year - 1, 12)
        return cls(day.year, day.month - 1)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def is_quarter_end(self) -> bool:
        return self.month % 3 == 0

    def span(self, cumulative: bool = True) -> str:
        """ "1-6月" for a cumulative figure, "6月" for a month's own."""
        if not cumulative or self.month == 1:
            return f"{self.month}月"
        return f"1-{self.month}月"

    def label(self, cumulative: bool = True) -> str:
        return f"{self.year}年{self.span(cumulative)}"

    def name(self) -> str:
        """What a brief calls the span: 上半年, 一季度, 前三季度, 全年, or 1-5月."""
        return _NAMES.get(self.month) or self.span()

    def name_en(self) -> str:
        if self.month in _NAMES_EN:
            return _NAMES_EN[self.month]
        return "January" if self.month == 1 else f"January to {_MONTHS_EN[self.month]}"

    def __str__(self) -> str:
        return self.label()


_MONTHS_EN = dict(
    enumerate(
        "_ January February March April May June July August September October November December".split()
    )
)

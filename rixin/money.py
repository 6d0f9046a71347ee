"""Money is Decimal 万元 in the database; people read 亿元. One place converts and formats.

The rounding rule, the one every page, report and API response follows:

- A ratio is computed from the unrounded operands (never from figures already rounded for
  display) and rounded once, half up, to ``PERCENT_PLACES`` decimals: ``percent(a, b)``.
  ``percent(a, b, places=None)`` gives the unrounded ratio for further arithmetic.
- A number is rounded for display once, half up, by the formatter that shows it:
  ``plain`` (a number), ``yi`` (万元 as 亿元), ``format_percent`` (a percentage with "%"),
  ``billion_yuan`` (English). Templates reach them through the ``|num``, ``|yi`` and ``|pct``
  filters; the API returns the Decimals of ``percent`` as strings.
- Charts take floats: ``yi_number`` (万元 → 亿元) rounds to ``places`` like the labels.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN_PER_YI = Decimal(10000)
# One billion yuan is ten 亿元.
YI_PER_BILLION = Decimal(10)
# Decimals a percentage keeps when computed (106.44 %), before any display rounding.
PERCENT_PLACES = 2
# What a missing percentage shows.
MISSING = "—"


def _round(number: Decimal | int, places: int) -> Decimal:
    return Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def plain(number: Decimal | int | None, places: int = 2, *, grouped: bool = False) -> str:
    """Up to ``places`` decimals, no trailing zeros: 32 → "32", 98.030 → "98.03";
    ``grouped``: thousands separators, 766400 → "766,400"."""
    if number is None:
        return ""
    text = f"{_round(number, places):{',' if grouped else ''}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def published_places(number: Decimal | None, least: int = 1, most: int = 2) -> int:
    """The decimals a figure was published with ("9.0" → 1, "6.25" → 2), at least ``least``
    (a spreadsheet cell typed 9.0 arrives as 9) and at most ``most`` (what is stored)."""
    if number is None:
        return least
    exponent = Decimal(number).as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return max(least, min(most, places))


def wan_to_yi(wan: Decimal | int | None) -> Decimal | None:
    """万元 → 亿元, unrounded."""
    return None if wan is None else Decimal(wan) / WAN_PER_YI


def yi_to_wan(yi_amount: Decimal | int | None) -> Decimal | None:
    """亿元 (as published) → 万元 (as stored)."""
    return None if yi_amount is None else Decimal(yi_amount) * WAN_PER_YI


def yi(wan: Decimal | int | None, places: int = 2, *, grouped: bool = False) -> str:
    """万元 → "735" (亿元, unit not included)."""
    return plain(wan_to_yi(wan), places, grouped=grouped)


def amount(wan: Decimal | int | None, english: bool = False, places: int = 2) -> str:
    """万元 → "76.64 亿元", or in English "7.664 billion yuan" (never "76.64 100 million
    yuan"); thousands separators; "—" when missing."""
    if wan is None or wan == "":
        return MISSING
    if english:
        return plain(wan_to_yi(wan) / YI_PER_BILLION, places + 1, grouped=True) + " billion yuan"
    return yi(wan, places, grouped=True) + " 亿元"


def yi_number(wan: Decimal | int | None, places: int = 2) -> float | None:
    """万元 → 亿元 as a float for a chart, rounded like ``yi``; None stays None."""
    if wan is None:
        return None
    return float(_round(wan_to_yi(wan), places))


def billion_yuan(wan: Decimal | int | None, places: int = 3) -> str:
    """万元 → "7.664 billion yuan" (English writes billions where Chinese writes 亿元)."""
    if wan is None:
        return ""
    return plain(wan_to_yi(wan) / YI_PER_BILLION, places) + " billion yuan"


def percent(
    numerator: Decimal | int | None,
    denominator: Decimal | int | None,
    places: int | None = PERCENT_PLACES,
) -> Decimal | None:
    """numerator ÷ denominator × 100 from the unrounded operands, rounded once (half up) to
    ``places`` decimals, or unrounded when ``places`` is None. None when the denominator is
    zero or missing, or the numerator is missing."""
    if numerator is None or not denominator:
        return None
    ratio = Decimal(numerator) * 100 / Decimal(denominator)
    return ratio if places is None else _round(ratio, places)


def format_percent(
    value: Decimal | int | str | None, places: int = 1, *, fixed: bool = False
) -> str:
    """A percentage for people: 106.44 → "106.4%" (``places`` decimals, half up, no trailing
    zeros); ``fixed`` keeps them, for a rate as published: 9 → "9.0%". None (or "", what a
    template passes for a missing attribute) → "—"."""
    if value is None or value == "":
        return MISSING
    if fixed:
        return f"{_round(Decimal(value), places):f}%"
    return plain(Decimal(value), places) + "%"


YUAN_PER_WAN = Decimal(10000)


def yuan(wan: Decimal | int | None) -> Decimal | None:
    """万元 → 元 (for exchange formats such as OC4IDS that state amounts in yuan)."""
    return None if wan is None else Decimal(wan) * YUAN_PER_WAN

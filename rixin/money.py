"""Money is Decimal 万元 in the database; people read 亿元. One place converts and formats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN_PER_YI = Decimal(10000)


def plain(number: Decimal | int | None, places: int = 2) -> str:
    """Up to ``places`` decimals, no trailing zeros: 32 → "32", 98.030 → "98.03"."""
    if number is None:
        return ""
    value = Decimal(number).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def wan_to_yi(wan: Decimal | int | None) -> Decimal | None:
    return None if wan is None else Decimal(wan) / WAN_PER_YI


def yi(wan: Decimal | int | None, places: int = 2) -> str:
    """万元 → "735" (亿元, unit not included)."""
    return plain(wan_to_yi(wan), places)


def percent(
    numerator: Decimal | int | None, denominator: Decimal | int | None, places: int = 2
) -> Decimal | None:
    """numerator ÷ denominator × 100, or None when the denominator is zero or missing."""
    if numerator is None or not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(
        Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
    )


YUAN_PER_WAN = Decimal(10000)


def yuan(wan: Decimal | int | None) -> Decimal | None:
    """万元 → 元 (for exchange formats such as OC4IDS that state amounts in yuan)."""
    return None if wan is None else Decimal(wan) * YUAN_PER_WAN

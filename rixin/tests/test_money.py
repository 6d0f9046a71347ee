"""The one place money is converted and numbers are rounded and formatted (rixin/money.py)."""

from decimal import Decimal as D

import pytest
from django.template import Context, Template

from rixin import money


@pytest.mark.parametrize(
    ("number", "places", "text"),
    [
        (D("32"), 2, "32"),
        (D("98.030"), 2, "98.03"),
        (D("0.125"), 2, "0.13"),  # half up, not half even
        (D("0.135"), 2, "0.14"),
        (D("-0.001"), 2, "0"),  # no "-0"
        (D("1.25"), 1, "1.3"),
        (7, 2, "7"),
        (None, 2, ""),
    ],
)
def test_plain_rounds_half_up_and_drops_trailing_zeros(number, places, text):
    assert money.plain(number, places) == text


def test_wan_and_yi_convert_without_rounding():
    assert money.wan_to_yi(D("766400")) == D("76.64")
    assert money.wan_to_yi(D("1")) == D("0.0001")
    assert money.wan_to_yi(None) is None
    assert money.yi_to_wan(D("98.03")) == D("980300")
    assert money.yi_to_wan(None) is None


def test_yi_shows_yi_rounded_half_up():
    assert money.yi(D("7350000")) == "735"
    assert money.yi(D("766450")) == "76.65"
    assert money.yi(D("766449"), 1) == "76.6"
    assert money.yi(None) == ""


def test_yi_number_is_the_chart_float_rounded_like_the_label():
    assert money.yi_number(D("766450")) == 76.65
    assert money.yi_number(D("123456"), 1) == 12.3
    assert money.yi_number(None) is None


def test_billion_yuan_is_ten_yi():
    assert money.billion_yuan(D("766400")) == "7.664 billion yuan"
    assert money.billion_yuan(D("7350000")) == "73.5 billion yuan"
    assert money.billion_yuan(D("12345"), 1) == "0.1 billion yuan"
    assert money.billion_yuan(None) == ""


def test_percent_is_rounded_once_at_the_documented_precision():
    # 76.64 亿元 of a 72 亿元 target: 106.444…% → 106.44 (as published).
    assert money.percent(D("766400"), D("720000")) == D("106.44")
    assert money.PERCENT_PLACES == 2
    assert money.percent(1, 8) == D("12.50")
    assert money.percent(1, 8, 0) == D("13")  # half up


def test_percent_unrounded_for_further_arithmetic():
    ratio = money.percent(1, 3, places=None)
    assert D("33.3333") < ratio < D("33.3334")
    # Rounded once at the end: 3 × 33.33…% is 100.00%, not 3 × 33.33 = 99.99.
    assert money.percent(ratio * 3, 100) == D("100.00")


@pytest.mark.parametrize(("numerator", "denominator"), [(1, 0), (1, None), (None, 5)])
def test_percent_without_a_denominator_or_numerator_is_none(numerator, denominator):
    assert money.percent(numerator, denominator) is None


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (D("106.44"), 1, "106.4%"),
        (D("106.45"), 1, "106.5%"),  # half up
        (D("106.44"), 2, "106.44%"),
        (D("50.00"), 2, "50%"),
        (D("12.5"), 0, "13%"),
        ("7.25", 1, "7.3%"),
        (None, 1, "—"),
        ("", 1, "—"),  # a template's missing attribute
    ],
)
def test_format_percent_is_the_one_percent_formatter(value, places, text):
    assert money.format_percent(value, places) == text


def test_format_percent_defaults_to_one_decimal():
    assert money.format_percent(D("106.44")) == "106.4%"


def test_template_filters_use_the_money_formatters():
    template = Template("{{ a|pct }} {{ a|pct:2 }} {{ missing|pct }} {{ w|yi }} {{ n|num:1 }}")
    rendered = template.render(Context({"a": D("106.44"), "w": D("766400"), "n": D("9.96")}))
    assert rendered == "106.4% 106.44% — 76.64 10"


def test_no_literal_wan_per_yi_outside_the_money_module():
    """万元→亿元 is converted in rixin/money.py only (no 10000 or 100000 literal in the
    figures, reports and indicators code)."""
    import pathlib
    import re

    root = pathlib.Path(money.__file__).parent
    offenders = []
    for folder in ("indicators", "investment", "cockpit", "reports"):
        for path in (root / folder).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            if re.search(r"(?<![\w.])100000?(?![\w.])", text):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []

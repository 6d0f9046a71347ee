"""The brief's rules, one by one (compose_brief is pure: no database)."""

from decimal import Decimal as D

import pytest

from rixin.indicators.brief import BriefLine, compose_brief
from rixin.indicators.periods import Period

H1 = Period(2024, 6)


def line(
    code,
    name,
    *,
    value=None,
    rate=None,
    rank=None,
    tied=False,
    parent=None,
    unit="亿元",
    name_en="",
):
    return BriefLine(code, name, name_en or name, unit, 2, parent, value, rate, rank, tied)


def zh(*lines, top=3, place="寿阳县", period=H1):
    return compose_brief(list(lines), period=period, place_name=place, top=top)


def test_value_and_rate_read_completed_and_year_on_year_growth():
    assert zh(line("gdp", "地区生产总值", value=D("98.03"), rate=D("6.2"), rank=1)) == (
        "全县上半年地区生产总值完成98.03亿元,同比增长6.2%,全市第一。"
    )


def test_values_drop_trailing_zeros():
    assert "完成32亿元" in zh(line("fai", "固定资产投资", value=D("32.00"), rate=D("10.20")))
    assert "增长10.2%" in zh(line("fai", "固定资产投资", value=D("32.00"), rate=D("10.20")))


def test_rate_only_reads_growth_without_a_value():
    assert (
        zh(line("ind", "规上工业增加值", rate=D("4.7"), rank=2))
        == "全县上半年规上工业增加值增长4.7%,全市第二。"
    )


def test_negative_rate_reads_decline():
    assert "规上工业增加值下降1.5%" in zh(line("ind", "规上工业增加值", rate=D("-1.5")))
    assert "完成30亿元,同比下降3.4%" in zh(line("fai", "固定资产投资", value=D(30), rate=D("-3.4")))


def test_zero_rate_reads_unchanged():
    assert "规上工业增加值与上年同期持平" in zh(line("ind", "规上工业增加值", rate=D(0)))


def test_missing_figures_leave_the_indicator_out():
    text = zh(line("gdp", "地区生产总值"), line("ind", "规上工业增加值", rate=D("4.7")))
    assert "地区生产总值" not in text and text.startswith("全县上半年规上工业增加值")


def test_value_without_rate_reads_completed_only():
    assert (
        zh(line("gdp", "地区生产总值", value=D("98.03"))) == "全县上半年地区生产总值完成98.03亿元。"
    )


def test_nothing_published_gives_an_empty_brief():
    assert zh(line("gdp", "地区生产总值")) == ""


def test_child_follows_its_parent_with_qizhong():
    parent = line("retail", "社会消费品零售总额", rate=D("7.4"))
    child = line("above", "限上消费品零售额", rate=D("9.8"), rank=1, parent="retail")
    other = line("ind", "规上工业增加值", rate=D("4.7"))
    # catalogue order puts another indicator between them; the child still follows its parent
    text = zh(parent, other, child)
    assert "社会消费品零售总额增长7.4%,其中限上消费品零售额增长9.8%,全市第一;规上工业增加值" in text


def test_child_without_its_parent_stands_alone():
    child = line("above", "限上消费品零售额", rate=D("9.8"), parent="retail")
    assert zh(child) == "全县上半年限上消费品零售额增长9.8%。"


def test_clauses_are_joined_with_semicolons():
    text = zh(line("a", "甲", rate=D(1)), line("b", "乙", rate=D(2)), line("c", "丙", rate=D(3)))
    assert text == "全县上半年甲增长1%;乙增长2%;丙增长3%。"


@pytest.mark.parametrize(
    ("rank", "words"),
    [(1, "全市第一"), (2, "全市第二"), (3, "全市第三"), (10, "全市第十"), (11, "全市第十一")],
)
def test_rank_is_written_in_chinese_numerals(rank, words):
    assert zh(line("a", "甲", rate=D(1), rank=rank), top=11).endswith(words + "。")


def test_rank_below_the_threshold_is_not_mentioned():
    assert zh(line("a", "甲", rate=D(1), rank=4)) == "全县上半年甲增长1%。"


def test_threshold_is_configurable(settings):
    settings.RIXIN_BRIEF_TOP_RANKS = 5
    assert zh(line("a", "甲", rate=D(1), rank=4), top=None).endswith("全市第四。")
    settings.RIXIN_BRIEF_TOP_RANKS = 1
    assert zh(line("a", "甲", rate=D(1), rank=2), top=None) == "全县上半年甲增长1%。"


def test_tied_rank_reads_bingli():
    assert zh(line("a", "甲", rate=D(1), rank=2, tied=True)).endswith("全市并列第二。")


def test_period_and_place_names():
    assert zh(line("a", "甲", rate=D(1)), period=Period(2024, 3)).startswith("全县一季度")
    assert zh(line("a", "甲", rate=D(1)), period=Period(2024, 9)).startswith("全县前三季度")
    assert zh(line("a", "甲", rate=D(1)), period=Period(2024, 5)).startswith("全县1-5月")
    assert zh(line("a", "甲", rate=D(1)), place="榆次区").startswith("全区上半年")


def test_per_capita_income_reads_reached():
    assert "达到21000元" in zh(
        line("inc", "城镇居民人均可支配收入", value=D(21000), rate=D(5), unit="元")
    )


def test_english_version_follows_the_same_rules():
    lines = [
        line("gdp", "地区生产总值", value=D("98.03"), rate=D("6.2"), rank=1, name_en="GDP"),
        line("retail", "社会消费品零售总额", rate=D("7.4"), name_en="Retail sales"),
        line(
            "above",
            "限上",
            rate=D("9.8"),
            rank=2,
            tied=True,
            parent="retail",
            name_en="Retail above size",
        ),
        line("ind", "规上", rate=D("-1.5"), rank=11, name_en="Industry"),
    ]
    text = compose_brief(lines, period=H1, place_name="寿阳县", language="en", top=3)
    assert text == (
        "In the first half of 2024, the county's GDP reached 9.803 billion yuan, up 6.2% year on "
        "year, first in the city; retail sales grew 7.4%, of which retail above size grew 9.8%, "
        "tied for second in the city; industry fell 1.5%."
    )


def test_brief_does_not_depend_on_the_interface_language():
    from django.utils import translation

    with translation.override("en"):
        assert zh(line("a", "甲", rate=D(1), rank=1)) == "全县上半年甲增长1%,全市第一。"

"""The rules of the report's sentences (pure functions, no database)."""

import datetime
from decimal import Decimal

from rixin.reports import sentences as s

H1 = (datetime.date(2024, 1, 1), datetime.date(2024, 6, 30))


def investment(**changes) -> s.InvestmentFigures:
    figures = {
        "start": H1[0],
        "end": H1[1],
        "signed_amount": Decimal("766400"),
        "signing_rate": Decimal("106.44"),
        "whole_target_period": True,
        "target_name_zh": "上半年",
        "target_name_en": "the first half",
        "year_count": 10,
        "start_rate": Decimal("50.00"),
        "start_rate_completion": Decimal("125.00"),
    }
    return s.InvestmentFigures(**{**figures, **changes})


def test_the_investment_sentence_reads_like_the_article():
    assert s.investment_sentence(investment()) == (
        "1-6月份,已完成签约总额76.64亿元,完成率106.44%;当年签约项目开工率达到50%,完成率125%。"
    )


def test_part_of_a_target_period_names_the_target_it_measures_against():
    text = s.investment_sentence(
        investment(
            start=datetime.date(2024, 7, 1),
            end=datetime.date(2024, 7, 31),
            whole_target_period=False,
            target_name_zh="下半年",
            signing_rate=Decimal("12.5"),
        )
    )
    assert text.startswith("7月份,已完成签约总额76.64亿元,完成下半年目标的12.5%;")


def test_without_a_target_the_completion_rates_are_left_out():
    text = s.investment_sentence(investment(signing_rate=None, start_rate_completion=None))
    assert text == "1-6月份,已完成签约总额76.64亿元;当年签约项目开工率达到50%。"


def test_without_agreements_this_year_there_is_no_start_rate():
    text = s.investment_sentence(
        investment(signed_amount=Decimal(0), signing_rate=Decimal(0), year_count=0, start_rate=None)
    )
    assert text == "1-6月份,已完成签约总额0亿元,完成率0%;当年尚无签约项目。"


def test_the_english_investment_sentence_gives_billions():
    text = s.investment_sentence(investment(), "en")
    assert text.startswith(
        "From January to June, agreements worth 7.664 billion yuan were signed, 106.44% of the target;"
    )


def test_the_library_sentence_gives_the_count_total_and_categories():
    total = s.Group("", "", 271, Decimal("7350000"))
    groups = [
        s.Group("产业类", "industry", 148, Decimal("4514500")),
        s.Group("民生类", "livelihood", 59, Decimal("1231300")),
    ]
    assert s.library_sentence(total, groups) == (
        "全县项目动态储备库共有271个项目,总投资735亿元,其中产业类148个、总投资451.45亿元,"
        "民生类59个、总投资123.13亿元。"
    )


def test_no_appeals_is_said_plainly():
    figures = s.AppealFigures(0, 0, 0, None, None, 0)
    assert s.appeals_sentence(figures, "1-6月") == "1-6月份未受理企业诉求。"


def test_the_appeals_sentence_gives_marks_rates_and_overdue():
    figures = s.AppealFigures(10, 9, 8, Decimal("100.0"), Decimal("62.5"), 1)
    assert s.appeals_sentence(figures, "7月") == (
        "7月份共受理企业诉求10件,已办结9件;企业已阅卷8件,满意率100%,解决率62.5%;逾期未办结1件。"
    )


def key(**changes) -> s.KeyProject:
    figures = {
        "name": "七元煤矿",
        "tags": ["省级重点"],
        "report_text": "一季度累计完成投资3.31亿元。",
        "report_year": 2024,
        "report_month": 3,
        "completed_this_year": Decimal("64500"),
        "annual_completion": Decimal("53.75"),
        "physical": None,
    }
    return s.KeyProject(**{**figures, **changes})


def test_an_older_report_is_marked_with_its_month():
    assert s.key_project_paragraph(key(), 2024, 6) == (
        "七元煤矿(省级重点):(3月报告)一季度累计完成投资3.31亿元。本年累计完成投资6.45亿元,完成年度计划的53.75%。"
    )


def test_a_project_without_report_text_shows_its_description():
    text = s.key_project_paragraph(
        key(report_text="", report_year=None, report_month=None, description="矿井建设", tags=[]),
        2024,
        6,
    )
    assert text == "七元煤矿:项目概况:矿井建设。本年累计完成投资6.45亿元,完成年度计划的53.75%。"

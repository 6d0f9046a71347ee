"""Ranks are computed from rates: higher is better unless the indicator says otherwise, equal
rates share a rank."""

from decimal import Decimal as D

from rixin.indicators.ranking import Standing, chinese_number, rank_rates


def test_highest_rate_ranks_first():
    assert rank_rates({"a": D(5), "b": D(7), "c": D(6)}) == {
        "a": (3, False),
        "b": (1, False),
        "c": (2, False),
    }


def test_equal_rates_share_a_rank_and_the_next_is_skipped():
    assert rank_rates({"a": D(5), "b": D(5), "c": D(4)}) == {
        "a": (1, True),
        "b": (1, True),
        "c": (3, False),
    }


def test_lower_is_better_when_the_indicator_says_so():
    assert rank_rates({"a": D(5), "b": D(7)}, higher_is_better=False)["a"] == (1, False)


def test_counties_without_a_rate_are_not_ranked():
    assert rank_rates({"a": None, "b": D(1)}) == {"b": (1, False)}


def test_change_of_rank_against_the_previous_period():
    assert Standing(rank=1, tied=False, of=11, previous_rank=3).change == 2
    assert Standing(rank=4, tied=False, of=11, previous_rank=2).change == -2
    assert Standing(rank=4, tied=False, of=11).change is None


def test_chinese_numerals():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十三",
    ]

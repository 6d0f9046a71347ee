import datetime

import pytest

from rixin.cockpit.periods import CockpitPeriod, months_before


@pytest.mark.parametrize(
    "text, start, end, last_month, label_zh, label_en",
    [
        ("2024-06", "2024-06-01", "2024-06-30", 6, "2024年6月", "June 2024"),
        ("2024Q2", "2024-04-01", "2024-06-30", 6, "2024年第二季度", "the second quarter of 2024"),
        ("2024H1", "2024-01-01", "2024-06-30", 6, "2024年上半年", "the first half of 2024"),
        ("2024h2", "2024-07-01", "2024-12-31", 12, "2024年下半年", "the second half of 2024"),
        ("2024", "2024-01-01", "2024-12-31", 12, "2024年", "2024"),
        ("2024-2", "2024-02-01", "2024-02-29", 2, "2024年2月", "February 2024"),
    ],
)
def test_a_period_is_parsed_from_its_key(text, start, end, last_month, label_zh, label_en):
    period = CockpitPeriod.parse(text)
    assert period.start == datetime.date.fromisoformat(start)
    assert period.end == datetime.date.fromisoformat(end)
    assert period.last_month == last_month
    assert period.year == 2024
    assert (period.label_zh, period.label_en) == (label_zh, label_en)
    assert CockpitPeriod.parse(period.key) == period


@pytest.mark.parametrize("text", ["", "2024Q5", "2024H3", "2024-13", "24", "上半年", "2024-00"])
def test_a_bad_period_is_refused_with_a_chinese_message(text):
    with pytest.raises(ValueError, match="期间|不是"):
        CockpitPeriod.parse(text)


def test_statistics_and_targets_follow_the_period():
    q2 = CockpitPeriod.parse("2024Q2")
    assert q2.indicator_period.key == "2024-06"  # cumulative 1-6月
    assert q2.target_period == "h1"
    assert CockpitPeriod.parse("2024-09").target_period == "h2"
    assert CockpitPeriod.parse("2024").target_period == "year"
    assert q2.cumulative_zh == "1-6月"


def test_the_default_period_widens_to_what_the_month_ends():
    assert CockpitPeriod.ending_in(2024, 6).key == "2024H1"
    assert CockpitPeriod.ending_in(2024, 9).key == "2024Q3"
    assert CockpitPeriod.ending_in(2024, 12).key == "2024"
    assert CockpitPeriod.ending_in(2024, 5).key == "2024-05"


def test_months_before_keeps_the_day_or_the_end_of_a_shorter_month():
    assert months_before(datetime.date(2024, 6, 30), 6) == datetime.date(2023, 12, 30)
    assert months_before(datetime.date(2024, 8, 31), 6) == datetime.date(2024, 2, 29)

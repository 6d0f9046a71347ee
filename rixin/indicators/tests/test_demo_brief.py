"""The demo reproduces the article: Shouyang's H1 2024 brief and its ranks."""

import pytest

from rixin.demo import indicators as demo
from rixin.indicators.periods import Period
from rixin.indicators.queries import brief_for, city_table, county_board

pytestmark = pytest.mark.django_db

ARTICLE = (
    "全县上半年地区生产总值完成98.03亿元,同比增长6.2%,全市第一;"
    "固定资产投资完成32亿元,同比增长10.2%,全市第一;"
    "社会消费品零售总额增长7.4%,其中限上消费品零售额增长9.8%,全市第一;"
    "规上工业增加值增长4.7%,全市第二"
)


@pytest.fixture
def demo_loaded(db):
    demo.load()


def test_brief_for_shouyang_h1_2024_contains_the_article_sentence(demo_loaded):
    assert ARTICLE in brief_for("140725", 2024, 6)


def test_article_sentence_bytes_match_the_facts_file():
    from pathlib import Path

    facts = Path("/work/shared/seed/FACTS.md")
    if facts.exists():
        assert ARTICLE in facts.read_text(encoding="utf-8")


def test_shouyang_ranks_first_first_first_second_on_the_article_indicators(demo_loaded):
    table = city_table("140700", Period(2024, 6))
    ids = {i.code: i.pk for i in table.indicators}
    ranks = [
        table.cell("140725", ids[code])[1].rank
        for code in ("gdp", "fixed_asset_investment", "retail_above_size", "industry_value_added")
    ]
    assert ranks == [1, 1, 1, 2]


def test_every_shouyang_indicator_is_in_the_top_three(demo_loaded):
    table = city_table("140700", Period(2024, 6))
    for indicator in table.indicators:
        observation, standing = table.cell("140725", indicator.pk)
        if observation is None:
            continue
        rates = sorted(
            (obs.rate for (c, i), obs in table.observations.items() if i == indicator.pk),
            reverse=True,
        )
        assert rates.index(observation.rate) < 3, indicator.code
        assert standing is None or standing.rank <= 3


def test_shouyang_published_figures_are_facts_and_others_are_illustrative(demo_loaded):
    rows = {row.indicator.code: row for row in county_board("140725", 2024, 6)}
    assert not rows["gdp"].observation.is_illustrative
    assert rows["gdp"].value == demo.SHOUYANG_H1_2024["gdp"][0]
    assert rows["gdp"].observation.value == 980300
    table = city_table("140700", Period(2024, 6))
    others = [obs for (c, _i), obs in table.observations.items() if c != "140725"]
    assert others and all(obs.is_illustrative for obs in others)


def test_english_brief_for_shouyang(demo_loaded):
    text = brief_for("140725", 2024, 6, language="en")
    assert text.startswith("In the first half of 2024, the county's GDP reached 9.803 billion yuan")
    assert "of which retail sales above designated size grew 9.8%, first in the city" in text


def test_loading_the_demo_twice_changes_nothing(demo_loaded):
    from rixin.indicators.models import Observation

    before = Observation.objects.count()
    assert demo.load()["observations"] == 0
    assert Observation.objects.count() == before

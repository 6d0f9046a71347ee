"""A rank is stated as 全市第N only when every county of the city has published the indicator
for the period; otherwise the board shows 已报 n/11 and the brief says what the data allow."""

from decimal import Decimal as D

import pytest

from rixin.accounts.access import system_actor
from rixin.cockpit import comparison
from rixin.cockpit.figures import indicator_cards
from rixin.cockpit.periods import CockpitPeriod
from rixin.indicators import actions
from rixin.indicators.catalogue import ensure_standard_catalogue
from rixin.indicators.models import Indicator
from rixin.indicators.periods import Period
from rixin.indicators.queries import brief_for, city_table, county_board
from rixin.regions.models import Division

pytestmark = pytest.mark.django_db
SEPTEMBER = Period(2024, 9)
SHOUYANG, YUCI, TAIGU = "140725", "140702", "140703"


def publish(county: str, rate: str, code: str = "gdp", value: str | None = None) -> None:
    indicator = Indicator.objects.standard().get(code=code)
    actions.save_observation(
        acting_user=system_actor(),
        county=Division.objects.get(code=county),
        indicator=indicator,
        period=SEPTEMBER,
        value=indicator.to_stored(D(value)) if value else None,
        rate=D(rate),
    )


@pytest.fixture
def catalogue(db):
    ensure_standard_catalogue(Indicator)


def gdp_row(county: str = SHOUYANG):
    return next(r for r in county_board(county, 2024, 9) if r.indicator.code == "gdp")


def test_one_county_of_eleven_gets_no_rank_and_the_board_says_1_of_11(catalogue):
    publish(SHOUYANG, "6.2", value="150.2")
    standing = gdp_row().standing
    assert not standing.complete and standing.city_rank is None
    assert standing.label == "已报 1/11"
    text = brief_for(SHOUYANG, 2024, 9)
    assert "全市第" not in text and "已报送" not in text
    assert text.startswith("全县前三季度地区生产总值完成150.2亿元,同比增长6.2%")


def test_with_three_reporting_the_brief_says_first_of_the_three(catalogue):
    publish(SHOUYANG, "6.2")
    publish(YUCI, "5.8")
    publish(TAIGU, "5.1")
    assert gdp_row().standing.label == "已报 3/11"
    assert "地区生产总值增长6.2%,在已报送的3个县中第一" in brief_for(SHOUYANG, 2024, 9)
    english = brief_for(SHOUYANG, 2024, 9, language="en")
    assert "first of the 3 counties that reported" in english
    assert "in the city" not in english


def test_the_cockpit_card_carries_no_city_rank_without_every_county(catalogue):
    publish(SHOUYANG, "6.2")
    cards = indicator_cards(SHOUYANG, CockpitPeriod(2024, "quarter", 3))
    gdp = next(card for card in cards if card.code == "gdp")
    assert (gdp.rank, gdp.reported, gdp.counties, gdp.rank_label) == (None, 1, 11, "已报 1/11")


def test_top_three_counts_only_complete_ranks(catalogue):
    publish(SHOUYANG, "6.2")
    assert city_table("140700", SEPTEMBER).top_three(SHOUYANG) == 0


def test_the_city_view_shows_a_dash_and_names_the_counties_that_have_not_reported(
    catalogue, personas, client_for
):
    publish(SHOUYANG, "6.2")
    city = Division.objects.get(code="140700")
    codes = list(Division.objects.counties().filter(parent=city).values_list("code", flat=True))
    result = comparison.compare(city, codes, CockpitPeriod(2024, "quarter", 3))
    rows = {r.code: r for r in result.rows}
    assert rows[YUCI].top_three is None and rows[YUCI].project_count is None
    assert rows[SHOUYANG].cell("gdp").rank is None
    column = next(c for c in result.indicators if c.code == "gdp")
    assert len(column.missing) == 10 and "榆次区" in column.missing
    page = client_for(personas.city_viewer).get("/cockpit/city/140700/?period=2024Q3")
    html = page.content.decode()
    assert "榆次区" in html and "未报送(10个),不排名次" in html


def test_with_every_county_the_demo_sentence_keeps_its_ranks(demo_indicators):
    rows = {r.indicator.code: r for r in county_board(SHOUYANG, 2024, 6)}
    assert rows["gdp"].standing.complete and rows["gdp"].standing.label == "全市第一"
    assert "地区生产总值完成98.03亿元,同比增长6.2%,全市第一" in brief_for(SHOUYANG, 2024, 6)


def test_a_rate_published_as_9_0_reads_9_0_percent(catalogue, personas, client_for):
    publish(SHOUYANG, "9.0")
    observation = gdp_row().observation
    assert (observation.rate_places, observation.published_rate) == (1, "9.0%")
    page = client_for(personas.leader).get("/indicators/county/140725/?period=2024-09")
    assert "9.0%" in page.content.decode()
    assert "增长9.0%" in brief_for(SHOUYANG, 2024, 9)

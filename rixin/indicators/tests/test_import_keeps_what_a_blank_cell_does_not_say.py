"""A blank cell in the bureau-layout import keeps the recorded figure; "清除" clears it. A
monthly period for a quarterly indicator and an over-long county code are refused, the row
named."""

from decimal import Decimal as D

import pytest

from rixin.indicators.models import Observation
from rixin.indicators.tests.test_import_bureau_spreadsheet import run
from rixin.spreadsheets.imports import commit

pytestmark = pytest.mark.django_db
GDP, GDP_RATE = "地区生产总值(亿元)", "地区生产总值增速(%)"
RETAIL_RATE = "社会消费品零售总额增速(%)"


def imported(user, rows):
    from rixin.indicators.importers import ObservationImporter

    _importer, batch = run(user, rows)
    assert batch.errors == []
    return commit(batch, ObservationImporter(user))


def gdp():
    return Observation.objects.get(county_id="140725", indicator__code="gdp", month=6)


def test_importing_the_rate_alone_keeps_the_published_value(personas):
    imported(personas.tongji, [("2024-06", "140725", {GDP: "98.03", GDP_RATE: "6.0"})])
    result = imported(personas.tongji, [("2024-06", "140725", {GDP_RATE: "6.2"})])
    assert result.counts == {"correction": 1}
    assert (gdp().value, gdp().rate) == (D("980300.00"), D("6.20"))


def test_clearing_a_value_needs_the_explicit_mark(personas):
    imported(personas.tongji, [("2024-06", "140725", {GDP: "98.03", GDP_RATE: "6.2"})])
    imported(personas.tongji, [("2024-06", "140725", {GDP: "清除"})])
    assert (gdp().value, gdp().rate) == (None, D("6.20"))


def test_a_monthly_period_for_a_quarterly_indicator_is_refused_with_the_row(personas):
    _importer, batch = run(personas.tongji, [("2024-05", "140725", {GDP_RATE: "6.2"})])
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, GDP_RATE)]
    assert "季" in batch.errors[0]["message"]


def test_an_over_long_county_code_is_refused_at_parse(personas):
    _importer, batch = run(personas.city_statistician, [("2024-06", "1407250000", {GDP_RATE: 6})])
    assert [(e["row"], e["column"]) for e in batch.errors] == [(2, "县(市、区)代码")]
    assert not Observation.objects.exists()

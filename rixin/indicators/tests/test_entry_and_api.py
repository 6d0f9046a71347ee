"""The entry grid, the targets page, the spreadsheet downloads and the API."""

import json
from decimal import Decimal as D
from io import BytesIO

import pytest
from openpyxl import load_workbook

from rixin.indicators.models import Indicator, Observation, Target

pytestmark = pytest.mark.django_db


def ids():
    return {i.code: i.pk for i in Indicator.objects.all()}


def test_city_statistician_enters_every_county_in_one_grid(personas, client_for):
    gdp = ids()["gdp"]
    client = client_for(personas.city_statistician)
    page = client.get("/indicators/entry/?period=2024-06").text
    assert page.count('<th scope="row">') == 11
    response = client.post(
        "/indicators/entry/?period=2024-06",
        {f"v-140725-{gdp}": "98.03", f"r-140725-{gdp}": "6.2", f"r-140702-{gdp}": "5.8"},
    )
    assert response.status_code == 302
    assert Observation.objects.get(county_id="140725").value == D("980300")
    assert Observation.objects.count() == 2


def test_grid_with_one_bad_cell_saves_nothing_and_names_it(personas, client_for):
    gdp, industry = ids()["gdp"], ids()["industry_value_added"]
    response = client_for(personas.tongji).post(
        "/indicators/entry/?period=2024-06",
        {f"r-140725-{gdp}": "6.2", f"r-140725-{industry}": "abc"},
    )
    assert response.status_code == 200
    assert "规上工业增加值增速(%)" in response.text and "不是数字" in response.text
    assert 'value="abc"' in response.text
    assert not Observation.objects.exists()


def test_grid_refuses_a_period_the_quarterly_indicator_does_not_have(personas, client_for):
    gdp = ids()["gdp"]
    response = client_for(personas.tongji).post(
        "/indicators/entry/?period=2024-05", {f"r-140725-{gdp}": "6"}
    )
    assert "季度" in response.text and not Observation.objects.exists()


def test_leader_may_not_enter_and_nothing_is_written(personas, client_for):
    gdp = ids()["gdp"]
    response = client_for(personas.leader).post("/indicators/entry/", {f"r-140725-{gdp}": "6"})
    assert response.status_code == 403 and not Observation.objects.exists()


def test_targets_page_sets_targets(personas, client_for):
    gdp = ids()["gdp"]
    client = client_for(personas.tongji)
    assert client.post("/indicators/targets/?year=2024", {f"t-{gdp}": "6.5"}).status_code == 302
    assert Target.objects.get().growth == D("6.5")
    response = client.post("/indicators/targets/?year=2024", {f"t-{gdp}": "六"})
    assert "不是数字" in response.text and Target.objects.get().growth == D("6.5")
    assert client.get("/indicators/targets/?county=140702").status_code == 404


def test_template_is_the_bureau_layout_and_reimports(personas, client_for, demo_indicators):
    response = client_for(personas.city_statistician).get(
        "/indicators/entry/template.xlsx?period=2024-06"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == (
        "统计期",
        "县(市、区)代码",
        "县(市、区)",
        "地区生产总值(亿元)",
        "地区生产总值增速(%)",
    )
    shouyang = next(r for r in rows if r[1] == "140725")
    assert shouyang[3] == 98.03 and shouyang[4] == 6.2


def test_api_brief_ranking_and_observations(personas, client_for, demo_indicators):
    client = client_for(personas.city_viewer)
    brief = client.get("/api/v1/indicators/brief?county=140725&period=2024-06").json()
    assert "全市第一;固定资产投资完成32亿元" in brief["text"]
    english = client.get("/api/v1/indicators/brief?county=140725&period=2024-06&language=en").json()
    assert english["text"].startswith("In the first half of 2024")
    rankings = client.get("/api/v1/indicators/rankings?period=2024-06").json()
    shouyang = {r["indicator"]: r["rank"] for r in rankings if r["county"] == "140725"}
    assert [
        shouyang[c]
        for c in ("gdp", "fixed_asset_investment", "retail_above_size", "industry_value_added")
    ] == [1, 1, 1, 2]
    observations = client.get(
        "/api/v1/indicators/observations?county=140725&indicator=gdp&period=2024-06"
    ).json()
    assert observations["count"] == 1 and observations["items"][0]["value"] == "98.03"
    assert client.get("/api/v1/indicators/brief?county=140725&period=2024-13").status_code == 422


def test_api_records_and_corrects(personas, client_for):
    client = client_for(personas.tongji)

    def post(rate):
        body = {
            "county": "140725",
            "indicator": "gdp",
            "period": "2024-06",
            "value": "98.03亿元",
            "rate": rate,
        }
        return client.post(
            "/api/v1/indicators/observations", json.dumps(body), content_type="application/json"
        )

    assert post("6.0").status_code == 201
    assert post("6.2").status_code == 200
    assert Observation.objects.get().rate == D("6.2")
    response = post("2000")
    assert response.status_code == 422 and Observation.objects.get().rate == D("6.2")


def test_api_refuses_another_county_with_404(personas, client_for):
    body = {"county": "140702", "indicator": "gdp", "period": "2024-06", "rate": "5"}
    response = client_for(personas.tongji).post(
        "/api/v1/indicators/observations", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 404 and not Observation.objects.exists()
    assert (
        client_for(personas.leader)
        .get("/api/v1/indicators/brief?county=140702&period=2024-06")
        .status_code
        == 404
    )

"""The board, the city matrix, an indicator's trend and the catalogue, as users see them."""

import pytest

pytestmark = pytest.mark.django_db


def test_city_matrix_shows_shouyang_first_first_first_second(personas, client_for, demo_indicators):
    response = client_for(personas.city_viewer).get("/indicators/matrix/?period=2024-06")
    assert response.status_code == 200
    html = response.text
    row = html[html.index('data-county="140725"') :]
    row = row[: row.index("</tr>")]
    ranks = [part.split('"')[0] for part in row.split('data-rank="')[1:]]
    # ranked columns in catalogue order: GDP, investment, 限上, 规上, 商品房
    assert ranks[:4] == ["1", "1", "1", "2"]
    assert "全市第一" in row and "全市第二" in row
    assert html.count("data-county=") == 11


def test_county_officer_sees_only_their_own_row_of_the_matrix(
    personas, client_for, demo_indicators
):
    html = client_for(personas.officer).get("/indicators/matrix/?period=2024-06").text
    assert 'data-county="140725"' in html and 'data-county="140702"' not in html


def test_board_shows_figures_brief_target_and_rank(personas, client_for, demo_indicators):
    response = client_for(personas.leader).get("/indicators/county/140725/?period=2024-06")
    assert response.status_code == 200
    html = response.text
    assert "全县上半年地区生产总值完成98.03亿元,同比增长6.2%,全市第一;" in html
    assert "In the first half of 2024" in html
    assert "98.03" in html and "全市第一" in html
    assert "个百分点" in html  # progress against the annual target
    assert 'id="sparklines"' in html


def test_board_of_another_county_answers_404(personas, client_for, demo_indicators):
    assert client_for(personas.leader).get("/indicators/county/140702/").status_code == 404


def test_board_defaults_to_the_latest_period(personas, client_for, demo_indicators):
    html = client_for(personas.leader).get("/indicators/county/140725/").text
    assert "2024年1-6月" in html


def test_bad_period_in_the_address_is_explained(personas, client_for, demo_indicators):
    html = client_for(personas.leader).get("/indicators/county/140725/?period=2024-13").text
    assert "统计期“2024-13”不存在" in html


def test_indicator_page_has_trend_for_the_city(personas, client_for, demo_indicators):
    response = client_for(personas.city_viewer).get("/indicators/gdp/")
    assert response.status_code == 200
    assert 'id="trend"' in response.text and "2023-03" in response.text
    assert response.text.count('<th scope="row">') == 11


def test_home_sends_county_staff_to_their_board_and_city_staff_to_the_matrix(personas, client_for):
    assert (
        client_for(personas.leader).get("/indicators/")["Location"] == "/indicators/county/140725/"
    )
    assert client_for(personas.city_viewer).get("/indicators/")["Location"] == "/indicators/matrix/"


def test_enterprise_user_gets_403(personas, client_for, demo_indicators):
    client = client_for(personas.enterprise_user)
    for url in ("/indicators/matrix/", "/indicators/county/140725/", "/indicators/gdp/"):
        assert client.get(url).status_code == 403


def test_empty_database_pages_render(personas, client_for):
    client = client_for(personas.city_viewer)
    assert "尚无已发布的指标数据" in client.get("/indicators/matrix/").text
    assert client.get("/indicators/county/140725/").status_code == 200
    assert client.get("/indicators/catalogue/").status_code == 200


def test_english_interface_translates_the_page_but_keeps_both_briefs(
    personas, client_for, demo_indicators
):
    client = client_for(personas.leader)
    client.cookies["django_language"] = "en"
    personas.leader.language = "en"
    personas.leader.save(update_fields=["language"])
    html = client.get("/indicators/county/140725/?period=2024-06").text
    assert "全县上半年地区生产总值" in html and "In the first half of 2024" in html

"""The county's report page lists its periods with both formats, in a fixed number of queries."""

import pytest

from .demo import a_project_reporting

pytestmark = pytest.mark.django_db


def test_the_page_lists_each_period_with_pdf_and_word(personas, client_for):
    a_project_reporting(2024, 7)
    response = client_for(personas.leader).get("/reports/140725/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "/reports/140725/2024H2/half.pdf" in page  # the half-year of July, now over
    assert "/reports/140725/2024-07/month.docx" in page
    assert "半年报告(期中答卷)" in page and 'id="report-progress"' in page


def test_a_county_staff_member_is_sent_to_the_county_page(personas, client_for):
    response = client_for(personas.officer).get("/reports/")
    assert response.status_code == 302 and response["Location"] == "/reports/140725/"


def test_the_city_chooses_among_its_counties(personas, client_for):
    page = client_for(personas.city_viewer).get("/reports/").content.decode()
    assert "/reports/140725/" in page and "/reports/140702/" in page


def test_the_page_runs_the_same_queries_whatever_the_data(
    personas, client_for, django_assert_max_num_queries
):
    client = client_for(personas.leader)
    a_project_reporting(2024, 3)
    client.get("/reports/140725/")  # the session's first request does its own bookkeeping
    with django_assert_max_num_queries(12) as small:
        client.get("/reports/140725/")
    for month in range(4, 8):
        a_project_reporting(2024, month)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/reports/140725/")

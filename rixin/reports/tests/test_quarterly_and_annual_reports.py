"""Quarterly and annual reports: their titles, files and URLs, and figures as of the
period's end (a project that entered the library in July is not in the first quarter's)."""

import pytest

from rixin.reports.content import build_report, file_name, title
from rixin.testing import SHOUYANG, division

from .demo import a_project_reporting, docx_text, flat

pytestmark = pytest.mark.django_db


def _library_total(report) -> str:
    section = next(s for s in report.sections if s.title.startswith("三、"))
    table = next(t for t in section.tables if t.caption == "项目库分类汇总")
    return table.rows[-1][1]  # 合计: the number of projects


def test_the_quarter_counts_the_library_as_of_its_end_and_the_year_as_of_december(personas):
    a_project_reporting(2024, 7)
    quarter, year = build_report(SHOUYANG, "2024Q1"), build_report(SHOUYANG, "2024")
    assert (quarter.kind, year.kind) == ("quarter", "year")
    assert _library_total(quarter) == "0"
    assert _library_total(year) == "1"
    assert build_report(SHOUYANG, "2024Q3").title == "寿阳县2024年第三季度经济运行报告"


def test_titles_and_file_names_in_both_languages(personas):
    from rixin.cockpit.periods import CockpitPeriod

    county = division(SHOUYANG)
    year, quarter = CockpitPeriod.parse("2024"), CockpitPeriod.parse("2024Q2")
    assert title(county, year) == "寿阳县2024年“年度总结”"
    assert file_name(county, year, "pdf") == "寿阳县-2024-年度总结.pdf"
    assert file_name(county, quarter, "docx") == "寿阳县-2024Q2-季度报告.docx"
    assert title(county, quarter, "en").endswith("quarterly report, the second quarter of 2024")
    assert file_name(county, year, "pdf", "en").endswith("-2024-annual-review.pdf")


def test_the_quarter_and_the_year_download_under_their_own_kind(personas, client_for):
    a_project_reporting(2024, 2)
    client = client_for(personas.leader)
    response = client.get("/reports/140725/2024Q1/quarter.docx")
    assert response.status_code == 200
    assert "寿阳县2024年第一季度经济运行报告" in flat(docx_text(response.content))
    assert client.get("/reports/140725/2024Q1/half.docx").status_code == 404
    assert client.get("/reports/140725/2024/year.docx").status_code == 200
    page = client.get("/reports/140725/").content.decode()
    assert "/reports/140725/2024Q1/quarter.pdf" in page and "/reports/140725/2024/year.pdf" in page
    assert "季度报告" in page and "年度报告(年度总结)" in page

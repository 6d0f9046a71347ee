"""The demo's half-year report of Shouyang, downloaded as a county leader, carries the
article's sentences in the PDF and in the Word file, and the paragraphs the approvals, parks,
funds and innovation modules write."""

import datetime

import pytest
from django.db import transaction
from django.test import Client

from rixin.audit.models import AuditEvent

from .demo import docx_text, flat, pdf_body, pdf_text

pytestmark = pytest.mark.django_db

INDICATORS = (
    "全县上半年地区生产总值完成98.03亿元,同比增长6.2%,全市第一;固定资产投资完成32亿元,"
    "同比增长10.2%,全市第一;社会消费品零售总额增长7.4%,其中限上消费品零售额增长9.8%,全市第一;"
    "规上工业增加值增长4.7%,全市第二"
)
INVESTMENT = "1-6月份,已完成签约总额76.64亿元,完成率106.44%;当年签约项目开工率达到50%,完成率125%"
LIBRARY = "271个项目,总投资735亿元"


@pytest.fixture(scope="module")
def downloads(demo, django_db_blocker):
    from rixin.accounts.models import User

    with django_db_blocker.unblock(), transaction.atomic():
        client = Client()
        client.force_login(
            User.objects.get(username="sy_leader"),
            backend="django.contrib.auth.backends.ModelBackend",
        )
        files = {fmt: client.get(f"/reports/140725/2024H1/half.{fmt}") for fmt in ("pdf", "docx")}
        audited = list(
            AuditEvent.objects.filter(action="export", object_type="reports.report").values_list(
                "object_id", "username", "county"
            )
        )
        paragraphs = module_paragraphs()
        transaction.set_rollback(True)
    yield files, audited, paragraphs


def module_paragraphs() -> dict[str, str]:
    from rixin.approvals import figures as approvals
    from rixin.funds import figures as funds
    from rixin.innovation import figures as innovation
    from rixin.parks import figures as parks

    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 6, 30)
    return {
        "approvals": approvals.report_paragraph("140725", start, end),
        "parks": parks.report_paragraph("140725", start, end),
        "funds": funds.report_paragraph("140725", 2024),
        "innovation": innovation.report_paragraph("140725", 2024),
    }


def test_the_pdf_is_a_pdf_named_after_the_county_and_period(downloads):
    response = downloads[0]["pdf"]
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        "%E5%AF%BF%E9%98%B3%E5%8E%BF-2024H1-" in response["Content-Disposition"]
    )  # 寿阳县-2024H1-


def test_the_pdf_text_contains_the_indicator_sentence(downloads):
    assert INDICATORS in flat(pdf_text(downloads[0]["pdf"].content))


def test_the_pdf_text_contains_the_investment_sentence(downloads):
    assert INVESTMENT in flat(pdf_text(downloads[0]["pdf"].content))


def test_the_pdf_text_contains_the_library_summary(downloads):
    assert LIBRARY in flat(pdf_text(downloads[0]["pdf"].content))


def test_each_pdf_page_has_the_county_period_and_page_number(downloads):
    pages = pdf_text(downloads[0]["pdf"].content).split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "寿阳县·2024年上半年" in flat(page)
        assert f"第{number}页,共{len(pages)}页" in flat(page)


def test_the_docx_opens_and_has_the_same_sentences(downloads):
    text = flat(docx_text(downloads[0]["docx"].content))
    for sentence in (INDICATORS, INVESTMENT, LIBRARY):
        assert sentence in text


def test_the_docx_has_the_charts_and_the_header(downloads):
    from io import BytesIO

    from docx import Document

    document = Document(BytesIO(downloads[0]["docx"].content))
    assert len(document.inline_shapes) >= 3
    assert "寿阳县 · 2024年上半年" in document.sections[0].header.paragraphs[0].text


def test_every_download_is_recorded_in_the_audit_log(downloads):
    audited = downloads[1]
    assert sorted(audited) == [
        ("140725/2024H1/half.docx", "sy_leader", "140725"),
        ("140725/2024H1/half.pdf", "sy_leader", "140725"),
    ]


def test_the_demo_has_a_paragraph_from_each_new_module(downloads):
    assert all(downloads[2].values())
    assert "受理工程建设项目审批事项" in downloads[2]["approvals"]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_files_carry_each_module_paragraph_in_its_section(downloads, fmt):
    content = downloads[0][fmt].content
    text = pdf_body(content) if fmt == "pdf" else flat(docx_text(content))
    paragraphs = {name: flat(paragraph) for name, paragraph in downloads[2].items()}
    for paragraph in paragraphs.values():
        assert paragraph in text
    # Approvals and parks under 项目建设, the funds and innovation in sections of their own.
    assert (
        text.index("三、项目建设")
        < text.index(paragraphs["approvals"])
        < text.index("四、重点项目进展")
    )
    assert (
        text.index("三、项目建设")
        < text.index(paragraphs["parks"])
        < text.index("四、重点项目进展")
    )
    assert text.index("六、要素保障") < text.index(paragraphs["funds"])
    assert text.index("七、科技创新") < text.index(paragraphs["innovation"])

"""The Shouyang 2024 half-year report in 公文 form, written by ``make_report --official``:
pdftotext and python-docx find its frame and the article's sentences, the PDF is A4 with the
GB/T 9704-2012 margins and embeds every font, the Word file has real Heading styles in the
公文 fonts, and page 1 is rendered to test-artifacts/ for a person to look at."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from django.core.management import call_command

from .demo import docx_text, flat, pdf_text

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
INDICATORS = "全县上半年地区生产总值完成98.03亿元,同比增长6.2%,全市第一"
INVESTMENT = "1-6月份,已完成签约总额76.64亿元,完成率106.44%"
FRAME = ("寿阳县发展和改革局文件", "寿发改〔2024〕1号", "晋中市人民政府:", "寿阳县发展和改革局")
MM = 72 / 25.4


@pytest.fixture(scope="module")
def files(demo, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("official")
    with django_db_blocker.unblock():  # issued here, rolled back with the demo
        call_command(
            "make_report",
            county="140725",
            period="2024H1",
            format="both",
            official=True,
            output=str(folder),
        )
    yield {path.suffix[1:]: path for path in folder.iterdir()}


def test_the_pdf_carries_the_frame_and_the_sentences(files):
    text = flat(pdf_text(files["pdf"].read_bytes()))
    for part in (*FRAME, "2024年7月10日", INDICATORS, INVESTMENT):
        assert part in text
    assert text.index("寿阳县发展和改革局文件") < text.index("寿发改〔2024〕1号")
    assert text.index("晋中市人民政府:") < text.index("一、经济运行")


def test_the_official_pdf_has_no_stamp_no_running_header_and_no_demo_note(files):
    text = flat(pdf_text(files["pdf"].read_bytes()))
    for absent in ("生成于", "日新", "草稿", "示例数据", "页,共"):
        assert absent not in text


def test_the_pdf_pages_are_numbered_with_dashes(files):
    pages = [p for p in pdf_text(files["pdf"].read_bytes()).split("\f") if p.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"—{number}—" in flat(page)


def _bbox_pages(path: Path) -> list[tuple[float, float, list[tuple[float, float, float, float]]]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        words = [
            tuple(float(v) for v in m.groups())
            for m in re.finditer(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">',
                page.group(3),
            )
        ]
        pages.append((float(page.group(1)), float(page.group(2)), words))
    return pages


def test_the_pdf_is_a4_and_its_text_keeps_to_the_margins(files):
    pages = _bbox_pages(files["pdf"])
    for width, height, words in pages:
        assert abs(width - 210 * MM) < 1 and abs(height - 297 * MM) < 1
        body = [w for w in words if not w[0] < 0]
        assert min(w[0] for w in body) >= 28 * MM - 1  # left margin 28 mm
        assert max(w[2] for w in body) <= (210 - 26) * MM + 1  # right margin 26 mm
        assert min(w[1] for w in body) >= 37 * MM - 2  # top margin 37 mm
    # The body's lines start at the left margin, 28 mm in (the first page's 主送机关).
    first_left = min(w[0] for w in pages[0][2])
    assert abs(first_left - 28 * MM) < 1.5


def test_every_pdf_font_is_embedded(files):
    listing = subprocess.run(
        ["pdffonts", str(files["pdf"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert listing
    names = " ".join(line.split()[0] for line in listing).replace("-", "")
    for family in ("FandolFang", "NotoSerifCJKSC", "NotoSansCJKSC", "ARPLUKai"):
        assert family in names
    for line in listing:
        emb = line.split()[-5]
        assert emb == "yes", line


def test_page_one_is_rendered_for_a_person_to_look_at(files):
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / "official-report-page-1"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "60",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(files["pdf"]),
            str(target),
        ],
        check=True,
    )
    png = target.with_suffix(".png")
    assert png.stat().st_size > 10_000


def test_the_docx_carries_the_frame_and_the_sentences(files):
    text = flat(docx_text(files["docx"].read_bytes()))
    for part in (*FRAME, "2024年7月10日", INDICATORS, INVESTMENT):
        assert part in text
    for absent in ("生成于", "草稿", "示例数据"):
        assert absent not in text


def test_the_docx_headings_are_real_styles_in_the_official_fonts(files):
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(BytesIO(files["docx"].read_bytes()))
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [p.text for p in headings][:2] == ["一、经济运行", "二、招商引资"]
    fonts = {}
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3"):
        rfonts = document.styles[name].element.rPr.rFonts
        fonts[name] = rfonts.get(qn("w:eastAsia"))
        assert rfonts.get(qn("w:asciiTheme")) is None
    assert fonts == {
        "Normal": "仿宋_GB2312",
        "Title": "方正小标宋简体",
        "Heading 1": "黑体",
        "Heading 2": "楷体_GB2312",
        "Heading 3": "仿宋_GB2312",
    }
    assert document.styles["Heading 1"].paragraph_format.keep_with_next
    assert document.styles["Normal"].font.size.pt == 16
    assert document.styles["Title"].font.size.pt == 22


def test_the_docx_page_is_a4_with_the_official_margins_and_outside_page_numbers(files):
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn

    document = Document(BytesIO(files["docx"].read_bytes()))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    margins = [
        round(m.mm)
        for m in (
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert margins == [37, 35, 28, 26]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == WD_ALIGN_PARAGRAPH.RIGHT and even.alignment == WD_ALIGN_PARAGRAPH.LEFT
    for footer in (odd, even):
        assert footer.text.startswith("— ") and footer.text.endswith(" —")
        assert footer.runs[0].font.size.pt == 14
        assert footer.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"
    header_rows = [t.rows[0]._tr.trPr for t in document.tables]
    assert header_rows and all(tr.find(qn("w:tblHeader")) is not None for tr in header_rows)


def test_issuing_again_keeps_the_number(files, django_db_blocker):
    from rixin.reports.models import IssuedReport

    with django_db_blocker.unblock():
        issued = list(IssuedReport.objects.values_list("period_key", "document_number"))
    assert issued == [("2024H1", "寿发改〔2024〕1号")]

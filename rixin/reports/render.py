"""A report as a file: PDF (an HTML template set by WeasyPrint) or Word (python-docx).

Both show the same sections, tables and chart images; the header carries the county and the
period, the footer the page number.
"""

from __future__ import annotations

from io import BytesIO

from django.template.loader import render_to_string
from django.utils.translation import override
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .charts import FONT_FAMILY
from .content import Report

PDF, DOCX = "pdf", "docx"
FORMATS = (PDF, DOCX)
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
GREY = RGBColor(0x5B, 0x67, 0x70)


def _language(report: Report) -> str:
    return "en" if report.language.startswith("en") else "zh-hans"


def to_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    with override(_language(report)):
        html = render_to_string("reports/report_pdf.html", {"report": report})
    return HTML(string=html).write_pdf()


# ---------------------------------------------------------------- Word


def _set_font(run, size: float | None = None, bold: bool = False, color=None) -> None:
    run.font.name = FONT_FAMILY
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT_FAMILY)
    if size:
        run.font.size = Pt(size)
    run.bold = bold
    if color is not None:
        run.font.color.rgb = color


def _page_field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    run = paragraph.add_run()
    _set_font(run, 9, color=GREY)
    for kind, text in (
        ("begin", None),
        (None, instruction),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            tag = "w:instrText" if text == instruction else "w:t"
            element = OxmlElement(tag)
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def _header_and_footer(document, report: Report, labels: tuple[str, str, str]) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    _set_font(header.add_run(report.header), 9, color=GREY)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, middle, after = labels
    _set_font(footer.add_run(before), 9, color=GREY)
    _page_field(footer, "PAGE")
    _set_font(footer.add_run(middle), 9, color=GREY)
    _page_field(footer, "NUMPAGES")
    _set_font(footer.add_run(after), 9, color=GREY)


def _table(document, table) -> None:
    caption = document.add_paragraph()
    _set_font(caption.add_run(table.caption), 10, bold=True)
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _set_font(cell.paragraphs[0].add_run(text), 9.5, bold=True)
    for row in table.marked_rows:
        cells = grid.add_row().cells
        for cell, (text, is_number) in zip(cells, row, strict=True):
            paragraph = cell.paragraphs[0]
            if is_number:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _set_font(paragraph.add_run(text), 9.5)
    document.add_paragraph()


def to_docx(report: Report) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    with override(_language(report)):
        from django.utils.translation import gettext as _

        _header_and_footer(document, report, (_("第 "), _(" 页,共 "), _(" 页")))
        heading = document.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(heading.add_run(report.title), 18, bold=True)
        for part in report.sections:
            _set_font(document.add_paragraph().add_run(part.title), 13, bold=True)
            for text in part.paragraphs:
                paragraph = document.add_paragraph()
                paragraph.paragraph_format.first_line_indent = Pt(21)
                _set_font(paragraph.add_run(text), 10.5)
            for table in part.tables:
                _table(document, table)
            for chart in part.charts:
                document.add_picture(BytesIO(chart.png), width=Cm(16))
        if report.note:
            _set_font(document.add_paragraph().add_run(report.note), 9, color=GREY)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(report: Report, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return to_pdf(report) if fmt == PDF else to_docx(report)

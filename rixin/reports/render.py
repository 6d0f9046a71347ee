"""A report as a file: PDF (an HTML template set by WeasyPrint) or Word (python-docx).

Both follow GB/T 9704-2012: A4 with margins of 37 mm (top), 35 mm (bottom), 28 mm (left) and
26 mm (right), 22 lines of 28 characters in 三号 仿宋, the title in 二号 小标宋, first-level
headings in 黑体 and second-level ones in 楷体, page numbers "— 1 —" in 4号 宋体 on the outside
of odd and even pages. An official report (``frame.OFFICIAL``) carries the 公文 frame: 密级 and
紧急程度 when set, the red 发文机关标志 and rule, the 发文字号, the 主送机关 and the 落款 with
the 成文日期. The internal draft keeps the running header, the 生成于 stamp, the demo footnote
and "第 1 页,共 N 页", and is marked 草稿.

Word names the fonts as a county PC has them (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312);
the PDF sets free fonts that Debian packages (Noto Serif CJK SC, FandolFang, AR PL UKai, Noto
Sans CJK SC), every one embedded.
"""

from __future__ import annotations

import re
from io import BytesIO

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .content import Report
from .frame import DRAFT, Frame

PDF, DOCX = "pdf", "docx"
FORMATS = (PDF, DOCX)
CONTENT_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
GREY = RGBColor(0x5B, 0x67, 0x70)
RED = RGBColor(0xE6, 0x00, 0x12)
BLACK = RGBColor(0, 0, 0)

# The page (GB/T 9704-2012, 5.2.1): margins in mm, and the 版心 they leave, 156 mm × 225 mm.
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
PAGE_NUMBER_SIZE = 14  # 4号
LINES, CHARACTERS = 22, 28
LINE_PITCH = 225 / LINES * 72 / 25.4  # ≈ 28.95 pt
# 156 mm hold 28 characters of 15.79 pt: a 16 pt character is set 0.25 pt tighter.
CHARACTER_SPACING = -0.25

# The fonts as a county PC names them (Word) and their free stand-ins (PDF).
WORD_FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page": "宋体",
}
SECOND_LEVEL = re.compile(r"^[((][一二三四五六七八九十]+[))]")
THIRD_LEVEL = re.compile(r"^\d+[.．]")


def _language(report: Report) -> str:
    return "en" if report.language.startswith("en") else "zh-hans"


def _heading_level(text: str) -> int:
    """0 for an ordinary paragraph, 2 for "(一)…", 3 for "1.…" (GB/T 9704-2012, 7.3.3)."""
    if SECOND_LEVEL.match(text):
        return 2
    if THIRD_LEVEL.match(text) and len(text) < 60:
        return 3
    return 0


def to_pdf(report: Report, frame: Frame = DRAFT) -> bytes:
    from weasyprint import HTML

    with override(_language(report)):
        html = render_to_string(
            "reports/report_pdf.html",
            {
                "report": report,
                "frame": frame,
                "sections": [
                    (section, [(p, _heading_level(p)) for p in section.paragraphs])
                    for section in report.sections
                ],
                "line_pitch": f"{LINE_PITCH:.2f}pt",
                "signature_indent": _signature_indent(frame),
            },
        )
    return HTML(string=html).write_pdf()


def _text_width(text: str) -> float:
    """Width in 三号 characters: a digit or Latin letter is half a character."""
    return sum(0.5 if ord(char) < 0x2E80 else 1 for char in text)


def _signature_indent(frame: Frame) -> float:
    """Characters right of the 落款 office: the 成文日期 stands four characters from the right
    edge and the office is centred over it (GB/T 9704-2012, 7.3.5.1)."""
    offset = 4 + (_text_width(frame.dated_text) - _text_width(frame.signatory)) / 2
    return max(offset, 0)


# ---------------------------------------------------------------- Word


def _fonts(element, name: str) -> None:
    """Name the font for every script (ascii, hAnsi, eastAsia) and drop the theme fonts the
    default template would otherwise use."""
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attribute), name)


def _set_font(run, font: str, size: float, bold: bool = False, color=None) -> None:
    run.font.name = font
    _fonts(run._element, font)
    run.font.size = Pt(size)
    run.bold = bold
    if color is not None:
        run.font.color.rgb = color


def _style(document, name: str, font: str, size: float, *, bold=False, color=BLACK, indent=True):
    styles = document.styles
    style = (
        styles[name]
        if name in [s.name for s in styles]
        else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    )
    style.font.name = font
    _fonts(style.element, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = color
    spacing = style.element.get_or_add_rPr()
    character = OxmlElement("w:spacing")
    character.set(qn("w:val"), str(round(CHARACTER_SPACING * 20)))
    spacing.append(character)
    paragraph = style.paragraph_format
    paragraph.space_before = paragraph.space_after = Pt(0)
    paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.line_spacing = Pt(LINE_PITCH)
    paragraph.first_line_indent = Pt(2 * BODY_SIZE) if indent else Pt(0)
    return style


def _styles(document) -> None:
    """Normal (仿宋), Title (小标宋), Heading 1 (黑体), 2 (楷体) and 3 (仿宋, bold): real
    styles, so that the navigation pane and a table of contents find the headings."""
    _style(document, "Normal", WORD_FONTS["body"], BODY_SIZE)
    title = _style(document, "Title", WORD_FONTS["title"], TITLE_SIZE, indent=False)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing = Pt(LINE_PITCH * 1.2)
    title.paragraph_format.keep_with_next = True
    for element in title.element.pPr.findall(qn("w:pBdr")):
        title.element.pPr.remove(element)  # the default template underlines its title
    for level, font, bold in (
        (1, WORD_FONTS["heading1"], False),
        (2, WORD_FONTS["heading2"], False),
        (3, WORD_FONTS["body"], True),
    ):
        heading = _style(document, f"Heading {level}", font, BODY_SIZE, bold=bold)
        heading.paragraph_format.keep_with_next = True
    caption = _style(document, "Caption", WORD_FONTS["heading2"], 14, indent=False)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.keep_with_next = True


def _grid(section) -> None:
    """22 lines to the page: the document grid's line pitch."""
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH * 20)))
    sect.append(grid)


def _field(paragraph, instruction: str, font: str, size: float, color=None) -> None:
    """A Word field (PAGE, NUMPAGES) that Word fills in when it lays out the pages."""
    run = paragraph.add_run()
    _set_font(run, font, size, color=color)
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


def _page_number(paragraph, alignment) -> None:
    """ "— 1 —" in 4号 宋体, one character in from the outside edge."""
    paragraph.alignment = alignment
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(PAGE_NUMBER_SIZE * 1.2)
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = Pt(PAGE_NUMBER_SIZE)
    else:
        paragraph.paragraph_format.left_indent = Pt(PAGE_NUMBER_SIZE)
    font = WORD_FONTS["page"]
    _set_font(paragraph.add_run("— "), font, PAGE_NUMBER_SIZE)
    _field(paragraph, "PAGE", font, PAGE_NUMBER_SIZE)
    _set_font(paragraph.add_run(" —"), font, PAGE_NUMBER_SIZE)


def _official_page_numbers(document) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _draft_header_and_footer(document, report: Report) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.paragraph_format.first_line_indent = Pt(0)
    _set_font(header.add_run(f"{report.header} · {_('草稿')}"), WORD_FONTS["body"], 9, color=GREY)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.first_line_indent = Pt(0)
    font = WORD_FONTS["page"]
    _set_font(footer.add_run(_("第 ")), font, 9, color=GREY)
    _field(footer, "PAGE", font, 9, GREY)
    _set_font(footer.add_run(_(" 页,共 ")), font, 9, color=GREY)
    _field(footer, "NUMPAGES", font, 9, GREY)
    _set_font(footer.add_run(_(" 页")), font, 9, color=GREY)


def _repeat_header_row(row) -> None:
    properties = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def _cell_text(cell, text: str, *, bold=False, right=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(18)
    paragraph.paragraph_format.keep_with_next = False
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _set_font(paragraph.add_run(text), WORD_FONTS["body"], 12, bold=bold)


def _table(document, table) -> None:
    document.add_paragraph(table.caption, style="Caption")
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header_row(grid.rows[0])
    for cell, text in zip(grid.rows[0].cells, table.headers, strict=True):
        _cell_text(cell, text, bold=True)
    for row in table.marked_rows:
        cells = grid.add_row().cells
        for cell, (text, is_number) in zip(cells, row, strict=True):
            _cell_text(cell, text, right=is_number)


def _plain(document, text: str, *, alignment=None, space_before: float = 0, **font) -> object:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Pt(0)
    if alignment is not None:
        paragraph.alignment = alignment
    if space_before:
        paragraph.paragraph_format.space_before = Pt(space_before)
    _set_font(paragraph.add_run(text), **font)
    return paragraph


def _red_rule(paragraph) -> None:
    """The red rule under the 发文字号, as the paragraph's bottom border."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "12"),
        ("w:space", "11"),
        ("w:color", "E60012"),
    ):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def _official_head(document, frame: Frame) -> None:
    body = {"font": WORD_FONTS["heading1"], "size": BODY_SIZE}
    for mark in (frame.secrecy, frame.urgency):
        if mark:
            _plain(document, mark, **body)
    issuer = _plain(
        document,
        frame.issuer_mark,
        alignment=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=0 if (frame.secrecy or frame.urgency) else Mm(35).pt - LINE_PITCH,
        font=WORD_FONTS["title"],
        size=30,
        color=RED,
    )
    issuer.paragraph_format.line_spacing = Pt(48)
    number = _plain(
        document,
        frame.document_number,
        alignment=WD_ALIGN_PARAGRAPH.CENTER,
        space_before=2 * LINE_PITCH,
        font=WORD_FONTS["body"],
        size=BODY_SIZE,
    )
    _red_rule(number)
    document.add_paragraph()


def _signature(document, frame: Frame) -> None:
    """The 落款: three empty lines for the seal, the office centred over the 成文日期, which
    stands four characters in from the right."""
    for _line in range(3):
        document.add_paragraph().paragraph_format.keep_with_next = True
    office = _plain(
        document,
        frame.signatory,
        alignment=WD_ALIGN_PARAGRAPH.RIGHT,
        font=WORD_FONTS["body"],
        size=BODY_SIZE,
    )
    office.paragraph_format.right_indent = Pt(_signature_indent(frame) * BODY_SIZE)
    office.paragraph_format.keep_with_next = True
    dated = _plain(
        document,
        frame.dated_text,
        alignment=WD_ALIGN_PARAGRAPH.RIGHT,
        font=WORD_FONTS["body"],
        size=BODY_SIZE,
    )
    dated.paragraph_format.right_indent = Pt(4 * BODY_SIZE)


def _page(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    # The page number's rule is 7 mm below the 版心 (GB/T 9704-2012, 7.5).
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 6)
    section.header_distance = Mm(15)
    _grid(section)


def _body(document, report: Report) -> None:
    for part in report.sections:
        document.add_paragraph(part.title, style="Heading 1")
        for text in part.paragraphs:
            level = _heading_level(text)
            document.add_paragraph(text, style=f"Heading {level}" if level else None)
        for table in part.tables:
            _table(document, table)
        for chart in part.charts:
            picture = document.add_paragraph()
            picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
            picture.paragraph_format.first_line_indent = Pt(0)
            picture.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            picture.add_run().add_picture(BytesIO(chart.png), width=Mm(150))


def to_docx(report: Report, frame: Frame = DRAFT) -> bytes:
    document = Document()
    _page(document)
    _styles(document)
    with override(_language(report)):
        if frame.is_official:
            _official_page_numbers(document)
            _official_head(document, frame)
        else:
            _draft_header_and_footer(document, report)
        document.add_paragraph(report.title, style="Title")
        if frame.is_official:
            _plain(document, frame.addressee, font=WORD_FONTS["body"], size=BODY_SIZE)
        else:
            stamp = _("草稿 · 生成于 %(time)s") % {
                "time": report.generated_at.strftime("%Y-%m-%d %H:%M")
            }
            _plain(
                document,
                stamp,
                alignment=WD_ALIGN_PARAGRAPH.CENTER,
                font=WORD_FONTS["body"],
                size=12,
                color=GREY,
            )
        _body(document, report)
        if frame.is_official:
            _signature(document, frame)
        elif report.note:
            _plain(document, report.note, font=WORD_FONTS["body"], size=10.5, color=GREY)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render(report: Report, fmt: str, frame: Frame = DRAFT) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return to_pdf(report, frame) if fmt == PDF else to_docx(report, frame)

"""Workbooks built for the tests: well-formed, odd and hostile."""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from openpyxl import Workbook

from rixin.demo.codes import illustrative_credit_code
from rixin.directory.importers import EnterpriseImporter


def workbook_bytes(sheets: list[tuple[str, list[list], str]]) -> bytes:
    """[(title, rows, state)] → an .xlsx; state is "visible", "hidden" or "veryHidden"."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows, state in sheets:
        sheet = workbook.create_sheet(title)
        sheet.sheet_state = state
        for row in rows:
            sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def enterprise_row(name: str, **overrides) -> list:
    row = {
        "county": "140725",
        "name": name,
        "credit_code": illustrative_credit_code(name),
        "industry": "C22",
        "is_high_tech": "否",
        "high_tech_certified_on": None,
        "address": "",
        "contact_title": "",
        "contact_phone": "",
    }
    row.update(overrides)
    return list(row.values())


def enterprise_rows(names: list[str]) -> list[list]:
    return [EnterpriseImporter.header(), *[enterprise_row(n) for n in names]]


def rewrite_member(content: bytes, member: str, change) -> bytes:
    """The same zip with ``member``'s bytes passed through ``change``."""
    source = zipfile.ZipFile(BytesIO(content))
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                data = change(data)
            target.writestr(info.filename, data)
    return buffer.getvalue()


def declare_dimension(content: bytes, ref: str, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """Patch the sheet's declared <dimension> (openpyxl's read-only mode trusts it)."""
    return rewrite_member(
        content,
        member,
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml),
    )


def with_raw_text(content: bytes, marker: str, raw: bytes) -> bytes:
    """Put bytes openpyxl refuses to write (``_x0000_``, Excel's escape of NUL) in a cell."""
    return rewrite_member(
        content, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(marker.encode(), raw)
    )


def truncate_member(content: bytes, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The sheet's XML cut off halfway, in an otherwise sound zip."""
    return rewrite_member(content, member, lambda xml: xml[: len(xml) // 2])


def malform_member(content: bytes, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The sheet's XML with an element left unclosed and a stray tag."""
    return rewrite_member(content, member, lambda xml: xml.replace(b"</row>", b"<c></row>", 1))


def zip_bomb(inflated_bytes: int = 50 * 1024 * 1024) -> bytes:
    """An .xlsx whose sheet XML inflates to ``inflated_bytes`` of empty rows (~150 KB packed)."""
    base = workbook_bytes([("Sheet", [["企业名称"]], "visible")])
    filler = b"<!--" + b" " * inflated_bytes + b"-->"
    return rewrite_member(
        base,
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(b"<sheetData>", filler + b"<sheetData>"),
    )


def shared_strings_bomb(strings: int = 2000, length: int = 15000) -> bytes:
    """An .xlsx whose shared-strings part holds ``strings`` strings of ``length`` characters:
    a few hundred KB that cost hundreds of MB once read."""
    header = b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    body = b"".join(b"<si><t>" + (b"A" * length) + b"</t></si>" for _ in range(strings))
    base = workbook_bytes([("Sheet", [["企业名称"]], "visible")])
    buffer = BytesIO()
    source = zipfile.ZipFile(BytesIO(base))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/sharedStrings.xml", header + body + b"</sst>")
    return buffer.getvalue()


def many_members(count: int = 5000) -> bytes:
    base = workbook_bytes([("Sheet", [["企业名称"]], "visible")])
    buffer = BytesIO()
    source = zipfile.ZipFile(BytesIO(base))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        for index in range(count):
            target.writestr(f"customXml/item{index}.xml", b"<a/>")
    return buffer.getvalue()

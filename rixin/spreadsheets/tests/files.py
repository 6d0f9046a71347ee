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

"""Excel exports: one place that writes workbooks, escapes formulas and audits the export."""

from __future__ import annotations

import datetime
import decimal
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text that a spreadsheet would run as a formula is written as plain text; a lazy
    translation (a choice's label) is written as the text it stands for."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, decimal.Decimal):
        return value  # openpyxl writes Decimal as a number, exactly
    return value


@dataclass
class Sheet:
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence]
    widths: Sequence[int] = ()
    # column index (0-based) -> allowed values, written as a dropdown
    choices: dict[int, Sequence[str]] = field(default_factory=dict)
    data_rows_hint: int = 500


def build_workbook(sheets: Sequence[Sheet]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        ws = workbook.create_sheet(title=str(sheet.title)[:31])
        ws.append([safe_cell(h) for h in sheet.headers])
        count = 0
        for row in sheet.rows:
            ws.append([safe_cell(v) for v in row])
            count += 1
        for index, width in enumerate(sheet.widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = width
        last = max(count + 1, sheet.data_rows_hint)
        for index, values in sheet.choices.items():
            letter = get_column_letter(index + 1)
            validation = DataValidation(
                type="list", formula1='"' + ",".join(values) + '"', allow_blank=True
            )
            validation.error = "请从下拉列表中选择"
            ws.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{last}")
        ws.freeze_panes = "A2"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


_NOT_ASCII_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def ascii_fallback(filename: str) -> str:
    """The name for clients that ignore filename* (RFC 6266): its ASCII letters and digits."""
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        stem, suffix = filename, ""
    ascii_stem = re.sub(r"-{2,}", "-", _NOT_ASCII_SAFE.sub("-", stem)).strip("-._")
    return f"{ascii_stem or 'rixin-export'}{'.' + suffix if suffix else ''}"


def content_disposition(filename: str, ascii_name: str | None = None) -> str:
    """``attachment`` with the Chinese name in filename* and an ASCII name beside it."""
    fallback = ascii_name or ascii_fallback(filename)
    fallback = _NOT_ASCII_SAFE.sub("-", fallback)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def xlsx_response(filename: str, content: bytes, ascii_name: str | None = None) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(filename, ascii_name)
    return response


def export_xlsx(
    filename: str,
    sheets: Sequence[Sheet],
    *,
    acting_user,
    what: str,
    county: str = "",
    rows: int | None = None,
    ascii_name: str | None = None,
) -> HttpResponse:
    """Build the workbook, record the export in the audit log, return the download."""
    content = build_workbook(sheets)
    record_event(
        AuditAction.EXPORT,
        acting_user=acting_user,
        object_type=what,
        object_repr=filename,
        county=county,
        message=f"rows={rows}" if rows is not None else "",
    )
    return xlsx_response(filename, content, ascii_name)

"""The import pattern every module reuses.

upload an .xlsx → every row parsed and validated → a preview listing each bad row and
field with its reason, and each create / update / correction → confirm → one transaction.
One bad row means nothing is written; importing the same file twice changes nothing the
second time, because every importer keys its rows on natural keys.

An importer subclasses :class:`Importer`, declares its columns and implements
``parse_row`` (values → a keyed row, or errors), ``plan`` (keyed rows → changes, seeing
the database once for the whole file) and ``apply`` (changes → calls to the module's
actions). :func:`preview` and :func:`commit` run the rest.
"""

from __future__ import annotations

import abc
import contextlib
import datetime
import decimal
import gc
import hashlib
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from rixin.audit.actions import record_event
from rixin.audit.models import AuditAction
from rixin.db import LARGE_IMPORT_ROWS, optimize

from .models import ImportBatch, ImportStatus


class FileRejected(ValidationError):
    """The file as a whole cannot be read: wrong type, too large, empty, wrong header."""


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    required: bool = True
    help: str = ""


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class Change:
    """One row's effect: 'create', 'update', 'correction' or 'unchanged'."""

    row: int
    kind: str
    description: str
    payload: Any = None
    # The row the change would alter, as the preview saw it (None for a create): confirm
    # refuses the row if it has changed since.
    target: Any = None

    def fingerprint(self) -> str:
        if isinstance(self.target, models.Model):
            state = {
                f.attname: getattr(self.target, f.attname)
                for f in self.target._meta.concrete_fields
            }
            seen = f"{self.target._meta.label}:{self.target.pk}:{sorted(state.items())}"
        else:
            seen = self.description
        return f"{self.kind}|{seen}"


@dataclass
class ParseResult:
    changes: list[Change] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0
    sheet: str = ""
    # The rows parse_row returned, by number (a None row is a blank one): what the preview
    # keeps with its batch, so that confirm does not read the file again.
    keyed: list[tuple[int, Any]] = field(default_factory=list, repr=False)

    def fingerprints(self) -> dict[str, str]:
        """Row number → a digest of what the row would change, as found in the database."""
        by_row: dict[int, list[str]] = {}
        for change in self.changes:
            by_row.setdefault(change.row, []).append(change.fingerprint())
        return {
            str(row): hashlib.sha256("\n".join(parts).encode()).hexdigest()[:20]
            for row, parts in by_row.items()
        }

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        return counts


class RowInvalid(Exception):
    """parse_row raises it with [(column, message)]; plan with [(row, column, message)]."""

    def __init__(self, errors: list[tuple]):
        self.errors = errors


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def list_separator() -> str:
    return _("、")


# Cell parsers. Each returns a Python value or raises ValueError with a message for the user.
# Every text cell has been NFKC-normalised (full-width digits, letters and spaces read as
# ASCII) before a parser sees it; the parsers normalise again for callers outside a file.

_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")
_UNIT_SUFFIX = re.compile(r"^\s*([+-]?[\d,]+(?:\.\d+)?)\s*(亿元|万元|元|%|万平方米|亩|平方米)\s*$")
# Excel counts days from 1899-12-30 (its 1900 leap-year bug folded in); 2958465 is 9999-12-31.
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_EXCEL_LAST_SERIAL = 2958465
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$")


# The export writes a text that a spreadsheet would run as a formula behind an apostrophe
# (rixin.spreadsheets.exports.safe_cell); reading it back, the apostrophe is ours, not data.
_ESCAPED_FORMULA = re.compile(r"^'(?=[=+\-@\t\r])")


def normalise(value: Any) -> Any:
    """A text cell as a person means it: NFKC (０-９ → 0-9, full-width space → space), trimmed,
    and without the export's own formula escape. Other values pass through."""
    if isinstance(value, str):
        # NFKC leaves ASCII as it is: most cells (numbers, codes, dates) skip it.
        text = value.strip() if value.isascii() else unicodedata.normalize("NFKC", value).strip()
        return _ESCAPED_FORMULA.sub("", text, count=1) if text[:1] == "'" else text
    return value


def field_limits(model_field) -> tuple[int | None, int | None]:
    """(max_digits, decimal_places) of a DecimalField, (max_length, None) of a CharField."""
    if model_field is None:
        return None, None
    if hasattr(model_field, "max_digits"):
        return model_field.max_digits, model_field.decimal_places
    return model_field.max_length, None


def check_fits(number: decimal.Decimal, max_digits: int, places: int) -> decimal.Decimal:
    """``number`` rounded to ``places``, or ValueError if the database column cannot hold it:
    the same limit at preview and at confirm."""
    whole_digits = max_digits - places
    if not number.is_finite() or number.adjusted() >= whole_digits:
        raise ValueError(
            _("“%(v)s”超出本列可存储的范围(整数部分最多%(n)d位)") % {"v": number, "n": whole_digits}
        )
    return number.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)


def _number_of(value: Any, unit: str) -> decimal.Decimal:
    if isinstance(value, int | float | decimal.Decimal):
        return decimal.Decimal(str(value))
    text = normalise(str(value))
    match = _UNIT_SUFFIX.match(text)
    if match:
        if match.group(2) != unit:
            raise ValueError(
                _("“%(v)s”的单位与本列不符,本列单位为%(unit)s,请只填数字")
                % {"v": value, "unit": unit or _("无")}
            )
        text = match.group(1)
    if not _NUMBER.match(text):
        expected = _("以%(unit)s为单位的数字") % {"unit": unit} if unit else _("数字")
        raise ValueError(_("“%(v)s”不是数字,应填%(expected)s") % {"v": value, "expected": expected})
    return decimal.Decimal(text.replace(",", ""))


def parse_decimal(
    value: Any,
    *,
    unit: str = "",
    places: int = 2,
    minimum: decimal.Decimal | None = None,
    max_digits: int | None = None,
    field=None,
) -> decimal.Decimal | None:
    """A number in ``unit``. ``"98.03亿元"`` is accepted for a 亿元 column, refused with the
    expected unit named for any other. ``field`` (a model DecimalField) gives the digits the
    database holds; without it a number is still bounded, so nothing overflows later."""
    if value is None or (isinstance(value, str) and not normalise(value)):
        return None
    if isinstance(value, bool):
        raise ValueError(_("应为数字"))
    number = _number_of(value, unit)
    if field is not None:
        max_digits, places = field_limits(field)
    if minimum is not None and number.is_finite() and number < minimum:
        raise ValueError(_("不能小于%(min)s") % {"min": minimum})
    return check_fits(number, max_digits or settings.RIXIN_IMPORT_MAX_DIGITS, places)


def parse_text(value: Any, *, max_length: int = 200, field=None) -> str:
    """A trimmed, NFKC-normalised text; ``field`` (a model CharField) gives its max_length."""
    if value is None:
        return ""
    if field is not None and field.max_length:
        max_length = field.max_length
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number: 140725, not 140725.0
    text = normalise(str(value))
    if "\x00" in text:
        raise ValueError(_("含有不可见的空字符(NUL),请删除后重新上传"))
    if len(text) > max_length:
        raise ValueError(
            _("超过%(n)d个字符(本格%(len)d个字符)") % {"n": max_length, "len": len(text)}
        )
    return text


def parse_date(value: Any) -> datetime.date | None:
    """A date cell, an Excel date serial (45497), 2024-07-24, 2024/7/24, 20240724 or
    2024年7月24日."""
    if value is None or (isinstance(value, str) and not normalise(value)):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= _EXCEL_LAST_SERIAL:
            return _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        raise ValueError(_("“%(v)s”不是日期,应为 2024-07-24 的形式") % {"v": value})
    text = normalise(str(value))
    for pattern in (_COMPACT_DATE, _CHINESE_DATE):
        match = pattern.match(text)
        if match:
            text = "{}-{:0>2}-{:0>2}".format(*match.groups())
    parts = text.replace("/", "-").replace(".", "-").split("-")
    try:
        if len(parts) != 3:
            raise ValueError
        return datetime.date(*(int(p) for p in parts))
    except ValueError:
        raise ValueError(_("“%(v)s”不是日期,应为 2024-07-24 的形式") % {"v": value}) from None


def parse_bool(value: Any) -> bool:
    text = str(value or "").strip().lower()
    if text in {"是", "y", "yes", "true", "1"}:
        return True
    if text in {"", "否", "n", "no", "false", "0"}:
        return False
    raise ValueError(_("应填“是”或“否”"))


def parse_choice(value: Any, choices: Iterable[tuple[str, str]]) -> str:
    text = str(value or "").strip()
    for key, label in choices:
        if text in (key, str(label)):
            return key
    allowed = list_separator().join(str(label) for _key, label in choices)
    raise ValueError(_("“%(v)s”不在可选值中:%(allowed)s") % {"v": text, "allowed": allowed})


class Importer(abc.ABC):
    """Subclass per kind of file; see the module docstring."""

    kind: ClassVar[str]
    title: ClassVar[str]
    columns: ClassVar[Sequence[Column]]
    header_row: ClassVar[int] = 1
    # The sheet read when the workbook has one of this name; else the first visible sheet.
    sheet_name: ClassVar[str | None] = None

    def __init__(self, user, params: dict | None = None):
        self.user = user
        self.params = params or {}

    # What a subclass provides.
    @abc.abstractmethod
    def allowed(self) -> bool:
        """May ``self.user`` import this kind of file?"""

    def county_code(self) -> str:
        return self.user.county_code or ""

    @abc.abstractmethod
    def parse_row(self, number: int, values: dict[str, Any]) -> Any:
        """Return a keyed row or raise RowInvalid([(column header, message), …])."""

    @abc.abstractmethod
    def plan(self, rows: list[tuple[int, Any]]) -> list[Change]:
        """Keyed rows → changes, reading the database once for the whole file."""

    @abc.abstractmethod
    def apply(self, changes: list[Change]) -> None:
        """Carry out the changes through the module's actions (inside the caller's transaction)."""

    def check_header(self, header: Sequence[Any]) -> list[str]:
        expected = [c.header for c in self.columns]
        found = [str(normalise(h)) if h is not None else "" for h in header[: len(expected)]]
        expected = [normalise(h) for h in expected]
        if found != expected:
            missing = [h for h in expected if h not in found]
            message = _("表头与模板不符。应为:%(expected)s;实际为:%(found)s。") % {
                "expected": " | ".join(expected),
                "found": " | ".join(found) or _("(空)"),
            }
            if missing:
                message += _("缺少列:%(cols)s") % {"cols": list_separator().join(missing)}
            return [message]
        return []

    def data_rows(self, rows: Iterator[tuple]) -> Iterator[tuple[int, dict[str, Any]]]:
        keys = [c.key for c in self.columns]
        padding = [None] * len(keys)
        for number, row in enumerate(rows, start=self.header_row + 1):
            if row is None:
                continue
            values = [normalise(v) if isinstance(v, str) else v for v in row[: len(keys)]]
            if all(v is None or v == "" for v in values) and all(
                v is None or (isinstance(v, str) and not v.strip()) for v in row[len(keys) :]
            ):
                continue
            yield number, dict(zip(keys, values + padding[len(values) :], strict=False))

    def check_cells(self, values: dict[str, Any]) -> list[tuple[str, str]]:
        """What no cell of any importer may hold, checked before parse_row: NUL and the
        other control characters a database refuses, and text longer than any field."""
        texts = [value for value in values.values() if isinstance(value, str)]
        if not texts or (
            not _CONTROL.search("\n".join(texts))
            and max(map(len, texts)) <= settings.RIXIN_IMPORT_MAX_CELL_CHARS
        ):
            return []  # the usual row, in one search; the cell at fault is found below
        errors = []
        for column in self.columns:
            value = values.get(column.key)
            if not isinstance(value, str):
                continue
            if _CONTROL.search(value):
                errors.append((column.header, _("含有不可见的控制字符(如 NUL),请删除后重新上传")))
            elif len(value) > settings.RIXIN_IMPORT_MAX_CELL_CHARS:
                errors.append(
                    (
                        column.header,
                        _("超过%(n)d个字符(本格%(len)d个字符)")
                        % {"n": settings.RIXIN_IMPORT_MAX_CELL_CHARS, "len": len(value)},
                    )
                )
        return errors

    # The shared work.
    def read(self, content: bytes) -> ParseResult:
        """Every row of the file read and checked alone (parse_row): the result's ``keyed``
        rows and its errors, nothing planned yet."""
        result = ParseResult()
        keyed = result.keyed
        for sheet, header, rows in _open_rows(content, self.header_row, self.sheet_name):
            result.sheet = sheet
            header_errors = self.check_header(header)
            if header_errors:
                raise FileRejected(header_errors[0], code="header")
            for number, values in self.data_rows(rows):
                result.row_count += 1
                refused = self.check_cells(values)
                if refused:
                    result.errors.extend(RowError(number, col, msg) for col, msg in refused)
                    continue
                try:
                    keyed.append((number, self.parse_row(number, values)))
                except RowInvalid as invalid:
                    result.errors.extend(RowError(number, col, msg) for col, msg in invalid.errors)
        if result.row_count == 0:
            raise FileRejected(_("文件中没有数据行。"), code="empty")
        return result

    def plan_rows(self, result: ParseResult) -> ParseResult:
        """The read rows against the database as it is now: the result's changes, or the
        errors plan() finds."""
        if not result.errors:
            try:
                result.changes = self.plan(result.keyed)
            except RowInvalid as invalid:
                # plan() names the row in each error: (row, column, message)
                result.errors.extend(RowError(*error) for error in invalid.errors)
        return result

    def parse(self, content: bytes) -> ParseResult:
        return self.plan_rows(self.read(content))


def _unreadable() -> FileRejected:
    return FileRejected(
        _("无法读取该文件,请上传 Excel(.xlsx、.xls)、WPS(.et)或 OpenDocument(.ods)表格。"),
        code="unreadable",
    )


def _too_many_rows(limit: int) -> FileRejected:
    return FileRejected(
        _("文件的行数超过上限(每个文件最多%(n)d行),请分成几个文件导入。") % {"n": limit},
        code="rows",
    )


def check_container(content: bytes) -> None:
    """Refuse a zip (xlsx, ods) that would take the server's time or memory, before any of it
    is parsed: too many members, or more uncompressed bytes than the cap. The declared sizes
    are checked first, then the real ones, decompressing at most the cap (a zip can lie)."""
    if not content.startswith(_ZIP_MAGIC):
        return
    limit = settings.RIXIN_IMPORT_MAX_UNZIPPED_BYTES
    too_large = FileRejected(
        _("文件解压后超过 %(mb)d MB,疑为压缩炸弹或异常文件,已拒绝。") % {"mb": limit // 1048576},
        code="unzipped_size",
    )
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        members = archive.infolist()
        if len(members) > settings.RIXIN_IMPORT_MAX_MEMBERS:
            raise FileRejected(
                _("文件包含%(n)d个内部部件,超过上限%(max)d,已拒绝。")
                % {"n": len(members), "max": settings.RIXIN_IMPORT_MAX_MEMBERS},
                code="members",
            )
        if sum(m.file_size for m in members) > limit:
            raise too_large
        total = 0
        for member in members:
            with archive.open(member) as stream:
                while chunk := stream.read(1 << 20):
                    total += len(chunk)
                    if total > limit:
                        raise too_large
    except FileRejected:
        raise
    except Exception as exc:  # a truncated or corrupt zip: BadZipFile, zlib.error, EOFError…
        raise _unreadable() from exc


def choose_sheet(workbook: CalamineWorkbook, wanted: str | None) -> str:
    """The sheet named ``wanted`` if there is one, else the first visible sheet: a hidden
    first sheet (a lookup list, an old copy) is never imported by mistake."""
    names = list(workbook.sheet_names)
    if wanted and wanted in names:
        return wanted
    for meta in workbook.sheets_metadata:
        if meta.visible == SheetVisibleEnum.Visible:
            return meta.name
    raise FileRejected(_("工作簿中没有可见的工作表。"), code="empty")


def _open_rows(
    content: bytes, header_row: int, sheet_name: str | None = None
) -> Iterator[tuple[str, tuple, Iterator[tuple]]]:
    """Every row of the chosen sheet, read through python-calamine (xlsx, xls, ods, et).
    The whole sheet is read, whatever dimension the file declares."""
    check_container(content)
    max_rows = settings.RIXIN_IMPORT_MAX_ROWS
    try:
        workbook = CalamineWorkbook.from_filelike(BytesIO(content))
        name = choose_sheet(workbook, sheet_name)
        sheet = workbook.get_sheet_by_name(name)
        if sheet.total_height > max_rows + header_row + 1:
            raise _too_many_rows(max_rows)
        table = sheet.to_python(skip_empty_area=False, nrows=max_rows + header_row + 1)
    except FileRejected:
        raise
    except Exception as exc:  # calamine raises its own errors, zipfile's, ValueError, …
        raise _unreadable() from exc
    if len(table) > max_rows + header_row:
        raise _too_many_rows(max_rows)
    rows = iter(tuple(row) for row in table)
    header: tuple = ()
    for _index in range(header_row):
        header = next(rows, ())
    if not header or all(h is None or h == "" for h in header):
        raise FileRejected(
            _("文件是空的:工作表“%(sheet)s”没有表头。") % {"sheet": name}, code="empty"
        )
    yield name, header, rows


ACCEPTED_SUFFIXES = (".xlsx", ".xls", ".et", ".ods")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and WPS .et


def check_upload(uploaded) -> bytes:
    """Size, name and type of an uploaded file; returns its bytes."""
    name = getattr(uploaded, "name", "") or ""
    if not name.lower().endswith(ACCEPTED_SUFFIXES):
        raise FileRejected(
            _("只接受 .xlsx、.xls、.et 或 .ods 表格文件。“%(name)s”不是。") % {"name": name},
            code="type",
        )
    if uploaded.size > settings.RIXIN_MAX_UPLOAD_BYTES:
        raise FileRejected(
            _("文件过大(%(size).1f MB),上限为 %(limit)d MB。")
            % {
                "size": uploaded.size / 1048576,
                "limit": settings.RIXIN_MAX_UPLOAD_BYTES // 1048576,
            },
            code="size",
        )
    if uploaded.size == 0:
        raise FileRejected(_("文件是空的。"), code="empty")
    content = uploaded.read()
    if not content.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        raise FileRejected(_("该文件不是有效的 .xlsx、.xls、.et 或 .ods 表格文件。"), code="type")
    return content


# The registry: each app's ``importers.py`` registers its importers.
_REGISTRY: dict[str, type[Importer]] = {}


def register(cls: type[Importer]) -> type[Importer]:
    _REGISTRY[cls.kind] = cls
    return cls


def importer_class(kind: str) -> type[Importer] | None:
    autodiscover_modules("importers")
    return _REGISTRY.get(kind)


def _store(result: ParseResult, batch: ImportBatch, limit: int = 500) -> None:
    fingerprints = batch.summary.get("fingerprints") if batch.summary else None
    batch.row_count = result.row_count
    batch.errors = [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors]
    batch.summary = {
        "sheet": result.sheet,
        "counts": result.counts,
        "changes": [
            {"row": c.row, "kind": c.kind, "description": c.description}
            for c in result.changes
            if c.kind != "unchanged"
        ][:limit],
        # What the preview saw, kept for confirm to compare against.
        "fingerprints": fingerprints or result.fingerprints(),
    }


def _changed_since_preview(batch: ImportBatch, result: ParseResult) -> list[RowError]:
    """The rows whose target changed between the preview and this confirm (a report entered
    through the form meanwhile, another import): each is refused, by number."""
    seen = (batch.summary or {}).get("fingerprints")
    if seen is None:
        return []
    now = result.fingerprints()
    return [
        RowError(
            int(row),
            "",
            _("第%(row)s行对应的数据在预览后已被修改,为免覆盖他人的修改,请重新上传并预览。")
            % {"row": row},
        )
        for row in sorted(set(seen) | set(now), key=int)
        if seen.get(row) != now.get(row)
    ]


def _failing_row(importer: Importer, changes: list[Change], exc: Exception) -> RowError:
    """Which row made apply() fail: each change is tried alone in a savepoint that is rolled
    back, so the message names the row (the caller's transaction is rolled back anyway)."""
    for change in changes:
        try:
            with transaction.atomic():
                importer.apply([change])
                transaction.set_rollback(True)
        except (ValidationError, DatabaseError) as row_exc:
            return RowError(change.row, "", _describe(row_exc))
    return RowError(0, "", _describe(exc))


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    # Never a constraint name: say what is wrong in words.
    return _("数据库拒绝写入该行:数值超出可存储的范围,或与已有数据冲突。")


# The rows a preview read, kept with its batch as JSON. Values JSON has no type for are
# tagged; a row that does not come back from JSON equal to itself (a dataclass, a tuple, a
# model) is not kept, and confirm reads that file again.
_TAGS: dict[str, Callable[[str], Any]] = {
    "$decimal": decimal.Decimal,
    "$date": datetime.date.fromisoformat,
    "$datetime": datetime.datetime.fromisoformat,
}


def _tagged(value: Any) -> dict[str, str]:
    if isinstance(value, decimal.Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"$date": value.isoformat()}
    raise TypeError(type(value).__name__)


def _untagged(obj: dict) -> Any:
    if len(obj) == 1:
        (tag, text), *_rest = obj.items()
        restore = _TAGS.get(tag)
        if restore is not None and isinstance(text, str):
            return restore(text)
    return obj


def rows_key(importer: Importer, content: bytes) -> str:
    """What the kept rows were read from: the kind of file, its parameters and its bytes.
    Rows are used at confirm only under the same key, so no file is ever confirmed with the
    rows of another."""
    digest = hashlib.sha256(
        f"{importer.kind}\n{json.dumps(importer.params, sort_keys=True)}\n".encode()
    )
    digest.update(content)
    return digest.hexdigest()


def pack_rows(result: ParseResult) -> str:
    """The read rows as JSON text, or "" when they would not come back as they are."""
    data = {
        "sheet": result.sheet,
        "row_count": result.row_count,
        "rows": [[number, row] for number, row in result.keyed],
    }
    try:
        text = json.dumps(data, default=_tagged, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return ""
    if json.loads(text, object_hook=_untagged) != data:
        return ""
    return text


def unpack_rows(text: str) -> ParseResult:
    data = json.loads(text, object_hook=_untagged)
    return ParseResult(
        row_count=data["row_count"],
        sheet=data["sheet"],
        keyed=[(number, row) for number, row in data["rows"]],
    )


def _read_again(batch: ImportBatch, importer: Importer) -> ParseResult:
    """The rows as the preview read them when it kept them for this very file, else the file
    read again; planned against the database as it is now."""
    content = bytes(batch.content)
    if batch.rows and batch.rows_key == rows_key(importer, content):
        return importer.plan_rows(unpack_rows(batch.rows))
    return importer.parse(content)


@contextlib.contextmanager
def few_collections() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a file is read, checked and written.
    A file's rows, cells and changes are tens of thousands of objects that all live until
    the end, and every collection of the oldest generation walks them all again: a fifth
    of a 10,000-row import's time went there. What became garbage meanwhile is collected as
    usual once the collector is back on; nested uses leave it to the outermost."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@few_collections()
def preview(importer: Importer, uploaded, *, filename: str | None = None) -> ImportBatch:
    """Read and validate the whole file; write nothing but the batch that holds it."""
    if not importer.allowed():
        raise PermissionDenied
    content = check_upload(uploaded)
    result = importer.parse(content)
    kept = "" if result.errors else pack_rows(result)
    batch = ImportBatch(
        kind=importer.kind,
        user=importer.user,
        county=importer.county_code(),
        filename=(filename or uploaded.name)[:200],
        content=content,
        params=importer.params,
        status=ImportStatus.REJECTED if result.errors else ImportStatus.PREVIEWED,
        rows=kept,
        rows_key=rows_key(importer, content) if kept else "",
    )
    _store(result, batch)
    batch.save()
    return batch


class AlreadyCommitted(ValidationError):
    """Another confirm of the same batch got there first (a double click, a second tab)."""

    def __init__(self):
        super().__init__(_("该批次已导入,不会重复写入。"), code="already_committed")


def _claim(batch: ImportBatch) -> None:
    """Take the batch for this confirm, inside the caller's transaction: one conditional
    UPDATE (previewed → committed). A second confirm finds no previewed row (it waits for
    the first one's lock, then sees its outcome) and is refused, so a file is applied once."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.COMMITTED, committed=timezone.now()
    )
    if not claimed:
        raise AlreadyCommitted()


@few_collections()
def commit(
    batch: ImportBatch,
    importer: Importer,
    *,
    progress: Callable[[int, int], None] | None = None,
    progress_every: int = 500,
) -> ParseResult:
    """Plan the rows the preview read again (the database may have moved; the file itself
    is read again only if the preview could not keep its rows) and apply them in one
    transaction, once: the batch row is claimed first, inside that transaction.

    ``progress(done, total)``, when given (the background import), is called with the
    changes applied so far: once when the rows have been checked again, then after every
    ``progress_every`` changes (they are applied in slices of that many, in order)."""
    if not importer.allowed() or batch.user_id != importer.user.pk:
        raise PermissionDenied
    if batch.status == ImportStatus.COMMITTED:
        raise AlreadyCommitted()
    if batch.status != ImportStatus.PREVIEWED:
        raise ValidationError(_("该批次不能导入(状态:%(s)s)。") % {"s": batch.get_status_display()})
    result = _read_again(batch, importer)
    if not result.errors:
        result.errors = _changed_since_preview(batch, result)
    with transaction.atomic():
        _claim(batch)
        if not result.errors:
            try:
                with transaction.atomic():
                    if progress is None:
                        importer.apply(result.changes)
                    else:
                        _apply_with_progress(importer, result.changes, progress, progress_every)
            except (ValidationError, DatabaseError) as exc:
                result.errors = [_failing_row(importer, result.changes, exc)]
        if result.errors:
            batch.status = ImportStatus.REJECTED
            batch.committed = None
            _store(result, batch)
            batch.save()
            return result
        batch.status = ImportStatus.COMMITTED
        batch.committed = timezone.now()
        _store(result, batch)
        batch.content = b""
        batch.rows = ""
        batch.save()
        record_event(
            AuditAction.IMPORT,
            acting_user=importer.user,
            object_type=f"import.{batch.kind}",
            object_id=str(batch.pk),
            object_repr=batch.filename,
            county=batch.county,
            after=result.counts,
        )
        optimize_after_import(result)
    return result


def _apply_with_progress(
    importer: Importer, changes: list[Change], progress: Callable[[int, int], None], every: int
) -> None:
    total = len(changes)
    progress(0, total)
    for start in range(0, total, max(every, 1)):
        importer.apply(changes[start : start + every])
        progress(min(start + every, total), total)


@few_collections()
def import_file(importer: Importer, path: str) -> ParseResult:
    """The command-line path: preview and commit a file in one go, all or nothing."""
    with open(path, "rb") as fh:
        content = fh.read()
    result = importer.parse(content)
    if result.errors:
        return result
    with transaction.atomic():
        importer.apply(result.changes)
        record_event(
            AuditAction.IMPORT,
            acting_user=importer.user,
            object_type=f"import.{importer.kind}",
            object_repr=path[-200:],
            county=importer.county_code(),
            after=result.counts,
        )
        optimize_after_import(result)
    return result


def optimize_after_import(result: ParseResult) -> None:
    """A large import changes the tables' statistics: refresh them once it is committed."""
    if len(result.changes) >= LARGE_IMPORT_ROWS:
        transaction.on_commit(lambda: optimize(full=True))

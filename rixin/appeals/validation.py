"""Checks on what people type and upload, each with a message that names the field."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|javascript\s*:|&#", re.IGNORECASE)

# Magic numbers of what may be attached: photos and PDF.
_SIGNATURES = {
    b"\xff\xd8\xff": ("image/jpeg", "jpg"),
    b"\x89PNG\r\n\x1a\n": ("image/png", "png"),
    b"%PDF-": ("application/pdf", "pdf"),
}
MAX_ATTACHMENTS = 5

# The one definition of how long each text may be. The models' max_length, the forms, the
# API schemas and Open311 all read it; ``check_text`` (called by every action) enforces it.
TEXT_LIMITS = {
    "title": 100,
    "content": 5000,
    "address": 200,
    "complainant_name": 40,
    "complainant_phone": 30,
    "note": 5000,
    "reason": 5000,
    "answer_solution": 5000,
    "answer_post": 80,
    "mark_comment": 2000,
    "name": 40,
    "description": 200,
}
NUL = "\x00"
COORDINATE_RANGES = {"latitude": Decimal(90), "longitude": Decimal(180)}
COORDINATE_PLACES = Decimal("0.000001")


# Ids arrive from the API as JSON numbers; the database's keys are signed 64-bit.
MAX_ID = 2**63 - 1


def no_nul(value: str) -> str:
    """For the API schemas: PostgreSQL cannot store NUL, so it is refused at the door."""
    if NUL in value:
        raise ValueError("must not contain NUL (\\x00) characters")
    return value


def text_error(name: str, value: str) -> str | None:
    """Why ``value`` may not be stored as the text ``name`` (None when it may)."""
    if NUL in value:
        return _("不能包含空字符(\\x00)。")
    limit = TEXT_LIMITS.get(name)
    if limit is not None and len(value) > limit:
        return _("不能超过 %(limit)s 个字符(现为 %(n)s 个)。") % {"limit": limit, "n": len(value)}
    if _MARKUP.search(value):
        return _("不能包含 HTML 标记或脚本,请只填写文字。")
    return None


def check_text(fields: dict[str, str], required: tuple[str, ...] = ()) -> dict[str, str]:
    """Strip the texts; refuse empty required ones, NUL characters, texts over their limit
    (``TEXT_LIMITS``) and any markup or script."""
    errors = {}
    cleaned = {}
    for name, value in fields.items():
        value = (value or "").strip()
        if name in required and not value:
            errors[name] = _("不能为空。")
        elif problem := text_error(name, value):
            errors[name] = problem
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _coordinate(name: str, value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    bound = COORDINATE_RANGES[name]
    message = _("须为 %(low)s 到 %(high)s 之间的数值。") % {"low": -bound, "high": bound}
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({name: message}) from exc
    if not number.is_finite() or not -bound <= number <= bound:
        raise ValidationError({name: message})
    return number.quantize(COORDINATE_PLACES)


def check_coordinates(latitude, longitude) -> tuple[Decimal | None, Decimal | None]:
    """WGS 84 latitude and longitude, both or neither, on the globe (6 decimal places)."""
    lat, long = _coordinate("latitude", latitude), _coordinate("longitude", longitude)
    if (lat is None) != (long is None):
        missing = "longitude" if long is None else "latitude"
        raise ValidationError({missing: _("纬度和经度须同时填写。")})
    return lat, long


def check_attachment(upload) -> tuple[str, str]:
    """The content type and extension of an upload, judged by its first bytes."""
    limit = settings.RIXIN_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                "attachments": _("附件“%(name)s”超过 %(mb)s MB。")
                % {"name": upload.name, "mb": limit // (1024 * 1024)}
            }
        )
    head = upload.read(16)
    upload.seek(0)
    for signature, kind in _SIGNATURES.items():
        if head.startswith(signature):
            return kind
    raise ValidationError(
        {"attachments": _("附件“%(name)s”不是 JPEG、PNG 图片或 PDF 文件。") % {"name": upload.name}}
    )

"""Checks on what people type and upload, each with a message that names the field."""

from __future__ import annotations

import re

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


def check_text(fields: dict[str, str], required: tuple[str, ...] = ()) -> dict[str, str]:
    """Strip the texts; refuse empty required ones and any markup or script."""
    errors = {}
    cleaned = {}
    for name, value in fields.items():
        value = (value or "").strip()
        if name in required and not value:
            errors[name] = _("不能为空。")
        elif _MARKUP.search(value):
            errors[name] = _("不能包含 HTML 标记或脚本,请只填写文字。")
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


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

"""Site photos: decoded to prove they are images, size-checked, stripped of metadata."""

from __future__ import annotations

from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
FORMATS = {"JPEG": "jpg", "PNG": "png"}


def clean_photo(upload) -> ContentFile:
    """A JPEG or PNG of at most 10 MB, re-encoded from its pixels so that EXIF (and the
    GPS position in it) is dropped. Anything else is refused with a message."""
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError(
            {"image": _("照片过大(%(mb).1f MB),上限为 10 MB。") % {"mb": upload.size / 1048576}}
        )
    data = upload.read()
    try:
        with Image.open(BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError(
            {"image": _("该文件不是可识别的图片,请上传 JPEG 或 PNG 照片。")}
        ) from exc
    if kind not in FORMATS:
        raise ValidationError(
            {"image": _("只接受 JPEG 或 PNG 照片,该文件是 %(k)s。") % {"k": kind}}
        )
    pixels = image.copy()
    pixels.info = {}  # no EXIF, XMP or text chunks are carried over
    buffer = BytesIO()
    options = {"quality": 90} if kind == "JPEG" else {}
    pixels.save(buffer, format=kind, exif=b"", **options)
    stem = (getattr(upload, "name", "") or "photo").rsplit(".", 1)[0][:60] or "photo"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{FORMATS[kind]}")

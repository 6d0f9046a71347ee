"""Site photos: decoded to prove they are images, size-checked, stripped of metadata."""

from __future__ import annotations

import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_PHOTO_BYTES = 10 * 1024 * 1024
# Pixels a photo may have, checked from its header before any decoding: a phone photo has
# 12–50 million; a small file declaring 20000×20000 would take gigabytes to decode.
DEFAULT_MAX_PIXELS = 60_000_000
# Phones' MPO files are JPEGs with a second (depth or preview) image: kept as their JPEG.
FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG"}
SUFFIX = {"JPEG": "jpg", "PNG": "png"}
UNREADABLE = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError)


def max_pixels() -> int:
    return getattr(settings, "RIXIN_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"image": message})


def _open_checked(data: bytes) -> tuple[Image.Image, str]:
    """The image, its size checked from the header before its pixels are decoded."""
    limit = max_pixels()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
            width, height = image.size
            if width * height > limit:
                raise _too_large(width, height, limit)
            kind = image.format
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(_("照片像素过多,无法处理,请缩小后再上传。")) from exc
    except UNREADABLE as exc:
        raise _refuse(_("该文件不是可识别的图片,请上传 JPEG 或 PNG 照片。")) from exc
    return image, kind


def _too_large(width: int, height: int, limit: int) -> ValidationError:
    return _refuse(
        _("照片像素过多(%(w)d×%(h)d),上限为 %(m)d 万像素,请缩小后再上传。")
        % {"w": width, "h": height, "m": limit // 10000}
    )


def clean_photo(upload) -> ContentFile:
    """A JPEG (MPO included) or PNG of at most 10 MB and ``RIXIN_MAX_IMAGE_PIXELS`` pixels,
    turned upright by its EXIF orientation and re-encoded from its pixels, so that EXIF
    (and the GPS position in it) is dropped. Anything else is refused with a message."""
    if upload.size > MAX_PHOTO_BYTES:
        raise _refuse(_("照片过大(%(mb).1f MB),上限为 10 MB。") % {"mb": upload.size / 1048576})
    image, kind = _open_checked(upload.read())
    if kind not in FORMATS:
        raise _refuse(_("只接受 JPEG 或 PNG 照片,该文件是 %(k)s。") % {"k": kind})
    target = FORMATS[kind]
    try:
        upright = ImageOps.exif_transpose(image)  # the orientation, before EXIF is dropped
    except UNREADABLE as exc:
        raise _refuse(_("该文件不是可识别的图片,请上传 JPEG 或 PNG 照片。")) from exc
    pixels = upright.copy()
    pixels.info = {}  # no EXIF, XMP or text chunks are carried over
    if target == "JPEG" and pixels.mode not in ("RGB", "L", "CMYK"):
        pixels = pixels.convert("RGB")
    buffer = BytesIO()
    options = {"quality": 90} if target == "JPEG" else {}
    pixels.save(buffer, format=target, exif=b"", **options)
    stem = (getattr(upload, "name", "") or "photo").rsplit(".", 1)[0][:60] or "photo"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{SUFFIX[target]}")

"""Cleaning an uploaded image, for every module that takes photos (appeal attachments,
site photos of monthly reports).

``clean_image(upload, field=...)`` judges the file by its content (never its name), refuses
more pixels than ``settings.RIXIN_MAX_IMAGE_PIXELS`` before a single pixel is decoded, turns
the pixels upright from the EXIF orientation, then re-encodes them with no metadata at all:
no EXIF (so no GPS position), no XMP, no comment, no PNG text. A phone's MPO (a JPEG with a
second view appended) is kept as the JPEG of its first view.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

# 50 million pixels: a 48 MP phone photo passes; decoding costs at most ~200 MB.
DEFAULT_MAX_IMAGE_PIXELS = 50_000_000

# What Pillow found → what is stored (format, content type, extension).
FORMATS = {
    "JPEG": ("JPEG", "image/jpeg", "jpg"),
    "MPO": ("JPEG", "image/jpeg", "jpg"),
    "PNG": ("PNG", "image/png", "png"),
}
_JPEG_MODES = {"L", "RGB", "CMYK"}


@dataclass(frozen=True)
class CleanedImage:
    """The re-encoded image: ``file`` (named ``<stem>.<extension>``), its type and size."""

    file: ContentFile
    content_type: str
    extension: str
    width: int
    height: int


def max_image_pixels() -> int:
    return int(getattr(settings, "RIXIN_MAX_IMAGE_PIXELS", DEFAULT_MAX_IMAGE_PIXELS))


def max_upload_bytes() -> int:
    return int(getattr(settings, "RIXIN_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))


def _refuse(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def _open(data: bytes, name: str, field: str) -> Image.Image:
    """Open (read the header only) and check the pixel count before anything is decoded."""
    limit = max_image_pixels()
    too_large = _("图片“%(name)s”像素过多(上限 %(limit)s 像素)。")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(field, too_large % {"name": name, "limit": limit}) from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise _refuse(
            field, _("“%(name)s”不是可识别的图片,请上传 JPEG 或 PNG 照片。") % {"name": name}
        ) from exc
    if image.format not in FORMATS:
        image.close()
        raise _refuse(
            field,
            _("只接受 JPEG 或 PNG 照片,“%(name)s”是 %(kind)s。")
            % {"name": name, "kind": image.format},
        )
    width, height = image.size
    if width * height > limit:
        image.close()
        raise _refuse(field, too_large % {"name": name, "limit": limit})
    return image


def _decoded(image: Image.Image, name: str, field: str) -> Image.Image:
    """The upright pixels, with no metadata carried over."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
            upright = ImageOps.exif_transpose(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _refuse(
            field,
            _("图片“%(name)s”像素过多(上限 %(limit)s 像素)。")
            % {"name": name, "limit": max_image_pixels()},
        ) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise _refuse(field, _("图片“%(name)s”已损坏或不完整,无法读取。") % {"name": name}) from exc
    pixels = upright.copy()
    pixels.info = {}
    return pixels


def clean_image(upload, *, field: str = "image") -> CleanedImage:
    """The upload as a clean JPEG or PNG, or a ValidationError on ``field`` that says why."""
    name = getattr(upload, "name", "") or "photo"
    limit = max_upload_bytes()
    if upload.size > limit:
        raise _refuse(
            field,
            _("图片“%(name)s”超过 %(mb)s MB。") % {"name": name, "mb": limit // (1024 * 1024)},
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    image = _open(data, name, field)
    kind = image.format
    try:
        pixels = _decoded(image, name, field)
    finally:
        image.close()
    stored_format, content_type, extension = FORMATS[kind]
    options: dict = {"exif": b""}
    if stored_format == "JPEG":
        if pixels.mode not in _JPEG_MODES:
            pixels = pixels.convert("RGB")
        options["quality"] = 90
    buffer = BytesIO()
    pixels.save(buffer, format=stored_format, **options)
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0][:60] or "photo"
    return CleanedImage(
        file=ContentFile(buffer.getvalue(), name=f"{stem}.{extension}"),
        content_type=content_type,
        extension=extension,
        width=pixels.width,
        height=pixels.height,
    )

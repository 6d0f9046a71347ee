"""Photos: a pixel bomb gets a message (capped before decoding), EXIF orientation is
applied before the metadata goes, and a phone's MPO is accepted as a JPEG."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rixin.projects.photos import clean_photo


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_declaring(width: int, height: int) -> bytes:
    """A few hundred bytes whose header declares ``width``×``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def test_a_20000_by_20000_png_gets_a_message(settings):
    with pytest.raises(ValidationError, match="像素过多"):
        clean_photo(SimpleUploadedFile("bomb.png", _png_declaring(20000, 20000)))


def test_the_pixel_cap_is_checked_before_decoding_and_configurable(settings):
    settings.RIXIN_MAX_IMAGE_PIXELS = 10_000
    with pytest.raises(ValidationError, match="像素过多"):
        clean_photo(SimpleUploadedFile("big.png", _png_declaring(5000, 3000)))


def test_exif_orientation_is_applied_before_stripping():
    image = Image.new("RGB", (40, 20), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to view
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    cleaned = Image.open(
        BytesIO(clean_photo(SimpleUploadedFile("p.jpg", buffer.getvalue())).read())
    )
    assert cleaned.size == (20, 40)
    assert not cleaned.getexif()


def test_a_phone_mpo_is_accepted_as_a_jpeg():
    buffer = BytesIO()
    first, second = Image.new("RGB", (16, 8), "blue"), Image.new("RGB", (16, 8), "green")
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    assert Image.open(BytesIO(buffer.getvalue())).format == "MPO"
    cleaned = clean_photo(SimpleUploadedFile("phone.jpg", buffer.getvalue()))
    assert cleaned.name == "phone.jpg"
    assert Image.open(BytesIO(cleaned.read())).format == "JPEG"

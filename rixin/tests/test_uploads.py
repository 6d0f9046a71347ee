"""rixin.uploads.clean_image: judged by content, capped before decoding, turned upright,
stripped of every metadata block, re-encoded."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rixin.uploads import clean_image

GPS = 0x8825
ORIENTATION = 0x0112


def _upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _jpeg(size=(8, 8), **exif_tags) -> bytes:
    image = Image.new("RGB", size, "blue")
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    for tag, value in exif_tags.items():
        exif[int(tag[1:])] = value
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=b"taken at home")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _huge_png_header(width=20000, height=20000) -> bytes:
    """A PNG that declares 20000×20000 pixels in a few bytes: decoding it would take GBs."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
        + _chunk(b"IEND", b"")
    )


def _stored(cleaned) -> Image.Image:
    image = Image.open(BytesIO(cleaned.file.read()))
    cleaned.file.seek(0)
    return image


def test_a_jpeg_loses_its_gps_position_and_every_other_metadata_block():
    gps = {2: (37.0, 53.0, 0.0), 4: (113.0, 10.0, 0.0)}
    cleaned = clean_image(_upload(_jpeg(**{f"t{GPS}": gps})))
    with _stored(cleaned) as stored:
        assert stored.format == "JPEG"
        assert GPS not in stored.getexif() and not stored.getexif()
        assert "comment" not in stored.info and "exif" not in stored.info
    assert (cleaned.content_type, cleaned.extension) == ("image/jpeg", "jpg")
    assert cleaned.file.name == "photo.jpg"


def test_the_exif_orientation_is_applied_to_the_pixels_before_it_is_dropped():
    # Orientation 6: the camera was turned; the viewer must rotate 90° clockwise.
    cleaned = clean_image(_upload(_jpeg(size=(40, 20), **{f"t{ORIENTATION}": 6})))
    with _stored(cleaned) as stored:
        assert stored.size == (20, 40)
        assert ORIENTATION not in stored.getexif()


def test_a_phone_mpo_is_accepted_as_a_jpeg():
    first, second = Image.new("RGB", (16, 8), "red"), Image.new("RGB", (16, 8), "green")
    buffer = BytesIO()
    first.save(buffer, format="MPO", save_all=True, append_images=[second])
    with Image.open(BytesIO(buffer.getvalue())) as probe:
        assert probe.format == "MPO"
    cleaned = clean_image(_upload(buffer.getvalue(), "IMG_0001.JPG"))
    with _stored(cleaned) as stored:
        assert stored.format == "JPEG" and stored.size == (16, 8)
    assert cleaned.content_type == "image/jpeg"


def test_a_png_keeps_its_format_and_loses_its_text_chunks():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Location", "37.88,113.17")
    buffer = BytesIO()
    Image.new("RGBA", (4, 4), (1, 2, 3, 128)).save(buffer, format="PNG", pnginfo=info)
    cleaned = clean_image(_upload(buffer.getvalue(), "plan.png"))
    with _stored(cleaned) as stored:
        assert stored.format == "PNG" and "Location" not in stored.info
    assert cleaned.extension == "png"


def test_the_type_comes_from_the_content_not_the_name():
    buffer = BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    cleaned = clean_image(_upload(buffer.getvalue(), "looks-like.jpg"))
    assert cleaned.content_type == "image/png" and cleaned.file.name == "looks-like.png"


@pytest.mark.parametrize("data", [b"not a picture", b"\xff\xd8\xff\xe0 truncated", b""])
def test_what_is_not_an_image_is_refused_with_the_field_named(data):
    with pytest.raises(ValidationError) as caught:
        clean_image(_upload(data), field="attachments")
    assert "attachments" in caught.value.message_dict


def test_a_gif_is_refused_by_its_content():
    buffer = BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="GIF")
    with pytest.raises(ValidationError, match="JPEG"):
        clean_image(_upload(buffer.getvalue(), "a.jpg"))


def test_a_20000_by_20000_png_is_refused_before_it_is_decoded():
    import resource

    data = _huge_png_header()
    assert len(data) < 200
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # Decoding would need 1.2 GB; the test process may grow by no more than 300 MB.
    with open("/proc/self/statm") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    limit = used + 300 * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        with pytest.raises(ValidationError, match="像素"):
            clean_image(_upload(data, "bomb.png"))
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def test_the_pixel_cap_is_a_setting(settings):
    settings.RIXIN_MAX_IMAGE_PIXELS = 100
    buffer = BytesIO()
    Image.new("RGB", (11, 10)).save(buffer, format="PNG")
    with pytest.raises(ValidationError, match="像素"):
        clean_image(_upload(buffer.getvalue(), "a.png"))
    settings.RIXIN_MAX_IMAGE_PIXELS = 110
    assert clean_image(_upload(buffer.getvalue(), "a.png")).content_type == "image/png"


def test_a_file_over_the_byte_limit_is_refused(settings):
    settings.RIXIN_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationError, match="MB"):
        clean_image(_upload(_jpeg()))

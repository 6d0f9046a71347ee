from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from rixin.projects import actions
from rixin.projects.models import ReportPhoto

from .factories import project, report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (8, 8), "blue")
    exif = Image.Exif()
    exif[0x010F] = "Camera"
    exif[0x8825] = {2: (37.0, 53.0, 0.0), 4: (113.0, 10.0, 0.0)}  # GPS latitude / longitude
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def _report(personas):
    return report(personas.transport, project(personas.transport), 6, "10")


def test_photo_is_stored_without_its_location(personas):
    photo = actions.add_photo(
        _report(personas),
        SimpleUploadedFile("site.jpg", _jpeg_with_gps()),
        acting_user=personas.transport,
    )
    with Image.open(photo.image.open("rb")) as stored:
        assert stored.format == "JPEG"
        assert 0x8825 not in stored.getexif()


def test_a_file_that_is_not_an_image_is_refused(personas):
    with pytest.raises(ValidationError, match="不是可识别的图片"):
        actions.add_photo(
            _report(personas),
            SimpleUploadedFile("x.jpg", b"not a picture"),
            acting_user=personas.transport,
        )
    assert not ReportPhoto.objects.exists()


def test_a_photo_above_10_mb_is_refused(personas):
    upload = SimpleUploadedFile("big.jpg", b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="10 MB"):
        actions.add_photo(_report(personas), upload, acting_user=personas.transport)


def test_a_gif_is_refused(personas):
    buffer = BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="GIF")
    with pytest.raises(ValidationError, match="JPEG 或 PNG"):
        actions.add_photo(
            _report(personas),
            SimpleUploadedFile("a.gif", buffer.getvalue()),
            acting_user=personas.transport,
        )


def test_other_department_cannot_add_a_photo(personas, client_for):
    item = _report(personas)
    response = client_for(personas.tongji).post(
        f"/projects/reports/{item.pk}/photos/",
        {"image": SimpleUploadedFile("s.jpg", _jpeg_with_gps())},
    )
    assert response.status_code == 403 and not ReportPhoto.objects.exists()

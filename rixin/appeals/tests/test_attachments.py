"""Appeal attachments: photos re-encoded through rixin.uploads, PDFs kept as they are."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from rixin.appeals import actions
from rixin.appeals.models import Appeal, Attachment
from rixin.testing import upload
from rixin.tests.test_uploads import GPS, ORIENTATION, _huge_png_header, _jpeg

from .factories import category


def _submit(personas, *files):
    return actions.submit_appeal(
        acting_user=personas.enterprise_user,
        category=category(personas),
        title="标题",
        content="内容",
        attachments=list(files),
    )


def test_an_attached_photo_loses_its_gps_position(personas):
    gps = {2: (37.0, 53.0, 0.0), 4: (113.0, 10.0, 0.0)}
    appeal = _submit(personas, upload("现场.jpg", _jpeg(**{f"t{GPS}": gps})))
    attachment = appeal.attachments.get()
    with Image.open(attachment.file.open("rb")) as stored:
        assert stored.format == "JPEG" and not stored.getexif()
    assert attachment.content_type == "image/jpeg"
    assert attachment.original_name == "现场.jpg"
    assert attachment.size == attachment.file.size


def test_an_attached_photo_is_turned_upright(personas):
    appeal = _submit(personas, upload("竖拍.jpg", _jpeg(size=(40, 20), **{f"t{ORIENTATION}": 6})))
    with Image.open(appeal.attachments.get().file.open("rb")) as stored:
        assert stored.size == (20, 40)


def test_an_attached_mpo_is_stored_as_a_jpeg(personas):
    buffer = BytesIO()
    Image.new("RGB", (8, 8)).save(
        buffer, format="MPO", save_all=True, append_images=[Image.new("RGB", (8, 8))]
    )
    appeal = _submit(personas, upload("IMG_0001.JPG", buffer.getvalue()))
    assert appeal.attachments.get().content_type == "image/jpeg"


def test_a_pixel_bomb_is_refused_and_nothing_is_written(personas):
    with pytest.raises(ValidationError) as caught:
        _submit(personas, upload("bomb.png", _huge_png_header()))
    assert "attachments" in caught.value.message_dict
    assert not Appeal.objects.exists() and not Attachment.objects.exists()

"""Bad input: a clear message naming the field, and nothing written."""

from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from PIL import Image

from rixin.appeals import actions
from rixin.appeals.models import Appeal, Attachment
from rixin.testing import upload

from .factories import answered, category


def _png() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


def _submit(personas, **fields):
    values = {"category": category(personas), "title": "标题", "content": "内容", **fields}
    return actions.submit_appeal(acting_user=personas.enterprise_user, **values)


def test_empty_content_is_refused(personas):
    with pytest.raises(ValidationError) as caught:
        _submit(personas, content="   ")
    assert "content" in caught.value.message_dict
    assert not Appeal.objects.exists()


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "<b>粗体</b>", "javascript:alert(1)"]
)
def test_html_or_script_in_a_text_is_refused(personas, text):
    with pytest.raises(ValidationError, match="HTML"):
        _submit(personas, title=text)
    assert not Appeal.objects.exists()


def test_an_attachment_of_the_wrong_type_is_refused(personas):
    with pytest.raises(ValidationError, match="PDF"):
        _submit(personas, attachments=[upload("a.png", b"MZ\x90\x00 not an image")])
    assert not Appeal.objects.exists() and not Attachment.objects.exists()


@override_settings(RIXIN_MAX_UPLOAD_BYTES=50)
def test_an_attachment_too_large_is_refused(personas):
    with pytest.raises(ValidationError, match="超过"):
        _submit(personas, attachments=[upload("a.png", PNG)])
    assert not Appeal.objects.exists()


def test_a_photo_and_a_pdf_are_attached(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    appeal = _submit(
        personas, attachments=[upload("现场.png", PNG), upload("函.pdf", b"%PDF-1.4 x")]
    )
    assert list(appeal.attachments.values_list("content_type", flat=True)) == [
        "image/png",
        "application/pdf",
    ]


def test_marking_another_enterprises_appeal_is_refused(personas):
    from rixin.testing import make_enterprise

    appeal = answered(personas, enterprise=make_enterprise("140725", "利尔康"))
    with pytest.raises(PermissionDenied):
        actions.mark_answer(
            appeal,
            acting_user=personas.enterprise_user,
            satisfaction="satisfied",
            resolution="resolved",
        )
    appeal.refresh_from_db()
    assert appeal.marked_at is None


def test_marking_twice_is_refused(personas):
    appeal = answered(personas)
    actions.mark_answer(
        appeal,
        acting_user=personas.enterprise_user,
        satisfaction="satisfied",
        resolution="resolved",
    )
    with pytest.raises(ValidationError, match="重复"):
        actions.mark_answer(
            appeal,
            acting_user=personas.enterprise_user,
            satisfaction="basic",
            resolution="resolved",
        )
    assert Appeal.objects.get(pk=appeal.pk).satisfaction == "satisfied"


def test_an_enterprise_cannot_mark_an_answer_as_unrated(personas):
    appeal = answered(personas)
    with pytest.raises(ValidationError):
        actions.mark_answer(
            appeal,
            acting_user=personas.enterprise_user,
            satisfaction="unrated",
            resolution="resolved",
        )


def test_answering_a_closed_appeal_is_refused(personas):
    appeal = answered(personas)
    actions.mark_answer(
        appeal,
        acting_user=personas.enterprise_user,
        satisfaction="satisfied",
        resolution="resolved",
    )
    with pytest.raises(ValidationError, match="已办结"):
        actions.answer_appeal(appeal, acting_user=personas.officer, solution="再答", post="x")


def test_an_enterprise_appeal_registered_without_an_enterprise_is_refused(personas):
    with pytest.raises(ValidationError) as caught:
        actions.register_appeal(
            acting_user=personas.gongshanglian,
            county=personas.gongshanglian.division,
            kind="appeal",
            channel="federation",
            category=category(personas),
            title="t",
            content="c",
        )
    assert "enterprise" in caught.value.message_dict
    assert not Appeal.objects.exists()

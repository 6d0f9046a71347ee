"""Site photos of monthly reports, cleaned by the one image cleaner every module uses."""

from __future__ import annotations

from django.core.files.base import ContentFile

from rixin.uploads import clean_image


def clean_photo(upload) -> ContentFile:
    """A JPEG (a phone's MPO included) or PNG within the upload and pixel limits, turned
    upright by its EXIF orientation and re-encoded without any metadata, so no GPS
    position leaves the building site (``rixin.uploads.clean_image``)."""
    return clean_image(upload, field="image").file

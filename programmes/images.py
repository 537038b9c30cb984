"""Thumbnails for uploaded images, made with Pillow, and removing replaced ones.

Re-encoding the image also drops its metadata (EXIF location, camera serials), so
the thumbnail is safe to show even where the original would not be.
"""

import uuid
from io import BytesIO
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from PIL import Image, ImageOps

from .renditions import rendition_names


def thumbnail_name(image_name: str) -> str:
    """Where the thumbnail of a stored image lives: thumbs/<path>.webp."""
    return str(PurePosixPath("thumbs") / PurePosixPath(image_name).with_suffix(".webp"))


def make_thumbnail(field_file) -> str:
    """Write a thumbnail of ``field_file`` (at most IMAGE_THUMBNAIL_SIZE); return its name."""
    name = thumbnail_name(field_file.name)
    field_file.open("rb")
    try:
        field_file.seek(0)
        with Image.open(field_file) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(settings.IMAGE_THUMBNAIL_SIZE)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            buffer = BytesIO()
            image.save(buffer, format="WEBP", quality=85)
    finally:
        field_file.close()
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(buffer.getvalue()))


# The stored name's extension follows the decoded format, never the uploaded name,
# so a web server can only ever serve an upload as one of these image types.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def reencode_upload(uploaded) -> ContentFile:
    """The uploaded image decoded and saved again, as a new file with a random name.

    Re-encoding keeps only the pixels: EXIF (GPS position, camera serial), comments,
    ICC-embedded text and anything appended after the image data are dropped. The
    upload has passed validate_image_upload, so it is a readable image of an
    allowed format and size.
    """
    uploaded.seek(0)
    with Image.open(uploaded) as original:
        image_format = original.format
        image = ImageOps.exif_transpose(original)
        if image_format == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        buffer = BytesIO()
        options = {"quality": 90} if image_format in ("JPEG", "WEBP") else {}
        image.save(buffer, format=image_format, **options)
    return ContentFile(
        buffer.getvalue(), name=f"{uuid.uuid4().hex}.{EXTENSIONS[image_format]}"
    )


def thumbnail_url(field_file) -> str:
    """URL of the thumbnail of ``field_file``, or "" when there is none (yet)."""
    if not field_file:
        return ""
    name = thumbnail_name(field_file.name)
    return default_storage.url(name) if default_storage.exists(name) else ""


def image_discard_on_commit(*, name: str) -> None:
    """Delete a replaced or cleared image, its thumbnail and its renditions once
    the change commits.

    Not before: a save that fails and rolls back still shows the old image. Not at
    all while a row still names the file (a reverted or copied record). Versions
    in the history keep only the name; restoring one shows no image.
    """
    if name:
        transaction.on_commit(lambda: _delete_unless_referenced(name))


def _delete_unless_referenced(name: str) -> None:
    if _is_referenced(name):
        return
    for stored in (name, thumbnail_name(name), *rendition_names(name)):
        if default_storage.exists(stored):
            default_storage.delete(stored)


def _is_referenced(name: str) -> bool:
    """Whether any row's file field holds this name (history rows hold text)."""
    return any(
        model._base_manager.filter(**{field.name: name}).exists()
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, models.FileField)
    )

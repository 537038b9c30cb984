"""Thumbnails for uploaded images, made with Pillow.

Re-encoding the image also drops its metadata (EXIF location, camera serials), so
the thumbnail is safe to show even where the original would not be.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps


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


def thumbnail_url(field_file) -> str:
    """URL of the thumbnail of ``field_file``, or "" when there is none (yet)."""
    if not field_file:
        return ""
    name = thumbnail_name(field_file.name)
    return default_storage.url(name) if default_storage.exists(name) else ""

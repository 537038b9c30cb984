"""Checks for uploaded images: a real image, an allowed format, a sane size."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# What Pillow raises for data it cannot identify or decode (a zlib stream that is
# garbage, a cut-off file, a bomb, a header field out of range).
UNREADABLE = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
)


def validate_image_upload(file) -> None:
    if file.size > settings.IMAGE_UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("The image is %(size)s; at most %(limit)s is allowed.")
            % {
                "size": filesizeformat(file.size),
                "limit": filesizeformat(settings.IMAGE_UPLOAD_MAX_BYTES),
            },
            code="image_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
        # Format and pixel count are known from the header: refuse before decoding.
        _check_format_and_pixels(image_format, width, height)
        # verify() checks the structure (chunks, checksums), not the pixel data:
        # a PNG of valid chunks around garbage, or a truncated JPEG, passes it and
        # fails only when decoded, which the save would do. A new upload is decoded
        # here, so it is a form error instead; a stored image (every full_clean
        # sees it again) was decoded when it was uploaded.
        if not getattr(file, "_committed", False):
            file.seek(0)
            with Image.open(file) as image:
                image.load()
    except UNREADABLE:
        raise ValidationError(
            _("This file is not an image that can be read."), code="not_an_image"
        ) from None
    finally:
        file.seek(position)


def _check_format_and_pixels(image_format: str, width: int, height: int) -> None:
    if image_format not in settings.IMAGE_UPLOAD_FORMATS:
        raise ValidationError(
            _("Images must be one of %(formats)s.")
            % {"formats": ", ".join(settings.IMAGE_UPLOAD_FORMATS)},
            code="image_format",
        )
    if width * height > settings.IMAGE_UPLOAD_MAX_PIXELS:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels, which is too large.")
            % {"width": width, "height": height},
            code="image_too_many_pixels",
        )

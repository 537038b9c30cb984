"""Narrower copies of an uploaded image, so that a phone need not download the
full-size photo: made with Pillow when the image is saved, offered to the
browser as the <img>'s srcset.

A rendition is made for each width of settings.IMAGE_RENDITION_WIDTHS below the
image's own; the original stays the widest candidate. The srcset names only the
renditions that are on the storage, so an image stored before renditions were
made (or by a path other than the admin) is still shown, at its full size,
until `make_image_renditions` has run.
"""

from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int


def rendition_name(image_name: str, width: int) -> str:
    """Where the rendition of a stored image at `width` lives:
    renditions/<path>-<width>w.webp."""
    path = PurePosixPath(image_name)
    return str(
        PurePosixPath("renditions") / path.with_name(f"{path.stem}-{width}w.webp")
    )


def rendition_widths(image_width: int | None) -> list[int]:
    """The widths a rendition is made at: the configured ones narrower than the
    image (a wider copy would only be larger, never sharper)."""
    if not image_width:
        return []
    return [w for w in sorted(settings.IMAGE_RENDITION_WIDTHS) if w < image_width]


def rendition_names(image_name: str) -> list[str]:
    """Every name a rendition of this image can have (to delete them with it)."""
    return [rendition_name(image_name, w) for w in settings.IMAGE_RENDITION_WIDTHS]


def make_renditions(field_file) -> list[str]:
    """Write the renditions of `field_file`, replacing any made before; their names."""
    field_file.open("rb")
    try:
        field_file.seek(0)
        with Image.open(field_file) as original:
            image = ImageOps.exif_transpose(original)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            encoded = {
                width: _webp(image, width) for width in rendition_widths(image.width)
            }
    finally:
        field_file.close()
    names = []
    for width, content in encoded.items():
        name = rendition_name(field_file.name, width)
        if default_storage.exists(name):
            default_storage.delete(name)
        names.append(default_storage.save(name, ContentFile(content)))
    return names


def _webp(image: Image.Image, width: int) -> bytes:
    height = max(1, round(image.height * width / image.width))
    buffer = BytesIO()
    image.resize((width, height), Image.Resampling.LANCZOS).save(
        buffer, format="WEBP", quality=82
    )
    return buffer.getvalue()


def stored_renditions(field_file, image_width: int | None) -> list[Rendition]:
    """The renditions of `field_file` that are on the storage, narrowest first."""
    if not field_file:
        return []
    found = []
    for width in rendition_widths(image_width):
        name = rendition_name(field_file.name, width)
        if default_storage.exists(name):
            found.append(Rendition(default_storage.url(name), width))
    return found


def image_srcset(field_file, image_width: int | None) -> str:
    """The srcset of an <img> showing `field_file`: its stored renditions and the
    original at its own width; "" when there is no rendition to choose from."""
    renditions = stored_renditions(field_file, image_width)
    if not renditions:
        return ""
    candidates = [*renditions, Rendition(field_file.url, image_width)]
    return ", ".join(f"{c.url} {c.width}w" for c in candidates)

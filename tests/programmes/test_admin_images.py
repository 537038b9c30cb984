"""Programme images uploaded in the admin: thumbnails, metadata and refused files."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from programmes.images import thumbnail_name
from programmes.models import (
    Programme,
)
from tests.programmes.admin_pages import (
    _english_admin,  # noqa: F401  (autouse fixture)
    admin_url,
    error_text,
    form_data,
    page,
)
from tests.programmes.factories import (
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def png_bytes(size=(400, 300), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, "white" if mode != "1" else 1).save(buffer, format="PNG")
    return buffer.getvalue()


def upload(client, programme, content, name="photo.png"):
    url = admin_url(Programme, "change", programme.pk)
    data = form_data(client.get(url))
    data["image"] = SimpleUploadedFile(name, content, content_type="image/png")
    data["image_alt_nl"] = "Studenten in het lab"  # required with an image
    return client.post(url, data)


def test_uploaded_image_gets_a_small_thumbnail_in_the_changelist(admin_client):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, png_bytes((800, 400)))
    assert response.status_code == 302, error_text(response)
    programme.refresh_from_db()
    name = thumbnail_name(programme.image.name)
    assert default_storage.exists(name)
    with default_storage.open(name) as thumb, Image.open(thumb) as image:
        assert image.format == "WEBP"
        assert image.width <= 160 and image.height <= 160
        assert image.size == (160, 80)

    changelist = admin_client.get(admin_url(Programme, "changelist"))
    img = page(changelist).select_one("#result_list img.admin-thumbnail")
    assert img["src"] == default_storage.url(name)


def test_text_file_posing_as_png_is_refused_with_a_message(admin_client):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, b"just some text, not an image")
    assert response.status_code == 200
    assert page(response).select_one(".field-image .errorlist")
    programme.refresh_from_db()
    assert not programme.image


def test_image_with_too_many_pixels_is_refused_with_a_message(admin_client):
    programme = ProgrammeFactory()
    # A few kilobytes on disk, 36 million pixels once decoded.
    response = upload(admin_client, programme, png_bytes((6000, 6000), mode="1"))
    assert response.status_code == 200
    assert "too large" in page(response).select_one(".field-image .errorlist").text
    programme.refresh_from_db()
    assert not programme.image


def jpeg_with_gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 9.0, 0.0)}  # GPS IFD: latitude
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "red").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def stored_image(programme):
    programme.refresh_from_db()
    with default_storage.open(programme.image.name) as file:
        return file.read()


def test_uploaded_photo_is_stored_without_its_exif_metadata(admin_client):
    programme = ProgrammeFactory()
    original = jpeg_with_gps_exif()
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif()  # the upload does carry metadata
    response = upload(admin_client, programme, original, name="holiday.jpg")
    assert response.status_code == 302, error_text(response)
    with Image.open(io.BytesIO(stored_image(programme))) as image:
        assert image.format == "JPEG"
        assert image.size == (320, 200)
        assert not image.getexif()
    assert b"SpyCam" not in stored_image(programme)


def test_renamed_image_is_stored_under_its_real_type_without_trailing_data(
    admin_client,
):
    programme = ProgrammeFactory()
    # A PNG named as a JPEG, carrying markup after its image data.
    content = png_bytes((50, 50)) + b"<script>alert(1)</script>"
    response = upload(admin_client, programme, content, name="photo.jpg")
    assert response.status_code == 302, error_text(response)
    programme.refresh_from_db()
    assert programme.image.name.endswith(".png")
    assert "photo" not in programme.image.name
    assert b"<script>" not in stored_image(programme)


def test_image_named_as_a_web_page_is_refused(admin_client):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, png_bytes((50, 50)), name="page.html")
    assert response.status_code == 200
    assert "html" in page(response).select_one(".field-image .errorlist").text
    programme.refresh_from_db()
    assert not programme.image


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>',
            "logo.svg",
        ),
        (b"<html><script>alert(1)</script></html>", "logo.png"),
        (b"GIF89a" + b"\x00" * 20, "logo.gif"),
    ],
)
def test_svg_html_and_unknown_formats_are_refused(admin_client, content, name):
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, content, name=name)
    assert response.status_code == 200
    assert page(response).select_one(".field-image .errorlist")
    programme.refresh_from_db()
    assert not programme.image


def test_gif_image_is_refused_naming_the_allowed_formats(admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="GIF")
    programme = ProgrammeFactory()
    response = upload(admin_client, programme, buffer.getvalue(), name="a.gif")
    error = page(response).select_one(".field-image .errorlist").text
    assert "JPEG, PNG, WEBP" in error

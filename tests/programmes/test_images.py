"""Images in the admin: an undecodable upload is a form error; a replaced or
cleared image leaves storage once the change commits."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from programmes.images import thumbnail_name
from programmes.models import Institution, Programme
from tests.programmes.admin_pages import admin_url, error_text, form_data, page
from tests.programmes.factories import InstitutionFactory, ProgrammeFactory

pytestmark = pytest.mark.usefixtures("english")


def png_bytes(size=(64, 48), colour="red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def png_with_garbage_pixels() -> bytes:
    """Every chunk well-formed with a correct CRC, but IDAT is no zlib stream:
    Image.verify() accepts it, decoding fails."""
    data = png_bytes()
    out, position = bytearray(data[:8]), 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        if kind == b"IDAT":
            body = bytes((byte * 7 + 13) % 256 for byte in body)
        out += struct.pack(">I", len(body)) + kind + body
        out += struct.pack(">I", zlib.crc32(kind + body))
        position += 12 + length
    return bytes(out)


def truncated_jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.effect_noise((256, 256), 50).convert("RGB").save(buffer, format="JPEG")
    data = buffer.getvalue()
    return data[: len(data) // 2]


def stored_files(directory: str) -> set[str]:
    try:
        return set(default_storage.listdir(directory)[1])
    except FileNotFoundError:
        return set()


def post_image(client, obj, field, content, name="photo.png", **changes):
    url = admin_url(type(obj), "change", obj.pk)
    data = {**form_data(client.get(url)), **changes}
    if content is not None:
        data[field] = SimpleUploadedFile(name, content, content_type="image/png")
        if isinstance(obj, Programme) and not data.get("image_alt_nl"):
            # A programme's image needs a description for who cannot see it.
            data["image_alt_nl"] = "Studenten in het lab"
    return client.post(url, data)


BROKEN = [
    pytest.param(png_with_garbage_pixels(), "broken.png", id="png-garbage-idat"),
    pytest.param(truncated_jpeg(), "cut.jpg", id="truncated-jpeg"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "name"), BROKEN)
def test_an_undecodable_programme_image_is_a_form_error(admin_client, content, name):
    # Pillow's verify() accepts these; only decoding finds the damage.
    with Image.open(io.BytesIO(content)) as image:
        image.verify()
    programme = ProgrammeFactory()
    before = stored_files("programmes")
    response = post_image(admin_client, programme, "image", content, name)
    assert response.status_code == 200
    error = page(response).select_one(".field-image .errorlist").get_text()
    assert error == "This file is not an image that can be read."
    programme.refresh_from_db()
    assert not programme.image
    assert stored_files("programmes") == before


@pytest.mark.django_db
@pytest.mark.parametrize(("content", "name"), BROKEN)
def test_an_undecodable_institution_logo_is_a_form_error(admin_client, content, name):
    institution = InstitutionFactory()
    before = stored_files("institutions")
    response = post_image(admin_client, institution, "logo", content, name)
    assert response.status_code == 200
    error = page(response).select_one(".field-logo .errorlist").get_text()
    assert error == "This file is not an image that can be read."
    institution.refresh_from_db()
    assert not institution.logo
    assert stored_files("institutions") == before


def stored_with_thumbnail(name: str) -> tuple[bool, bool]:
    return default_storage.exists(name), default_storage.exists(thumbnail_name(name))


@pytest.mark.django_db(transaction=True)
def test_a_replaced_programme_image_is_deleted_once_the_new_one_is_saved(
    admin_client,
):
    programme = ProgrammeFactory()
    post_image(admin_client, programme, "image", png_bytes(colour="red"))
    programme.refresh_from_db()
    old = programme.image.name
    assert stored_with_thumbnail(old) == (True, True)

    refused = post_image(
        admin_client, programme, "image", png_bytes(colour="blue"), ects="-1"
    )
    assert refused.status_code == 200, "the refused save must show the form again"
    assert stored_with_thumbnail(old) == (True, True)

    saved = post_image(admin_client, programme, "image", png_bytes(colour="blue"))
    assert saved.status_code == 302, error_text(saved)
    programme.refresh_from_db()
    assert stored_with_thumbnail(programme.image.name) == (True, True)
    assert stored_with_thumbnail(old) == (False, False)


@pytest.mark.django_db(transaction=True)
def test_a_cleared_institution_logo_is_deleted_from_storage(admin_client):
    institution = InstitutionFactory()
    post_image(admin_client, institution, "logo", png_bytes())
    institution.refresh_from_db()
    old = institution.logo.name
    assert stored_with_thumbnail(old) == (True, True)

    response = post_image(
        admin_client, institution, "logo", None, **{"logo-clear": "on"}
    )
    assert response.status_code == 302, error_text(response)
    institution.refresh_from_db()
    assert not institution.logo
    assert stored_with_thumbnail(old) == (False, False)


@pytest.mark.django_db(transaction=True)
def test_an_image_is_deleted_only_when_no_row_names_it_any_more(admin_client):
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    post_image(admin_client, programme, "image", png_bytes(colour="red"))
    programme.refresh_from_db()
    shared = programme.image.name
    # A copied record: another programme and an institution name the same file.
    Programme.objects.filter(pk=other.pk).update(image=shared)
    institution = Institution.objects.get(pk=other.institution_id)
    Institution.objects.filter(pk=institution.pk).update(logo=shared)

    post_image(admin_client, programme, "image", png_bytes(colour="blue"))
    assert stored_with_thumbnail(shared) == (True, True)
    post_image(admin_client, other, "image", png_bytes(colour="green"))
    assert stored_with_thumbnail(shared) == (True, True)

    response = post_image(
        admin_client, institution, "logo", None, **{"logo-clear": "on"}
    )
    assert response.status_code == 302, error_text(response)
    assert stored_with_thumbnail(shared) == (False, False)

"""The editor's image on the public programme page, with its translated alt text;
the admin asks for that text whenever there is an image."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from programmes.models import Programme
from programmes.services import programmes_set_published
from tests.programmes.admin_pages import admin_url, form_data, page
from tests.programmes.factories import ProgrammeFactory
from tests.programmes.test_images import png_bytes, post_image
from tests.public.programme_pages import get_page

pytestmark = pytest.mark.django_db

ALT = {"nl": "Studenten in het lab", "en": "Students in the lab"}


@pytest.fixture
def uploaded(admin_client):
    """A programme whose editor uploaded an image with both alt texts."""
    programme = ProgrammeFactory()
    response = post_image(
        admin_client,
        programme,
        "image",
        png_bytes(size=(640, 360)),
        image_alt_nl=ALT["nl"],
        image_alt_en=ALT["en"],
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    return programme


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_uploaded_image_shows_with_its_alt_text(client, uploaded, language):
    image = get_page(client, uploaded, language).select_one("#overview img")
    assert image["src"] == uploaded.image.url
    assert image["src"].startswith("/media/programmes/")
    assert image["alt"] == ALT[language]
    assert (image["width"], image["height"]) == ("640", "360")
    assert image["loading"] == "lazy"


def test_the_english_page_falls_back_to_the_dutch_alt_text(client):
    programme = ProgrammeFactory(
        image=ContentFile(png_bytes(), name="photo.png"), image_alt_nl=ALT["nl"]
    )
    image = get_page(client, programme, "en").select_one("#overview img")
    assert image["alt"] == ALT["nl"]
    assert (image["width"], image["height"]) == ("64", "48")


def test_an_image_without_a_description_is_decorative_not_unlabelled(client):
    """Uploaded before alt texts were asked for: an empty alt, never none."""
    programme = ProgrammeFactory(image=ContentFile(png_bytes(), name="photo.png"))
    image = get_page(client, programme, "en").select_one("#overview img")
    assert image["alt"] == ""


def test_no_image_no_img(client):
    programme = ProgrammeFactory()
    assert get_page(client, programme, "en").select_one("#overview img") is None


def post_with_alt_texts(client, programme, *, nl="", en=""):
    url = admin_url(type(programme), "change", programme.pk)
    data = {**form_data(client.get(url)), "image_alt_nl": nl, "image_alt_en": en}
    data["image"] = SimpleUploadedFile("a.png", png_bytes(), content_type="image/png")
    return client.post(url, data)


@pytest.mark.usefixtures("english")
def test_the_admin_asks_for_a_description_with_an_image(admin_client):
    programme = ProgrammeFactory()
    response = post_with_alt_texts(admin_client, programme)
    assert response.status_code == 200
    errors = page(response).select_one(".field-image_alt_nl .errorlist")
    assert errors.get_text() == "Describe the image for readers who cannot see it."
    programme.refresh_from_db()
    assert not programme.image


@pytest.mark.usefixtures("english")
def test_one_language_is_enough_for_the_admin(admin_client):
    programme = ProgrammeFactory()
    response = post_with_alt_texts(admin_client, programme, en=ALT["en"])
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.image
    assert not programme.image_alt_nl
    assert programme.image_alt_en == ALT["en"]


def test_a_programme_whose_image_predates_alt_texts_can_still_be_unpublished():
    """Only the admin's form asks for the description: services that save such a
    programme (publishing, imports) keep working."""
    programme = ProgrammeFactory(image=ContentFile(png_bytes(), name="photo.png"))
    changed = programmes_set_published(
        programmes=Programme.objects.filter(pk=programme.pk), is_published=False
    )
    assert changed == 1

"""The editor's image on the programme page comes in narrower copies too, so
that a phone downloads a small file: the <img> offers them in its srcset, each
a file on the storage at the width the srcset states."""

from io import StringIO
from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import translation
from PIL import Image

from tests.programmes.factories import ProgrammeFactory
from tests.programmes.test_images import png_bytes, post_image
from tests.public.programme_pages import get_page

pytestmark = pytest.mark.django_db

SIZES = "(min-width: 66rem) 64rem, calc(100vw - 2rem)"


def stored_name(url: str) -> str:
    """The storage name behind a /media/ address."""
    assert url.startswith("/media/")
    return unquote(url.removeprefix("/media/"))


def candidates(image) -> list[tuple[str, int]]:
    """The srcset's (address, stated width) pairs."""
    pairs = [candidate.split() for candidate in image["srcset"].split(", ")]
    return [(url, int(width.removesuffix("w"))) for url, width in pairs]


def pixel_size(url: str) -> tuple[int, int]:
    with default_storage.open(stored_name(url)) as file, Image.open(file) as image:
        return image.size


def upload(client, size):
    programme = ProgrammeFactory()
    response = post_image(client, programme, "image", png_bytes(size=size))
    assert response.status_code == 302
    programme.refresh_from_db()
    return programme


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_uploaded_photo_is_offered_at_four_narrower_widths(admin_client, language):
    programme = upload(admin_client, (1600, 900))
    image = get_page(admin_client, programme, language).select_one("#overview img")

    offered = candidates(image)
    # 320, 640, 960 and 1280 px wide, and the 1600 px original itself.
    assert [width for _url, width in offered] == [320, 640, 960, 1280, 1600]
    assert offered[-1][0] == image["src"] == programme.image.url
    # Each file is there, as wide as stated and as tall as the 16:9 photo makes it.
    assert [pixel_size(url) for url, _width in offered] == [
        (320, 180),
        (640, 360),
        (960, 540),
        (1280, 720),
        (1600, 900),
    ]
    assert image["sizes"] == SIZES
    # The page still reserves the original's space before the image loads.
    assert (image["width"], image["height"]) == ("1600", "900")


def test_a_photo_narrower_than_the_widths_gets_only_the_narrower_ones(admin_client):
    programme = upload(admin_client, (700, 400))
    image = get_page(admin_client, programme, "en").select_one("#overview img")
    offered = candidates(image)
    assert [width for _url, width in offered] == [320, 640, 700]
    assert [pixel_size(url) for url, _width in offered] == [
        (320, 183),  # 400 × 320 / 700 = 182.86
        (640, 366),  # 400 × 640 / 700 = 365.71
        (700, 400),
    ]


def test_a_small_image_has_nothing_to_choose_from(admin_client):
    programme = upload(admin_client, (300, 200))
    image = get_page(admin_client, programme, "en").select_one("#overview img")
    assert image["src"] == programme.image.url
    assert not image.has_attr("srcset")
    assert not image.has_attr("sizes")


def test_an_image_stored_without_the_admin_gets_its_copies_from_the_command(client):
    """Before the command: shown at full size, no srcset naming missing files."""
    programme = ProgrammeFactory(
        image=ContentFile(png_bytes(size=(1000, 500)), name="photo.png"),
        image_alt_nl="Een foto",
    )
    before = get_page(client, programme, "en").select_one("#overview img")
    assert not before.has_attr("srcset")

    output = StringIO()
    with translation.override("en"):
        call_command("make_image_renditions", stdout=output)
    assert output.getvalue() == "Renditions made for 1 image.\n"

    after = get_page(client, programme, "en").select_one("#overview img")
    offered = candidates(after)
    assert [width for _url, width in offered] == [320, 640, 960, 1000]
    assert [pixel_size(url) for url, _width in offered] == [
        (320, 160),
        (640, 320),
        (960, 480),
        (1000, 500),
    ]
    # Once made, they are not made again.
    output = StringIO()
    with translation.override("en"):
        call_command("make_image_renditions", stdout=output)
    assert output.getvalue() == "Renditions made for 0 images.\n"


@pytest.mark.django_db(transaction=True)
def test_a_replaced_photo_takes_its_copies_with_it(admin_client):
    programme = upload(admin_client, (1600, 900))
    old = candidates(get_page(admin_client, programme).select_one("#overview img"))
    post_image(admin_client, programme, "image", png_bytes(size=(800, 450)))
    programme.refresh_from_db()
    assert [default_storage.exists(stored_name(url)) for url, _w in old] == [False] * 5
    new = candidates(get_page(admin_client, programme).select_one("#overview img"))
    assert [width for _url, width in new] == [320, 640, 800]

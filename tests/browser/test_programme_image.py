"""The editor's image in a real browser: a phone fetches a narrow copy, a laptop
a wider one, both from the srcset the page offers."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation

from programmes.renditions import make_renditions
from tests.programmes.factories import ProgrammeFactory
from tests.programmes.test_images import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def serve_media_from_storage(page, fetched: list[str]):
    """The tests keep uploads in memory, which the live server does not serve:
    answer /media/ from the storage, and note what the browser asked for."""

    def answer(route):
        name = route.request.url.split("/media/", 1)[1]
        fetched.append(name)
        with default_storage.open(name) as file:
            content_type = "image/webp" if name.endswith(".webp") else "image/png"
            route.fulfill(body=file.read(), content_type=content_type)

    page.route("**/media/**", answer)


@pytest.mark.parametrize(
    ("viewport", "expected"),
    [
        # 390 px less the page's 2 × 16 px padding: 358 px, so the 640 px copy.
        (390, "-640w.webp"),
        # The page is at most 64rem (1024 px) wide: the 1280 px copy.
        (1366, "-1280w.webp"),
    ],
)
def test_the_browser_fetches_the_copy_that_fits(page, viewport, expected):
    programme = ProgrammeFactory(
        image=ContentFile(png_bytes(size=(1600, 900)), name="photo.png"),
        image_alt_nl="Een foto",
    )
    make_renditions(programme.image)
    with translation.override("nl"):
        url = programme.get_absolute_url()
    fetched = []
    serve_media_from_storage(page, fetched)
    page.set_viewport_size({"width": viewport, "height": 800})
    page.goto(url)
    image = page.locator("#overview img")
    image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => { const i = document.querySelector('#overview img');"
        " return i.complete && i.naturalWidth > 0; }"
    )
    assert image.evaluate("i => i.currentSrc").endswith(expected)
    # Only that copy: not the full-size original, not a second copy.
    stem = programme.image.name.removesuffix(".png")  # programmes/photo[_abc123]
    assert fetched == [f"renditions/{stem}{expected}"]

"""Every public page has an address in each language, and old addresses lead to it.

The English page of a programme lives at its English slug; its Dutch slug under
/en/ (the English addresses before English slugs existed) and any slug it gave up
answer with a permanent redirect to its address, never a 404. The language
switcher, the hreflang alternates and the sitemap link to each language's own
slug.
"""

import io
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import translation

from tests.programmes.factories import (
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

DUTCH = "/nl/opleidingen/biologie-universiteit-leiden/"
ENGLISH = "/en/programmes/biology-leiden-university/"


@pytest.fixture
def biology():
    return ProgrammeFactory(
        name_nl="Biologie",
        name_en="Biology",
        slug="biologie-universiteit-leiden",
        slug_en="biology-leiden-university",
        institution=InstitutionFactory(
            name_nl="Universiteit Leiden",
            name_en="Leiden University",
            slug="universiteit-leiden",
            slug_en="leiden-university",
        ),
    )


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_each_language_has_its_own_address(client, biology):
    with translation.override("en"):
        assert biology.get_absolute_url() == ENGLISH
    assert biology.get_absolute_url() == DUTCH
    english = soup_of(client.get(ENGLISH))
    assert english.h1.get_text(strip=True) == "Biology"
    assert english.html["lang"] == "en"
    dutch = soup_of(client.get(DUTCH))
    assert dutch.h1.get_text(strip=True) == "Biologie"


def test_the_dutch_slug_under_english_redirects_permanently(client, biology):
    """The English addresses from before English slugs keep working."""
    response = client.get("/en/programmes/biologie-universiteit-leiden/")
    assert response.status_code == 301
    assert response["Location"] == ENGLISH


def test_the_english_slug_under_dutch_redirects_to_the_dutch_address(client, biology):
    response = client.get("/nl/opleidingen/biology-leiden-university/")
    assert response.status_code == 301
    assert response["Location"] == DUTCH


def test_a_renamed_programmes_old_slugs_redirect(client, biology):
    biology.slug = "biologie-leiden"
    biology.slug_en = "biology-leiden"
    biology.save()
    for old, new in (
        (DUTCH, "/nl/opleidingen/biologie-leiden/"),
        (ENGLISH, "/en/programmes/biology-leiden/"),
        # The old Dutch slug under /en/ goes straight to the new English address.
        (
            "/en/programmes/biologie-universiteit-leiden/",
            "/en/programmes/biology-leiden/",
        ),
    ):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
    assert client.get("/en/programmes/biology-leiden/").status_code == 200


def test_renamed_twice_the_first_address_still_leads_to_the_page(client, biology):
    for slug_en in ("biology-leiden", "biology-at-leiden"):
        biology.slug_en = slug_en
        biology.save()
    response = client.get(ENGLISH)
    assert response["Location"] == "/en/programmes/biology-at-leiden/"


def test_a_slug_taken_by_another_page_leads_to_that_page(client, biology):
    """A programme's current slug wins over another's former one."""
    biology.slug_en = "biology-leiden"
    biology.save()
    other = ProgrammeFactory(
        slug="biologie-elders", slug_en="biology-leiden-university"
    )
    assert client.get(ENGLISH).context["object"] == other


def test_unknown_and_unpublished_slugs_stay_not_found(client, biology):
    assert client.get("/en/programmes/no-such-programme/").status_code == 404
    biology.is_published = False
    biology.save()
    for address in (DUTCH, ENGLISH, "/en/programmes/biologie-universiteit-leiden/"):
        assert client.get(address).status_code == 404, address


@pytest.mark.parametrize(
    ("factory", "dutch", "english"),
    [
        (StudyFactory, "/nl/studies/biologie-wo-ma/", "/en/studies/biology-wo-ma/"),
        (
            InstitutionFactory,
            "/nl/instellingen/universiteit-utrecht/",
            "/en/institutions/utrecht-university/",
        ),
        (MunicipalityFactory, "/nl/steden/den-haag/", "/en/cities/the-hague/"),
    ],
    ids=["study", "institution", "city"],
)
def test_studies_institutions_and_cities_have_english_addresses(
    client, factory, dutch, english
):
    page = factory(slug=dutch.split("/")[3], slug_en=english.split("/")[3])
    assert page.get_absolute_url() == dutch
    with translation.override("en"):
        assert page.get_absolute_url() == english
    assert client.get(english).status_code == 200
    assert client.get(dutch).status_code == 200
    old = english.replace(english.split("/")[3], dutch.split("/")[3])
    response = client.get(f"{old}?page=1")
    assert response.status_code == 301
    # The page's own parameters go along with the redirect.
    assert response["Location"] == f"{english}?page=1"


def test_language_switcher_and_alternates_use_each_languages_slug(client, biology):
    for address in (DUTCH, ENGLISH):
        soup = soup_of(client.get(address))
        switcher = {
            link["hreflang"]: link["href"]
            for link in soup.select(".language-switcher a")
        }
        assert switcher == {"nl": DUTCH, "en": ENGLISH}
        alternates = {
            link["hreflang"]: link["href"]
            for link in soup.select('head link[rel="alternate"][hreflang]')
        }
        assert alternates == {
            "nl": f"http://testserver{DUTCH}",
            "en": f"http://testserver{ENGLISH}",
            "x-default": f"http://testserver{DUTCH}",
        }


def test_the_institution_switcher_keeps_the_page_number(client, biology):
    soup = soup_of(client.get("/en/institutions/leiden-university/?page=1"))
    dutch = soup.select_one('.language-switcher a[hreflang="nl"]')["href"]
    assert dutch == "/nl/instellingen/universiteit-leiden/?page=1"


def test_links_to_a_programme_use_the_pages_language(client, biology):
    """The listing and the institution page link to the English slug in English."""
    for address in ("/en/programmes/", "/en/institutions/leiden-university/"):
        soup = soup_of(client.get(address))
        assert soup.find("a", href=ENGLISH), address
        assert not soup.find("a", href="/en/programmes/biologie-universiteit-leiden/")
    header = soup_of(client.get(ENGLISH)).find(class_="programme-header")
    assert header.find("a", href="/en/institutions/leiden-university/")


def test_sitemap_lists_each_languages_own_address(client, biology):
    namespaces = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    response = client.get("/sitemap-programmes.xml")
    sitemap = ElementTree.fromstring(response.content)
    locations = {loc.text for loc in sitemap.iterfind(".//s:loc", namespaces)}
    assert locations == {f"http://testserver{DUTCH}", f"http://testserver{ENGLISH}"}
    for url in sitemap.iterfind("s:url", namespaces):
        alternates = {
            link.get("hreflang"): link.get("href")
            for link in url.iterfind("xhtml:link", namespaces)
        }
        assert alternates["nl"] == f"http://testserver{DUTCH}"
        assert alternates["en"] == f"http://testserver{ENGLISH}"
    institutions = client.get("/sitemap-institutions.xml").content.decode()
    assert "http://testserver/en/institutions/leiden-university/" in institutions


def test_a_redirect_costs_a_bounded_number_of_queries(
    client, biology, django_assert_max_num_queries
):
    """One lookup at the address, one by the other language's slug, one by former
    slugs: whatever the catalogue's size."""
    biology.slug_en = "biology-leiden"
    biology.save()
    with django_assert_max_num_queries(3):
        assert client.get(ENGLISH).status_code == 301
    with django_assert_max_num_queries(3):
        assert client.get("/en/institutions/universiteit-leiden/").status_code == 301


class TestPageCache:
    """The page cache keeps 200s only: a redirect is never stored under a key."""

    @pytest.fixture(autouse=True)
    def _page_cache_on(self, settings):
        settings.PAGE_CACHE_SECONDS = 600

    def test_an_old_address_redirects_on_every_visit(self, client, biology):
        assert client.get(ENGLISH).status_code == 200  # cached
        old = "/en/programmes/biologie-universiteit-leiden/"
        for _visit in range(2):
            response = client.get(old)
            assert response.status_code == 301
            assert response["Location"] == ENGLISH

    def test_a_cached_page_gives_way_to_the_redirect_once_renamed(
        self, client, biology
    ):
        assert client.get(ENGLISH).status_code == 200  # cached
        biology.slug_en = "biology-leiden"
        biology.save()
        response = client.get(ENGLISH)
        assert response.status_code == 301
        assert response["Location"] == "/en/programmes/biology-leiden/"
        assert client.get("/en/programmes/biology-leiden/").status_code == 200


def test_pages_named_in_english_later_get_english_slugs(client, settings, biology):
    """`manage.py english_slugs`: an institution given its English name after the
    import gets its English address; slugs chosen before stay, and cached pages
    link to the new address."""
    settings.PAGE_CACHE_SECONDS = 600
    institution = InstitutionFactory(
        name_nl="Hogeschool Utrecht", name_en=None, slug="hogeschool-utrecht"
    )
    programme = ProgrammeFactory(institution=institution, slug="hu-programme")
    page = programme.get_absolute_url().replace("/nl/opleidingen/", "/en/programmes/")
    assert soup_of(client.get(page)).find(
        "a", href="/en/institutions/hogeschool-utrecht/"
    )
    type(institution).objects.filter(pk=institution.pk).update(
        name_en="HU University of Applied Sciences Utrecht"
    )
    call_command("english_slugs", stdout=io.StringIO())
    institution.refresh_from_db()
    assert institution.slug_en == "hu-university-of-applied-sciences-utrecht"
    new = "/en/institutions/hu-university-of-applied-sciences-utrecht/"
    # The programme, named in English already, got its English address too.
    assert soup_of(client.get(page, follow=True)).find("a", href=new)
    response = client.get("/en/institutions/hogeschool-utrecht/")
    assert (response.status_code, response["Location"]) == (301, new)
    biology.refresh_from_db()
    assert biology.slug_en == "biology-leiden-university"
    assert biology.institution.slug_en == "leiden-university"

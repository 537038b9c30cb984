"""Institutions get the English names they use for themselves (DUO's address
file has none) from the reviewed list in programmes/data; an editor's English
name is never overwritten, and an institution that gets its English name gets an
English address, its old one redirecting."""

import pytest

from programmes.importing.institution_names import english_institution_names
from programmes.importing.institutions import institutions_import
from programmes.models import Institution
from tests.programmes.test_import_lengths import (
    INSTITUTION_HEADER,
    csv_bytes,
    instelling,
)

pytestmark = pytest.mark.django_db

FILE_NAME = "01.-instellingen-hbo-en-wo.csv"


def addresses(*rows) -> bytes:
    return csv_bytes(INSTITUTION_HEADER, *rows)


LEIDEN = instelling(
    "21PB",
    **{
        "SOORT HO": "wo",
        "INSTELLINGSNAAM": "Universiteit Leiden",
        "INTERNETADRES": "www.leidenuniv.nl",
    },
)
TILBURG = instelling(
    "21PN",
    **{
        "SOORT HO": "wo",
        "INSTELLINGSNAAM": "Tilburg University",
        "INTERNETADRES": "www.uvt.nl",
    },
)


def test_the_list_names_each_institution_once_by_its_brin():
    names = english_institution_names()
    assert names["21PB"] == "Leiden University"
    assert names["28DN"] == "Amsterdam University of Applied Sciences"
    assert "21PN" not in names  # Tilburg University: its English name is its name
    assert all(len(brin) == 4 and name for brin, name in names.items())


def test_a_new_institution_gets_its_english_name_and_an_english_address():
    institutions_import(data=addresses(LEIDEN, TILBURG), file_name=FILE_NAME)
    leiden = Institution.objects.get(brin="21PB")
    assert (leiden.name_nl, leiden.name_en) == (
        "Universiteit Leiden",
        "Leiden University",
    )
    assert (leiden.slug, leiden.slug_en) == ("universiteit-leiden", "leiden-university")
    tilburg = Institution.objects.get(brin="21PN")
    assert tilburg.name_en in (None, "")
    assert tilburg.slug_en == tilburg.slug == "tilburg-university"


def test_an_editors_english_name_stays(client):
    institutions_import(data=addresses(LEIDEN), file_name=FILE_NAME)
    Institution.objects.filter(brin="21PB").update(
        name_en="Leiden University (LU)", slug_en="lu"
    )
    result = institutions_import(data=addresses(LEIDEN), file_name=FILE_NAME)
    assert (result.changed, result.unchanged) == (0, 1)
    leiden = Institution.objects.get(brin="21PB")
    assert (leiden.name_en, leiden.slug_en) == ("Leiden University (LU)", "lu")


def test_a_known_institution_without_one_gets_its_english_name_on_the_next_import(
    client,
):
    institutions_import(data=addresses(LEIDEN), file_name=FILE_NAME)
    # As imported before the list existed: no English name, the Dutch address.
    Institution.objects.filter(brin="21PB").update(
        name_en=None, slug_en="universiteit-leiden"
    )
    result = institutions_import(data=addresses(LEIDEN), file_name=FILE_NAME)
    assert result.changed == 1
    leiden = Institution.objects.get(brin="21PB")
    assert (leiden.name_en, leiden.slug_en) == (
        "Leiden University",
        "leiden-university",
    )
    old = client.get("/en/institutions/universiteit-leiden/")
    assert (old.status_code, old["Location"]) == (
        301,
        "/en/institutions/leiden-university/",
    )
    page = client.get("/en/institutions/leiden-university/")
    assert "<h1>Leiden University</h1>" in page.content.decode()
    dutch = client.get("/nl/instellingen/universiteit-leiden/")
    assert "<h1>Universiteit Leiden</h1>" in dutch.content.decode()

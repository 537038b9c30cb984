"""The search box's type-ahead: /<lang>/search/suggestions/?q=… answers the
studies, institutions and cities whose name matches what is being typed, each
leading to the listing, as an HTML fragment; anything else gets an empty answer."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from programmes.models import Level
from tests.programmes.factories import (
    InstitutionFactory,
    MunicipalityFactory,
    StudyFactory,
)
from tests.public.catalogue_builders import programme_offered

pytestmark = pytest.mark.django_db

DUTCH_LISTING = "/nl/opleidingen/"
ENGLISH_LISTING = "/en/programmes/"


def suggestions_url(language: str) -> str:
    with translation.override(language):
        return reverse("programmes:search_suggestions")


def suggested(client, typed, language="nl"):
    """[(group, text, address)] of the answer, in the order shown."""
    response = client.get(suggestions_url(language), {"q": typed})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        (
            group["aria-labelledby"].removeprefix("typeahead-group-"),
            option.get_text(strip=True),
            option["data-href"],
        )
        for group in soup.select("[role=group]")
        for option in group.select("[role=option]")
    ]


def test_each_language_has_its_address():
    assert suggestions_url("en") == "/en/search/suggestions/"
    assert suggestions_url("nl").startswith("/nl/")


def test_a_study_is_suggested_by_the_start_of_its_name(client, catalogue):
    assert suggested(client, "econ") == [
        ("study", "Économie en Bedrijf", f"{DUTCH_LISTING}?q=%C3%89conomie+en+Bedrijf"),
    ]


def test_accents_do_not_matter(client, catalogue):
    expected = [
        ("study", "Économie en Bedrijf", f"{DUTCH_LISTING}?q=%C3%89conomie+en+Bedrijf")
    ]
    assert suggested(client, "economie") == expected
    assert suggested(client, "économie") == expected
    assert suggested(client, "ÉCONOMIE EN B") == expected


def test_english_pages_suggest_english_names(client, catalogue):
    assert suggested(client, "econ", "en") == [
        (
            "study",
            "Economics and Business",
            f"{ENGLISH_LISTING}?q=Economics+and+Business",
        ),
    ]
    # The Dutch name is not the English page's.
    assert suggested(client, "econ", "nl") != suggested(client, "econ", "en")


def test_an_institution_is_found_by_its_english_name(client, catalogue):
    assert suggested(client, "hanze univ", "en") == [
        (
            "institution",
            "Hanze University of Applied Sciences",
            f"{ENGLISH_LISTING}?institution=hanzehogeschool",
        ),
    ]


def test_a_city_is_suggested_with_the_institutions_named_after_it(client, catalogue):
    assert suggested(client, "gron") == [
        (
            "institution",
            "Hanzehogeschool Groningen",
            f"{DUTCH_LISTING}?institution=hanzehogeschool",
        ),
        ("city", "Groningen", f"{DUTCH_LISTING}?city=groningen"),
    ]


def test_a_city_is_found_by_its_everyday_name(client):
    the_hague = MunicipalityFactory(
        code="0518", name_nl="’s-Gravenhage", name_en="The Hague", slug="den-haag"
    )
    academy = InstitutionFactory(name_nl="Haagse Academie", municipality=the_hague)
    programme_offered(academy, StudyFactory(name_nl="Bestuurskunde"))
    assert suggested(client, "den h") == [
        ("city", "Den Haag", f"{DUTCH_LISTING}?city=den-haag"),
    ]
    assert suggested(client, "gravenh") == [
        ("city", "’s-Gravenhage", f"{DUTCH_LISTING}?city=den-haag"),
    ]


def test_an_exact_name_comes_before_longer_ones(client):
    university = InstitutionFactory(name_nl="Universiteit Utrecht")
    for name in ("Economie en Bedrijfseconomie", "Economie"):
        programme_offered(university, StudyFactory(name_nl=name, level=Level.WO_BA))
    # More programmes would put it first among names that only start alike.
    programme_offered(
        university,
        StudyFactory(name_nl="Economie en Bedrijfseconomie", level=Level.WO_MA),
    )
    assert [text for _group, text, _url in suggested(client, "economie")] == [
        "Economie",
        "Economie en Bedrijfseconomie",
    ]


def test_at_most_eight_suggestions_leave_room_for_every_kind(client):
    school = InstitutionFactory(name_nl="Datahogeschool", slug="datahogeschool")
    for number in range(10):
        programme_offered(school, StudyFactory(name_nl=f"Datakunde {number}"))
    answer = suggested(client, "data")
    assert len(answer) == 8
    assert [group for group, _text, _url in answer] == ["study"] * 7 + ["institution"]


def test_what_is_not_published_is_not_suggested(client, catalogue):
    # The catalogue's unpublished programme: its study, institution and city.
    assert suggested(client, "studie") == []
    assert suggested(client, "universiteit") == [
        (
            "institution",
            "Universiteit Leiden",
            f"{DUTCH_LISTING}?institution=universiteit-leiden",
        ),
    ]
    assert suggested(client, "gemeente") == []


@pytest.mark.parametrize(
    "query",
    ["", "e", " e ", "!!!", "%00", "\x00", "é" * 101, "econ " * 30, "ec" * 51],
)
def test_what_is_not_a_name_being_typed_gets_an_empty_answer(client, catalogue, query):
    assert suggested(client, query) == []


def test_no_q_at_all_is_an_empty_answer(client, catalogue):
    response = client.get(suggestions_url("nl"))
    assert response.status_code == 200
    assert b"option" not in response.content


def test_only_a_get_is_answered(client, catalogue):
    assert client.post(suggestions_url("nl"), {"q": "econ"}).status_code == 405


def test_markup_typed_or_in_a_name_is_shown_as_text(client, catalogue):
    university = InstitutionFactory(name_nl="Kunstacademie")
    programme_offered(
        university, StudyFactory(name_nl="Kunst <script>alert(1)</script>")
    )
    response = client.get(suggestions_url("nl"), {"q": "kunst <script>"})
    assert response.status_code == 200
    assert b"<script" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_an_answer_costs_a_fixed_number_of_queries(
    client, catalogue, django_assert_max_num_queries
):
    # Studies, institutions, cities' counts and the city names: not per name.
    with django_assert_max_num_queries(4):
        assert suggested(client, "gron")


def test_a_cached_answer_is_renewed_when_content_changes(client, catalogue, settings):
    settings.FACET_CACHE_SECONDS = 3600
    settings.TYPEAHEAD_CACHE_SECONDS = 300
    cache.clear()
    study = catalogue["economics"].study
    assert [text for _g, text, _u in suggested(client, "econ")] == [
        "Économie en Bedrijf"
    ]
    study.name_nl = "Economie en Ondernemen"
    study.save()
    assert [text for _g, text, _u in suggested(client, "econ")] == [
        "Economie en Ondernemen"
    ]

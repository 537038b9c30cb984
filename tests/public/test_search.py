"""The listing's search as a student types: stems, prefixes, synonyms edited in
the admin, words read as filters (chips), suggestions. The same on every
database (run this module with DATABASE_URL set to PostgreSQL too)."""

import pytest
from django.db import connection

from programmes.models import Form, Level, SynonymGroup
from public.search import index_text, search_words
from public.understanding import understand
from tests.programmes.factories import (
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.listing_pages import get_listing, notes, result_names

pytestmark = pytest.mark.django_db


def programme(name_nl, name_en="", **kwargs):
    return ProgrammeFactory(
        study=StudyFactory(name_nl=name_nl, name_en=name_en or name_nl, **kwargs)
    )


def test_index_text_holds_each_word_and_its_dutch_and_english_stems():
    tokens = index_text(["Verpleegkundige", "Nursing Studies"]).split()
    assert {"verpleegkundige", "verpleegkund", "nursing", "nurs", "studies"} <= set(
        tokens
    )
    assert len(tokens) == len(set(tokens))
    assert index_text(["Bèta-Gamma"]).startswith(" beta ")
    assert index_text(["", None]) == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("verpleegkundige", {"Verpleegkunde"}),  # Dutch stem
        ("verpleegkunde", {"Verpleegkunde"}),
        ("sciences", {"Data Science"}),  # English stem
        ("psy", {"Psychologie"}),  # the last word as it is typed
        ("psychologie verpl", set()),
        ("verpl psychologie", set()),  # only the last word is a prefix
    ],
)
def test_stems_and_prefixes(client, query, expected):
    for name in ("Verpleegkunde", "Economie", "Data Science", "Psychologie"):
        programme(name)
    assert set(result_names(get_listing(client, f"q={query}"))) == expected


def test_a_synonym_group_edited_in_the_admin_applies_at_once(client):
    programme("Rechtsgeleerdheid", "Law")
    SynonymGroup.objects.all().delete()
    assert result_names(get_listing(client, "q=juridisch")) == []
    group = SynonymGroup.objects.create(terms="juridisch, rechtsgeleerdheid")
    assert result_names(get_listing(client, "q=juridisch")) == ["Rechtsgeleerdheid"]
    group.is_active = False
    group.save()
    assert result_names(get_listing(client, "q=juridisch")) == []


def test_a_synonym_phrase_of_two_words(client):
    programme("Bedrijfskunde", "Bedrijfskunde")
    programme("Business Analytics")
    SynonymGroup.objects.create(terms="business administration, bedrijfskunde")
    names = result_names(get_listing(client, "q=business+administration"))
    assert names == ["Bedrijfskunde"]


def test_exact_name_then_name_start_then_name_words_then_elsewhere(client):
    elsewhere = programme("Geschiedenis")
    elsewhere.institution.name_nl = "Hogeschool voor Biologie"
    elsewhere.institution.save()
    programme("Moleculaire Biologie")
    programme("Biologie en Medisch Laboratoriumonderzoek")
    programme("Biologie")
    assert result_names(get_listing(client, "q=biologie")) == [
        "Biologie",
        "Biologie en Medisch Laboratoriumonderzoek",
        "Moleculaire Biologie",
        "Geschiedenis",
    ]


def test_level_form_language_and_place_words_become_filters(client):
    den_haag = MunicipalityFactory(code="0518", name_nl="’s-Gravenhage", slug="dh")
    wanted = ProgrammeFactory(
        study=StudyFactory(name_nl="Bedrijfskunde", level=Level.WO_MA, slug="bk-1"),
        institution__municipality=den_haag,
        form=Form.PART_TIME,
    )
    ProgrammeFactory(
        study=StudyFactory(name_nl="Bedrijfskunde", level=Level.WO_BA, slug="bk-2"),
        institution__municipality=den_haag,
        form=Form.PART_TIME,
    )
    ProgrammeFactory(
        study=StudyFactory(name_nl="Bedrijfskunde", level=Level.WO_MA, slug="bk-3"),
        institution__municipality=den_haag,
    )
    ProgrammeFactory(
        study=StudyFactory(name_nl="Bedrijfskunde", level=Level.WO_MA, slug="bk-4"),
        form=Form.PART_TIME,
    )
    soup = get_listing(client, "q=master+bedrijfskunde+deeltijd+den+haag+engelstalig")
    assert result_names(soup) == ["Bedrijfskunde"]
    chips = [c.get_text(" ", strip=True) for c in soup.select(".search-chip__text")]
    assert chips == [
        "Niveau: Master",
        "Vorm: Deeltijd",
        "Stad: Den Haag",
        "Voertaal: Onderwijs in het Engels",
    ]
    assert soup.select_one("#search-query")["value"] == "bedrijfskunde"
    assert soup.select_one("#facet-form input[value=part_time]").has_attr("checked")
    assert wanted.language == "en"
    assert not notes(soup)


def test_removing_a_chip_keeps_the_other_words_and_filters(client):
    programme("Bedrijfskunde")
    soup = get_listing(client, "q=bedrijfskunde+deeltijd+master&language=en")
    removes = {
        c.select_one(".search-chip__text").get_text(strip=True): c.a["href"]
        for c in soup.select(".search-chip")
    }
    assert removes["Vorm: Deeltijd"] == "?language=en&q=bedrijfskunde+master"
    assert removes["Niveau: Master"] == "?language=en&q=bedrijfskunde+deeltijd"


def test_a_query_of_filter_words_only_lists_everything_filtered(client):
    programme("Geneeskunde", level=Level.WO_BA)
    programme("Bedrijfskunde", level=Level.WO_MA)
    soup = get_listing(client, "q=master")
    assert result_names(soup) == ["Bedrijfskunde"]
    assert soup.select_one("#search-query")["value"] == ""
    assert not notes(soup)


def test_levels_named_together_narrow_each_other():
    assert understand(["wo", "master"]).filters == {"level": ["WO-MA", "WO-PM"]}
    assert understand(["hbo", "ad"]).filters == {"level": ["HBO-AD"]}
    assert understand(search_words("Part-time")).filters == {"form": ["part_time"]}


def test_a_misspelling_gets_did_you_mean(client):
    programme("Psychologie", "Psychology")
    soup = get_listing(client, "q=pyschologie")
    assert result_names(soup) == []
    link = soup.select_one(".search-suggestion a")
    assert link.get_text() == "psychologie"
    assert result_names(get_listing(client, link["href"].lstrip("?"))) == [
        "Psychologie"
    ]
    assert get_listing(client, "q=psychologie").select_one(".search-suggestion") is None


def test_the_search_leaves_the_planner_settings_as_they_were(client):
    """The search changes no setting of the planner's (it once told PostgreSQL
    to take a trigram index, between a SET and a RESET)."""
    programme("Biologie")
    assert result_names(get_listing(client, "q=biologie")) == ["Biologie"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone() == ("on",)

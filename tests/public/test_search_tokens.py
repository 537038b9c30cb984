"""PostgreSQL finds the search's matches in an index of the summaries' tokens
(public.search.TokensMatch, a tsquery) where SQLite reads them by LIKE: the same
programmes either way. And the "did you mean" vocabulary is stored with the
catalogue's counts, not read from every name on each misspelled search. (Run
this module with DATABASE_URL set to PostgreSQL too.)"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

from programmes.models import SynonymGroup
from public.facets import catalogue_counts_refresh
from public.models import CatalogueCounts, ProgrammeSummary
from public.search import (
    TokensMatch,
    concepts_condition,
    concepts_tsquery,
    word_patterns,
)
from public.suggestions import vocabulary
from public.synonyms import query_concepts
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.listing_pages import get_listing, result_names

pytestmark = pytest.mark.django_db

NAMES = [
    ("Verpleegkunde", "Nursing"),
    ("Rechtsgeleerdheid", "Law"),
    ("HBO - Rechten", "Law"),
    ("Psychologie", "Psychology"),
    ("Bedrijfskunde", "Business Administration"),
    ("Data Science", "Data Science"),
    ("Economie en Bedrijfseconomie", "Economics and Business Economics"),
    ("Bèta-Gamma", "Liberal Arts and Sciences"),
    ("Data_Lab 3D", "Data_Lab 3D"),
]
QUERIES = [
    ["verpleegkundige"],  # a Dutch stem
    ["nursing"],
    ["rechten"],  # a synonym group: rechtsgeleerdheid, law
    ["law"],
    ["psych"],  # the last word as it is typed
    ["psychologie", "verpl"],
    ["verpl", "psychologie"],  # only the last word is a prefix
    ["business", "administration"],  # a phrase of a synonym group
    ["economische", "bedrijf"],
    ["beta"],
    ["data_lab"],  # "_" is a word character: no pattern, no operator
    ["3d"],
    ["d"],
    ["science", "data"],
]


@pytest.fixture
def catalogue():
    SynonymGroup.objects.all().delete()
    SynonymGroup.objects.create(terms="rechten, rechtsgeleerdheid, law")
    SynonymGroup.objects.create(terms="business administration, bedrijfskunde")
    for name_nl, name_en in NAMES:
        ProgrammeFactory(study=StudyFactory(name_nl=name_nl, name_en=name_en))


def like_matches(words) -> set[str]:
    condition = concepts_condition("search_text", query_concepts(words))
    return set(
        ProgrammeSummary.objects.filter(condition).values_list(
            "programme__study__name_nl", flat=True
        )
    )


def _word_found(tokens: list[str], word: str, typing: bool) -> bool:
    """A token is one of the word's stems (" stem "), or, as it is being typed,
    starts with it (" word")."""
    return any(
        pattern.strip() in tokens
        if pattern.endswith(" ")
        else any(token.startswith(pattern.strip()) for token in tokens)
        for pattern in word_patterns(word, prefix=typing)
    )


def _concept_found(tokens: list[str], concept) -> bool:
    return any(
        all(
            _word_found(
                tokens,
                word,
                concept.typed_last and number == 0 and position == len(phrase) - 1,
            )
            for position, word in enumerate(phrase)
        )
        for number, phrase in enumerate(concept.phrases)
    )


def python_matches(words) -> set[str]:
    """By the rule, in Python, over the stored tokens: every concept found,
    one of its phrases with all its words."""
    concepts = query_concepts(words)
    return {
        name
        for name, text in ProgrammeSummary.objects.values_list(
            "programme__study__name_nl", "search_text"
        )
        if all(_concept_found(text.split(), concept) for concept in concepts)
    }


@pytest.mark.parametrize("words", QUERIES, ids=[" ".join(q) for q in QUERIES])
def test_each_database_finds_what_the_rule_finds(catalogue, words):
    expected = python_matches(words)
    assert like_matches(words) == expected
    if connection.vendor == "postgresql":
        match = TokensMatch("search_text", concepts_tsquery(query_concepts(words)))
        found = ProgrammeSummary.objects.filter(match).values_list(
            "programme__study__name_nl", flat=True
        )
        assert set(found) == expected


def test_the_rule_finds_what_a_student_means(catalogue):
    """The expected sets of a few queries, by hand."""
    assert python_matches(["rechten"]) == {"Rechtsgeleerdheid", "HBO - Rechten"}
    assert python_matches(["psych"]) == {"Psychologie"}
    assert python_matches(["verpl", "psychologie"]) == set()
    assert python_matches(["data_lab"]) == {"Data_Lab 3D"}
    assert python_matches(["business", "administration"]) == {"Bedrijfskunde"}


def test_a_query_is_one_tsquery_of_the_patterns():
    """A word its stems (Snowball: Dutch "economie", English "economi"), the
    word being typed a prefix too; a synonym's phrase its words together."""
    SynonymGroup.objects.all().delete()
    assert (
        concepts_tsquery(query_concepts(["economie", "verpl"]))
        == "('economie' | 'economi') & 'verpl':*"
    )
    SynonymGroup.objects.create(terms="nursing, health care")
    assert concepts_tsquery(query_concepts(["nursing"])) == (
        "(('nurs' | 'nursing':*) | ('health' & 'care'))"
    )


def test_postgresql_looks_the_tokens_up_in_their_index():
    """Public migration 0005 indexes the expression the query writes, so the
    planner can take the index (made to here: a few rows read faster without).
    Nothing on SQLite. (Before any row is written: PostgreSQL indexes no table
    with deferred foreign-key checks pending.)"""
    migration = importlib.import_module(
        "public.migrations.0005_summary_search_tokens_index"
    )
    executed = []

    def execute(sql):
        executed.append(sql)
        with connection.cursor() as cursor:
            cursor.execute(sql)

    migration.create_index(
        apps, SimpleNamespace(connection=connection, execute=execute)
    )
    if connection.vendor != "postgresql":
        assert executed == []
        return
    ProgrammeFactory(study=StudyFactory(name_nl="Psychologie"))
    query = ProgrammeSummary.objects.filter(
        TokensMatch("search_text", "'psycholog'")
    ).values("pk")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = query.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "summary_search_tokens_idx" in plan, plan


def test_the_listing_finds_the_same_on_every_database(client, catalogue):
    assert result_names(get_listing(client, "q=rechten")) == [
        "Rechtsgeleerdheid",
        "HBO - Rechten",
    ]


def test_the_vocabulary_is_stored_with_the_catalogue_counts(client, catalogue):
    catalogue_counts_refresh()
    stored = CatalogueCounts.objects.get().vocabulary
    assert stored["psychologie"] == 1  # "psychologie" (Dutch name, folded)
    # "business administration", "economics and business economics"
    assert stored["business"] == 2
    assert stored["data_lab"] == 1  # words split at spaces only
    with CaptureQueriesContext(connection) as queries:
        assert vocabulary() == stored
    assert len(queries) == 1
    soup = get_listing(client, "q=pyschologie")
    assert soup.select_one(".search-suggestion a").get_text() == "psychologie"


def test_a_new_institution_empties_the_stored_vocabulary_until_counted_again(
    client, catalogue
):
    catalogue_counts_refresh()
    InstitutionFactory(name_nl="Hogeschool Zuyderland", name_en="Zuyd")
    assert CatalogueCounts.objects.get().vocabulary == {}
    soup = get_listing(client, "q=zuiderland")  # counted meanwhile
    assert soup.select_one(".search-suggestion a").get_text() == "zuyderland"
    catalogue_counts_refresh()  # as when the change commits
    assert CatalogueCounts.objects.get().vocabulary["zuyderland"] == 1

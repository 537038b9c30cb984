"""Free-text search over programme names: one behaviour on every database.

Text is folded (lower case, accents removed) and each word is stored with its
Dutch and English Snowball stems, in Python, both in ProgrammeSummary.search_text
and for what a visitor types: "verpleegkundige" finds "Verpleegkunde" and
"economische" finds "Economie" on SQLite and PostgreSQL alike, since both then
only compare whole tokens (and, for the word being typed last, a token's start)
with LIKE (a query word matches a token that is one of its stems): no database
dictionary decides what matches, so both answer a query with the same set.
PostgreSQL asks the same of an index of the tokens instead (`TokensMatch`).

A query word also matches the words of its synonyms (`public.synonyms`), and
results are ranked: exact name, name start, every word in the programme's or its
study's name, then the rest (institution, place, specialisations).
"""

import functools
import json
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer
from django.db import connection
from django.db.models import BooleanField, Case, F, Func, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
_NOT_A_WORD = re.compile(r"[^\w]+")
# Snowball's stemmer objects keep state while stemming: one set per thread.
_stemmers = threading.local()


def fold(text: str) -> str:
    """Lower case without accents or punctuation: "Bèta-Gamma" → "beta gamma"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_A_WORD.sub(" ", bare.casefold()).split())


def search_words(query: str) -> list[str]:
    """The words of a visitor's query, folded and bounded in number and length."""
    return fold(query[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]


def _stemmer_pair():
    pair = getattr(_stemmers, "pair", None)
    if pair is None:
        pair = _stemmers.pair = (
            snowballstemmer.stemmer("dutch"),
            snowballstemmer.stemmer("english"),
        )
    return pair


@functools.lru_cache(maxsize=100_000)
def word_stems(word: str) -> tuple[str, str]:
    """A folded word's Dutch and English Snowball stems."""
    dutch, english = _stemmer_pair()
    return dutch.stemWord(word), english.stemWord(word)


def word_forms(word: str) -> tuple[str, ...]:
    """A folded word and its stems, without repeats: what the index holds for
    it, and what a query word may match."""
    return tuple(dict.fromkeys((word, *word_stems(word))))


def index_text(parts: Iterable[str]) -> str:
    """The searchable tokens of these texts: every folded word and its stems,
    once each, in order, with a space before and after each token (so that a
    token is found whole by LIKE '% token %')."""
    words = fold(" ".join(part for part in parts if part)).split()
    tokens = dict.fromkeys(form for word in words for form in word_forms(word))
    return f" {' '.join(tokens)} " if tokens else ""


# --- What a query matches ---------------------------------------------------------


@dataclass(frozen=True)
class Concept:
    """One thing a visitor searches for: a word (or a phrase naming a synonym)
    and the phrases that mean the same. Any one of them must match."""

    phrases: tuple[tuple[str, ...], ...]  # the typed phrase first
    typed_last: bool = False  # the visitor may still be typing its last word


def word_patterns(word: str, *, prefix: bool) -> list[str]:
    """What an index_text holds where this query word matches: a token that is
    one of the word's stems (" stem "); or, as it is being typed, one that
    starts with the word (" word").

    The word itself need not be looked for: wherever the index holds a word it
    holds its stems too (index_text), so its stems find it."""
    stems = dict.fromkeys(word_stems(word))
    patterns = [f" {stem} " for stem in stems if not (prefix and stem.startswith(word))]
    if prefix:
        patterns.append(f" {word}")
    return patterns


def _word_condition(field: str, word: str, *, prefix: bool) -> Q:
    """A token of the field that the word matches (word_patterns): one LIKE per
    distinct stem."""
    condition = Q()
    for pattern in word_patterns(word, prefix=prefix):
        condition |= Q(**{f"{field}__contains": pattern})
    return condition


def _concept_condition(field: str, concept: Concept) -> Q:
    condition = Q()
    for number, phrase in enumerate(concept.phrases):
        every_word = Q()
        for position, word in enumerate(phrase):
            typing = concept.typed_last and number == 0 and position == len(phrase) - 1
            every_word &= _word_condition(field, word, prefix=typing)
        condition |= every_word
    return condition


def concepts_condition(field: str, concepts: list[Concept]) -> Q:
    """Every concept matched in this token column."""
    condition = Q()
    for concept in concepts:
        condition &= _concept_condition(field, concept)
    return condition


# --- The same on PostgreSQL, in one index lookup ---------------------------------
# The column's tokens as a text-search vector: split at the spaces index_text
# put between them, each token a lexeme as it is (no parser or dictionary of the
# database's, which would split or change some): the expression of the GIN
# index `summary_search_tokens_idx` (public migration 0005), written the same.
TOKENS_SQL = "array_to_tsvector(string_to_array(btrim({column}), ' '))"


def _lexeme(pattern: str) -> str:
    """A word_patterns pattern as a tsquery operand: " stem " is that lexeme,
    " word" (a token's start) the prefix 'word':*."""
    token = pattern.strip().replace("\\", "\\\\").replace("'", "''")
    return f"'{token}'" if pattern.endswith(" ") else f"'{token}':*"


def _any_of(operands: list[str], operator: str) -> str:
    return operands[0] if len(operands) == 1 else f"({f' {operator} '.join(operands)})"


def concepts_tsquery(concepts: list[Concept]) -> str:
    """concepts_condition as a tsquery: each word its patterns' lexemes (or),
    the words of a phrase (and), a concept's phrases (or), every concept (and).
    A tsvector holds each token once, as a LIKE finds it: the same matches."""
    concept_queries = []
    for concept in concepts:
        phrases = []
        for number, phrase in enumerate(concept.phrases):
            words = []
            for position, word in enumerate(phrase):
                typing = (
                    concept.typed_last and number == 0 and position == len(phrase) - 1
                )
                lexemes = [_lexeme(p) for p in word_patterns(word, prefix=typing)]
                words.append(_any_of(lexemes, "|"))
            phrases.append(_any_of(words, "&"))
        concept_queries.append(_any_of(phrases, "|"))
    return " & ".join(concept_queries)


class TokensMatch(Func):
    """PostgreSQL: the token column's vector (TOKENS_SQL) matches this tsquery
    (concepts_tsquery), given as text."""

    output_field = BooleanField()

    def __init__(self, field: str, tsquery: str):
        super().__init__(F(field), Value(tsquery))

    def as_sql(self, compiler, connection, **extra):
        column, column_params = compiler.compile(self.source_expressions[0])
        query, query_params = compiler.compile(self.source_expressions[1])
        vector = TOKENS_SQL.format(column=column)
        return f"{vector} @@ ({query})::tsquery", [*column_params, *query_params]


def search_condition(field: str, concepts: list[Concept]):
    """Every concept matched in this token column: on PostgreSQL through the
    index of its tokens, elsewhere by LIKE (concepts_condition)."""
    if connection.vendor == "postgresql":
        return TokensMatch(field, concepts_tsquery(concepts))
    return concepts_condition(field, concepts)


# Ranks: the higher, the earlier in the results.
EXACT_NAME = 6
EXACT_SYNONYM = 5  # in the page's language
EXACT_SYNONYM_OTHER_LANGUAGE = 4
NAME_START = 3
SYNONYM_START = 2
NAME_WORDS = 1
ELSEWHERE = 0
LANGUAGES = ("nl", "en")


def _named(names: set[str], languages=LANGUAGES, *, exact: bool) -> Q:
    lookup = "" if exact else "__startswith"
    condition = Q()
    for name in names:
        for language in languages:
            condition |= Q(**{f"sort_name_{language}{lookup}": name})
    return condition


def _rank(concepts: list[Concept], language: str):
    """The name as typed, then a synonym's (the page's language first); a name
    that starts with the query, then with a synonym; every concept in the
    programme's or study's name; then the rest (institution, place,
    specialisation)."""
    typed = {" ".join(" ".join(concept.phrases[0]) for concept in concepts)}
    synonyms = set()
    if len(concepts) == 1:
        synonyms = {" ".join(phrase) for phrase in concepts[0].phrases[1:]} - typed
    other = tuple(code for code in LANGUAGES if code != language)
    ranks = [
        (_named(typed, exact=True), EXACT_NAME),
        (_named(synonyms, (language,), exact=True), EXACT_SYNONYM),
        (_named(synonyms, other, exact=True), EXACT_SYNONYM_OTHER_LANGUAGE),
        (_named(typed, exact=False), NAME_START),
        (_named(synonyms, exact=False), SYNONYM_START),
        (concepts_condition("name_text", concepts), NAME_WORDS),
    ]
    return Case(
        *(When(condition, then=Value(rank)) for condition, rank in ranks if condition),
        default=Value(ELSEWHERE),
        output_field=IntegerField(),
    )


# Up to this many matches are found first, then the facets and the page are
# counted and read among their ids (see _matching).
MAX_MATCHED_IDS = 25_000
# "Among these ids", with the ids as one parameter (a JSON array).
_AMONG_IDS = '"{table}"."programme_id" IN (SELECT value FROM json_each(%s))'


def _matching(summaries, condition):
    """The summaries meeting the search condition.

    PostgreSQL: the condition (TokensMatch) as it is, in every query of the
    listing: each looks the matches up in the tokens' index (a bitmap of the
    matching rows, then only their pages read).

    SQLite, which has no such index, reads the matches first, by themselves,
    once; then every query of the listing (facet counts, page) filters by their
    ids, one parameter, instead of scanning the LIKEs again (206,747 programmes:
    0.75-1.1 s a page before, 0.24-0.39 s after). A search matching more than
    MAX_MATCHED_IDS (a letter or two) keeps the condition in every query. The
    set is the same either way.
    """
    if connection.vendor != "sqlite":
        return summaries.filter(condition)
    ids = list(
        summaries.filter(condition).values_list("pk", flat=True)[: MAX_MATCHED_IDS + 1]
    )
    if len(ids) > MAX_MATCHED_IDS:
        return summaries.filter(condition)
    table = summaries.model._meta.db_table
    among = RawSQL(
        _AMONG_IDS.format(table=table), (json.dumps(ids),), output_field=BooleanField()
    )
    return summaries.filter(among)


def search_programmes(summaries, concepts: list[Concept], language: str = "nl"):
    """Programme summaries matching every concept, with a rank (search_rank)
    for a page in this language ("nl" or "en")."""
    condition = search_condition("search_text", concepts)
    return _matching(summaries, condition).annotate(
        search_rank=_rank(concepts, language)
    )

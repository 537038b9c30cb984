"""Free-text search over programme names: one rule for folding text, one per database.

Text is folded (lower case, accents removed) both when it is stored in
ProgrammeSummary.search_text and when a visitor types it, so "geneeskunde" finds
"Geneeskunde" and "ecole" finds "École". PostgreSQL adds ranked full-text search
with the Dutch and English configurations (stemming: "economie" finds
"economische") on top of the substring match; SQLite matches every word as a
substring and ranks name matches first.
"""

import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
_NOT_A_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Lower case without accents or punctuation: "Bèta-Gamma" → "beta gamma"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_A_WORD.sub(" ", bare.casefold()).split())


def search_words(query: str) -> list[str]:
    """The words of a visitor's query, folded and bounded in number and length."""
    return fold(query[:MAX_QUERY_LENGTH]).split()[:MAX_WORDS]


def search_vector():
    """The stored PostgreSQL vector: names in Dutch and in English configuration."""
    return SearchVector("search_text", config="dutch") + SearchVector(
        "search_text", config="english"
    )


def _full_text_query(words: list[str]):
    text = " ".join(words)
    return SearchQuery(text, config="dutch", search_type="plain") | SearchQuery(
        text, config="english", search_type="plain"
    )


def search_programmes(summaries, words: list[str]):
    """Programme summaries matching every word (or, on PostgreSQL, its stem),
    with a rank."""
    every_word = Q()
    for word in words:
        every_word &= Q(search_text__contains=word)
    name_match = Case(
        When(search_text__startswith=" ".join(words), then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
    if connection.vendor == "postgresql":
        query = _full_text_query(words)
        return summaries.filter(every_word | Q(search_vector=query)).annotate(
            search_rank=SearchRank(F("search_vector"), query) + name_match
        )
    return summaries.filter(every_word).annotate(search_rank=name_match)

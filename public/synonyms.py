"""A query's words as concepts: each word, or a phrase of up to three words
named in a synonym group (programmes.SynonymGroup), with the phrases that mean
the same.

The groups expand the query, not the index: a group edited in the admin applies
to the next search, without rebuilding any summary.
"""

from django.conf import settings

from programmes.models import SynonymGroup

from .caching import cached_until_content_changes
from .search import Concept, fold, word_stems

MAX_PHRASE_WORDS = 3
MAX_SYNONYMS = 12  # phrases per concept: bounds the size of the SQL condition


def _phrase_keys(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The phrase as typed and as stemmed in each language: "verpleegkundige"
    finds the group of "verpleegkunde"."""
    stems = [word_stems(word) for word in words]
    return {words, *(tuple(pair[language] for pair in stems) for language in (0, 1))}


def _synonym_index() -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """{phrase key: the phrases of its groups}, for every group in use."""
    index: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for terms in SynonymGroup.objects.filter(is_active=True).values_list(
        "terms", flat=True
    ):
        group = SynonymGroup(terms=terms)
        phrases = [tuple(fold(term).split()) for term in group.term_list()]
        phrases = [phrase for phrase in phrases if phrase]
        for phrase in phrases:
            for key in _phrase_keys(phrase):
                known = index.setdefault(key, [])
                known += [p for p in phrases if p not in known]
    return {key: tuple(phrases) for key, phrases in index.items()}


def synonym_index():
    return cached_until_content_changes(
        "search-synonyms", (), _synonym_index, settings.FACET_CACHE_SECONDS
    )


def query_concepts(words: list[str]) -> list[Concept]:
    """The concepts of these query words (folded), longest synonym phrase first.
    The last word may still be being typed: it also matches as a prefix."""
    index = synonym_index() if words else {}
    concepts, start = [], 0
    while start < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - start), 0, -1):
            typed = tuple(words[start : start + size])
            synonyms = next(
                (index[key] for key in _phrase_keys(typed) if key in index), None
            )
            if synonyms or size == 1:
                break
        others = [p for p in (synonyms or ()) if p != typed][:MAX_SYNONYMS]
        start += size
        concepts.append(
            Concept(
                phrases=(typed, *others),
                typed_last=start == len(words),
            )
        )
    return concepts

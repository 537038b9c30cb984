""" "Did you mean: psychologie?" for a query with few or no results.

A word of the query that the catalogue does not know (not one of its words, nor
a word's stem, nor, for the last word, the start of one) is replaced by the
catalogue's closest word (difflib's ratio, at least CLOSE_ENOUGH; among equals
the most used). The vocabulary is the words of the programmes', studies',
institutions' and places' names, the same on every database, counted when the
catalogue's facets are (stored in CatalogueCounts) and read from there.
"""

import difflib
from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict

from programmes.models import Institution, Municipality, Study
from public.models import CatalogueCounts, ProgrammeSummary

from .caching import cached_until_content_changes
from .search import fold, word_stems
from .understanding import UnderstoodQuery

# Suggest another spelling when fewer programmes than this match.
SUGGEST_BELOW = 3
CLOSE_ENOUGH = 0.75
MIN_WORD_LENGTH = 4  # shorter words are abbreviations (ict, ad) or fine as typed


@dataclass(frozen=True)
class Suggestion:
    text: str
    url: str


def count_vocabulary() -> dict[str, int]:
    """{word: in how many distinct names it occurs} over the catalogue's names.
    Distinct names are read (the database drops the repeats: 206,747 programmes
    have about 2,600 names). About 180 ms at that size: stored with the
    catalogue's counts (public.facets.catalogue_counts_refresh)."""
    names = set()
    listed = ProgrammeSummary.objects.listed()
    for pair in listed.values_list("sort_name_nl", "sort_name_en").distinct():
        names |= set(pair)
    for model in (Study, Institution, Municipality):
        for pair in model.objects.values_list("name_nl", "name_en").distinct():
            names |= {fold(name) for name in pair if name}
    counts: dict[str, int] = {}
    for name in names:
        for word in set(name.split()):
            counts[word] = counts.get(word, 0) + 1
    return counts


def vocabulary() -> dict[str, int]:
    """The stored vocabulary (one small query); counted now while the
    catalogue is being counted again after an edit."""
    stored = CatalogueCounts.objects.values_list("vocabulary", flat=True).first()
    if stored:
        return stored
    return cached_until_content_changes(
        "search-vocabulary", (), count_vocabulary, settings.FACET_CACHE_SECONDS
    )


def _known(word: str, words: dict[str, int], stems: set[str], last: bool) -> bool:
    if word in words or len(word) < MIN_WORD_LENGTH or word.isdigit():
        return True
    if stems & set(word_stems(word)):
        return True
    return last and any(known.startswith(word) for known in words)


def closest_word(word: str, words: dict[str, int]) -> str | None:
    candidates = [w for w in words if abs(len(w) - len(word)) <= 2]
    matcher = difflib.SequenceMatcher(b=word)
    best, best_key = None, (CLOSE_ENOUGH, 0)
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() < CLOSE_ENOUGH:
            continue
        if matcher.quick_ratio() < CLOSE_ENOUGH:
            continue
        key = (round(matcher.ratio(), 2), words[candidate])
        if key >= best_key:
            best, best_key = candidate, key
    return best


def suggestion_for(
    understood: UnderstoodQuery, params: QueryDict, count: int
) -> Suggestion | None:
    """Another spelling of the searched words, when few programmes match."""
    if count >= SUGGEST_BELOW:
        return None
    words = vocabulary()
    stems = {stem for word in words for stem in word_stems(word)}
    corrected, changed = [], False
    searched = understood.words
    for position, word in enumerate(searched):
        last = position == len(searched) - 1
        better = None if _known(word, words, stems, last) else closest_word(word, words)
        corrected.append(better or word)
        changed |= better is not None
    if not changed:
        return None
    replacements = dict(zip(searched, corrected, strict=True))
    query = " ".join(replacements.get(w, w) for w in understood.all_words)
    kept = params.copy()
    kept.pop("page", None)
    kept["q"] = query
    return Suggestion(text=" ".join(corrected), url=f"?{kept.urlencode()}")

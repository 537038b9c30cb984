"""Type-ahead suggestions for the search box: the studies, institutions and
cities whose name, in the page's language, matches what is being typed.

A name is folded and tokenised as the listing's search indexes a programme
(`public.search.index_text`), and a typed word matches it as it matches a
programme (`public.search.word_patterns`: by its stems, the word being typed
also by a token's start), so "économie" and "economie" suggest the same names
and the listing a suggestion leads to finds what it promised. Only studies,
institutions and cities with published programmes are suggested, each leading
to the listing: a study's name searched, an institution or city as its filter.

The names are read once per content generation and language (a few thousand,
matched in Python on every database alike); each answer is kept briefly under
the folded typed text, in the same generation (`public.caching`), so an edit or
an import is seen by the next keystroke.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from programmes.models import Programme

from .caching import cached_until_content_changes
from .search import MAX_QUERY_LENGTH, fold, index_text, search_words, word_patterns
from .understanding import city_index

MIN_TYPED_LENGTH = 2  # one letter matches half the catalogue: no help
MAX_SUGGESTIONS = 8

STUDY, INSTITUTION, CITY = "study", "institution", "city"
GROUP_LABELS = {
    STUDY: _("Studies"),
    INSTITUTION: _("Institutions"),
    CITY: _("Cities"),
}

# How well a name matches, best first.
NAME_IS = 0  # "economie" → "Economie"
NAME_STARTS = 1  # "psych" → "Psychologie"
WORD_STARTS = 2  # "psych" → "Toegepaste psychologie"
WORDS_MATCH = 3  # "law econ" → "Law and Economics"


@dataclass(frozen=True)
class Name:
    """A suggestible name: what it shows, what finds it (folded names, each
    with its index tokens) and the listing's parameter it leads to."""

    kind: str
    text: str
    keys: tuple[tuple[str, str], ...]  # (folded name, index_text of it)
    programmes: int  # published: the more, the earlier among equal matches
    parameter: tuple[str, str]


@dataclass(frozen=True)
class Suggestion:
    text: str
    url: str
    position: int  # among all the answer's suggestions, for the options' ids


@dataclass(frozen=True)
class SuggestionGroup:
    kind: str
    label: str
    suggestions: list[Suggestion]


def _in_language(language: str, dutch: str | None, english: str | None) -> str:
    """The name in the page's language; English falls back to Dutch."""
    if language == "en" and english:
        return english
    return dutch or english or ""


def _name(kind, text, found_by: Iterable[str], programmes, parameter) -> Name:
    folded = dict.fromkeys(fold(name) for name in (text, *found_by) if name)
    keys = tuple((name, index_text([name])) for name in folded if name)
    return Name(kind, text, keys, programmes, parameter)


def _studies(language: str) -> list[Name]:
    """A name per distinct study name: one name may be several studies (its
    levels), which the listing's search shows together."""
    counts: dict[str, int] = {}
    rows = (
        Programme.objects.published()
        .order_by()
        .values_list("study__name_nl", "study__name_en")
        .annotate(programmes=Count("pk"))
    )
    for dutch, english, programmes in rows:
        text = _in_language(language, dutch, english)
        counts[text] = counts.get(text, 0) + programmes
    return [
        _name(STUDY, text, (), programmes, ("q", text))
        for text, programmes in counts.items()
        if text
    ]


def _institutions(language: str) -> list[Name]:
    """Found by their name and short name ("UvA") in the page's language."""
    rows = (
        Programme.objects.published()
        .order_by()
        .values_list(
            "institution__slug",
            "institution__name_nl",
            "institution__name_en",
            "institution__short_name_nl",
            "institution__short_name_en",
        )
        .annotate(programmes=Count("pk"))
    )
    return [
        _name(
            INSTITUTION,
            _in_language(language, name_nl, name_en),
            [_in_language(language, short_nl, short_en)],
            programmes,
            ("institution", slug),
        )
        for slug, name_nl, name_en, short_nl, short_en, programmes in rows
    ]


def _cities(language: str) -> list[Name]:
    """Found by their names in either language and their everyday names (the
    places the query understanding knows: `city_index`); an everyday name is
    shown as such ("Den Haag" for ’s-Gravenhage)."""
    counts = dict(
        Programme.objects.published()
        .order_by()
        .values_list("municipality__slug")
        .annotate(programmes=Count("pk"))
    )
    shown: dict[tuple[str, str], list[str]] = {}
    for phrase, (slug, dutch, english) in city_index().items():
        if counts.get(slug):
            text = _in_language(language, dutch, english)
            shown.setdefault((slug, text), []).append(" ".join(phrase))
    return [
        _name(CITY, text, found_by, counts[slug], ("city", slug))
        for (slug, text), found_by in shown.items()
    ]


def _names(language: str) -> list[Name]:
    return [*_studies(language), *_institutions(language), *_cities(language)]


def suggestible_names(language: str) -> list[Name]:
    return cached_until_content_changes(
        "typeahead-names",
        (language,),
        lambda: _names(language),
        settings.FACET_CACHE_SECONDS,
    )


def _match(name: Name, typed: str, patterns: list[list[str]]) -> int | None:
    """How well the name matches the typed words (None: not at all)."""
    ranks = []
    for folded, tokens in name.keys:
        if folded == typed:
            ranks.append(NAME_IS)
        elif folded.startswith(typed):
            ranks.append(NAME_STARTS)
        elif f" {typed}" in f" {folded}":
            ranks.append(WORD_STARTS)
        elif all(any(pattern in tokens for pattern in word) for word in patterns):
            ranks.append(WORDS_MATCH)
    return min(ranks, default=None)


def _ranked(names: list[Name], words: list[str]) -> dict[str, list[Name]]:
    """{kind: its matching names, best first}, a place once (by its best name)."""
    typed = " ".join(words)
    last = len(words) - 1
    patterns = [
        word_patterns(word, prefix=position == last)
        for position, word in enumerate(words)
    ]
    found: dict[str, list[tuple]] = {kind: [] for kind in GROUP_LABELS}
    for name in names:
        rank = _match(name, typed, patterns)
        if rank is not None:
            found[name.kind].append((rank, -name.programmes, name.text, name))
    ranked = {}
    for kind, matches in found.items():
        parameters = set()
        ranked[kind] = []
        for *_order, name in sorted(matches, key=lambda match: match[:3]):
            if name.parameter not in parameters:
                parameters.add(name.parameter)
                ranked[kind].append(name)
    return ranked


def _shares(ranked: dict[str, list[Name]]) -> dict[str, int]:
    """How many of each kind to show: a turn each, in the groups' order, until
    MAX_SUGGESTIONS are taken or none are left, so a long list of studies
    leaves room for the institution and city that match too."""
    shares = dict.fromkeys(ranked, 0)
    taken = 0
    while taken < MAX_SUGGESTIONS:
        before = taken
        for kind, names in ranked.items():
            if taken < MAX_SUGGESTIONS and shares[kind] < len(names):
                shares[kind] += 1
                taken += 1
        if taken == before:
            break
    return shares


def _answer(language: str, words: list[str]) -> list[SuggestionGroup]:
    ranked = _ranked(suggestible_names(language), words)
    listing = reverse("programmes:programme_list")
    groups, position = [], 0
    for kind, share in _shares(ranked).items():
        suggestions = []
        for name in ranked[kind][:share]:
            url = f"{listing}?{urlencode([name.parameter])}"
            suggestions.append(Suggestion(name.text, url, position))
            position += 1
        if suggestions:
            groups.append(SuggestionGroup(kind, str(GROUP_LABELS[kind]), suggestions))
    return groups


def typed_words(typed: str) -> list[str]:
    """The words to suggest for; none for text too short or too long to be a
    name being typed."""
    if len(typed) > MAX_QUERY_LENGTH:
        return []
    words = search_words(typed)
    return words if len(" ".join(words)) >= MIN_TYPED_LENGTH else []


def suggestions_for(typed: str, *, language: str) -> list[SuggestionGroup]:
    """Up to MAX_SUGGESTIONS names matching the typed text, grouped by kind,
    in the active language ``language`` (the links are its addresses)."""
    words = typed_words(typed)
    if not words:
        return []
    return cached_until_content_changes(
        "typeahead",
        (language, words),
        lambda: _answer(language, words),
        settings.TYPEAHEAD_CACHE_SECONDS,
    )

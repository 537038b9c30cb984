"""Words of a query that name a filter: a level ("master", "hbo"), a form
("deeltijd", "part-time"), a language ("engelstalig", "English-taught") or a
city ("Den Haag", "Leiden"). They become that filter of the listing (the
criteria of `public.criteria`, so the same condition, facet and chip) and the
rest of the query is searched: "bedrijfskunde deeltijd" is Bedrijfskunde,
part-time, not programmes with "deeltijd" in their name.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from programmes.models import Form, Language, Level, Municipality

from .caching import cached_until_content_changes
from .criteria import CRITERIA
from .search import fold

MAX_PHRASE_WORDS = 3
HBO_LEVELS = frozenset(v for v in Level.values if v.startswith("HBO-"))
WO_LEVELS = frozenset(v for v in Level.values if v.startswith("WO-"))
BACHELORS = frozenset({Level.HBO_BA, Level.WO_BA})
MASTERS = frozenset({Level.HBO_MA, Level.WO_MA, Level.HBO_PM, Level.WO_PM})
ASSOCIATE = frozenset({Level.HBO_AD})
# Taught in English, wholly or in an English track beside the Dutch one.
ENGLISH_TAUGHT = frozenset({Language.ENGLISH, Language.DUTCH_AND_ENGLISH})

# {folded phrase: (filter, values, what its chip says)}. Levels named together
# narrow each other: "wo master" is a research university's master.
PHRASES = {
    **dict.fromkeys(
        [("bachelor",), ("bachelors",), ("bacheloropleiding",)],
        ("level", BACHELORS, _("Bachelor")),
    ),
    **dict.fromkeys(
        [("master",), ("masters",), ("masteropleiding",)],
        ("level", MASTERS, _("Master")),
    ),
    **dict.fromkeys(
        [("ad",), ("associate", "degree")],
        ("level", ASSOCIATE, _("Associate degree")),
    ),
    ("hbo",): ("level", HBO_LEVELS, _("University of applied sciences (hbo)")),
    ("wo",): ("level", WO_LEVELS, _("Research university (wo)")),
    **dict.fromkeys(
        [("voltijd",), ("voltijds",), ("fulltime",), ("full", "time")],
        ("form", frozenset({Form.FULL_TIME}), Form.FULL_TIME.label),
    ),
    **dict.fromkeys(
        [("deeltijd",), ("deeltijds",), ("parttime",), ("part", "time")],
        ("form", frozenset({Form.PART_TIME}), Form.PART_TIME.label),
    ),
    **dict.fromkeys(
        [("duaal",), ("duale",), ("dual",)],
        ("form", frozenset({Form.DUAL}), Form.DUAL.label),
    ),
    **dict.fromkeys(
        [
            ("engelstalig",),
            ("engelstalige",),
            ("english", "taught"),
            ("taught", "in", "english"),
        ],
        ("language", ENGLISH_TAUGHT, _("Taught in English")),
    ),
    **dict.fromkeys(
        [("nederlandstalig",), ("nederlandstalige",), ("dutch", "taught")],
        ("language", frozenset({Language.DUTCH}), _("Taught in Dutch")),
    ),
}
CRITERION_LABELS = {criterion.name: criterion.label for criterion in CRITERIA}


@dataclass(frozen=True)
class Chip:
    """A filter read from the query, shown above the results."""

    criterion: str
    words: tuple[str, ...]  # as folded from the query
    text: str
    remove_url: str

    @property
    def label(self) -> str:
        return str(CRITERION_LABELS[self.criterion])


@dataclass
class UnderstoodQuery:
    filters: dict[str, list[str]]  # {filter name: values}
    # (position in the query, words, filter, chip text)
    found: list[tuple[int, tuple[str, ...], str, str]]
    words: list[str]  # the rest: searched
    all_words: list[str]

    def applied_to(self, params: QueryDict) -> QueryDict:
        """The query string with these filters added to those chosen."""
        merged = params.copy()
        for name, values in self.filters.items():
            chosen = merged.getlist(name)
            merged.setlist(name, list(dict.fromkeys([*chosen, *values])))
        return merged

    def chips(self, params: QueryDict) -> list[Chip]:
        """A chip per filter read from the query; removing one searches the query
        without its words (the other filters stay)."""
        kept = QueryDict(mutable=True)
        for key, values in params.lists():
            if key not in ("q", "page"):
                kept.setlist(key, values)
        chips = []
        for start, words, name, text in self.found:
            without = kept.copy()
            rest = self.all_words[:start] + self.all_words[start + len(words) :]
            if rest:
                without["q"] = " ".join(rest)
            chips.append(Chip(name, words, str(text), f"?{without.urlencode()}"))
        return chips


def _cities() -> dict[tuple[str, ...], tuple[str, str, str]]:
    """{folded name: (slug, Dutch name, English name)} of the places where
    institutions teach (the only ones stored), by their official and everyday
    names (Den Haag, Den Bosch)."""
    cities = {}
    for code, slug, name_nl, name_en in Municipality.objects.values_list(
        "code", "slug", "name_nl", "name_en"
    ):
        official = (name_nl or name_en, name_en or name_nl)
        for name in (name_nl, name_en):
            if phrase := tuple(fold(name).split()):
                cities[phrase] = (slug, *official)
        # The chip says the everyday name the student typed ("Den Haag").
        for name in Municipality.common_names(code):
            cities[tuple(fold(name).split())] = (slug, name, name)
    return cities


def city_index():
    return cached_until_content_changes(
        "search-cities", (), _cities, settings.FACET_CACHE_SECONDS
    )


def _meaning(phrase: tuple[str, ...], cities) -> tuple[str, frozenset, str] | None:
    if phrase in PHRASES:
        return PHRASES[phrase]
    if phrase in cities:
        slug, name_nl, name_en = cities[phrase]
        return "city", frozenset({slug}), name_en if get_language() == "en" else name_nl
    return None


def understand(words: list[str]) -> UnderstoodQuery:
    """Split the query's words into filters and words to search."""
    cities = city_index() if words else {}
    filters: dict[str, set] = {}
    found, rest, start = [], [], 0
    while start < len(words):
        for size in range(min(MAX_PHRASE_WORDS, len(words) - start), 0, -1):
            phrase = tuple(words[start : start + size])
            if meaning := _meaning(phrase, cities):
                name, values, text = meaning
                if name == "level" and filters.get(name):
                    values = (filters[name] & values) or (filters[name] | values)
                    filters[name] = set(values)
                else:
                    filters.setdefault(name, set()).update(values)
                found.append((start, phrase, name, text))
                start += size
                break
        else:
            rest.append(words[start])
            start += 1
    return UnderstoodQuery(
        filters={name: sorted(values) for name, values in filters.items()},
        found=found,
        words=rest,
        all_words=list(words),
    )

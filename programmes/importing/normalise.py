"""How DUO writes things, and how the catalogue writes them: names, addresses,
degrees, levels, forms, funding and languages."""

import re
import unicodedata
from collections.abc import Iterable

from django.utils.text import slugify

from programmes.models import SLUG_FIELDS, Form, Language, Sector


def unique_slug(base: str, taken: set[str], *, suffix: str, max_length: int) -> str:
    slug = slugify(base)[:max_length] or slugify(suffix)
    if slug in taken:
        slug = f"{slug[: max_length - len(suffix) - 1]}-{slugify(suffix)}"
    taken.add(slug)
    return slug


def taken_slugs(model) -> dict[str, set[str]]:
    """The slugs a model's pages have, per slug field: a new page takes neither."""
    rows = model.objects.values_list(*SLUG_FIELDS.values())
    taken = {field: set() for field in SLUG_FIELDS.values()}
    for row in rows:
        for field, slug in zip(SLUG_FIELDS.values(), row, strict=True):
            taken[field].add(slug)
    return taken


def english_slug(
    english: str | None, dutch_slug: str, taken: set[str], *, max_length: int
) -> str:
    """A page's English slug: its English name's when it has one, else its Dutch
    slug; the Dutch slug (or its object's own suffix) settles a clash."""
    if not english:
        return unique_slug(dutch_slug, taken, suffix="en", max_length=max_length)
    return unique_slug(english, taken, suffix=dutch_slug[-20:], max_length=max_length)


# A part-time or dual offer says so in its address, in the address's language.
FORM_WORDS = {
    "nl": {"part_time": "deeltijd", "dual": "duaal"},
    "en": {"part_time": "part-time", "dual": "dual"},
}


def programme_slug(
    *,
    name: str,
    level: str,
    institution_name: str,
    place: str,
    form: str,
    code: str,
    taken: set[str],
    language: str = "nl",
) -> str:
    """A readable address that does not depend on import order.

    biomedical-sciences-master-universiteit-leiden; a part-time or dual offer says
    so (…-deeltijd, …-part-time), and another location adds its place before any
    codes. The English address is built the same way from the English names.
    """
    form_word = FORM_WORDS[language].get(form, "")
    level_word = LEVEL_WORDS.get(level, "")
    stem = f"{name} {level_word} {institution_name}"
    candidates = (
        f"{stem} {form_word}",
        f"{stem} {place} {form_word}",
        f"{stem} {place} {form_word} {code}",
    )
    for candidate in candidates:
        slug = slugify(candidate)[:160].strip("-")
        if slug and slug not in taken:
            taken.add(slug)
            return slug
    return unique_slug(candidates[-1], taken, suffix=str(len(taken)), max_length=160)


# The article 's (des) that begins two official names, however a file writes it:
# "S GRAVENHAGE" (DUO's addresses), "'s-Gravenhage" (RIO, the statistics).
ELIDED_ARTICLE = re.compile(r"^['’‘`]?s[- ]+(?=\w)", re.IGNORECASE)


def municipality_name(name: str) -> str:
    """The official spelling: 'LEEUWARDEN' → 'Leeuwarden', "S GRAVENHAGE" and
    "'s-Gravenhage" → "’s-Gravenhage" (CBS's list, with the typographic
    apostrophe)."""
    name = " ".join(name.split())
    if name.isupper():
        name = name.title()
    return ELIDED_ARTICLE.sub("’s-", name)


def municipality_key(name: str) -> str:
    """What two spellings of one name share: case, accents, apostrophes, hyphens
    and spaces aside ("S GRAVENHAGE" is "’s-Gravenhage"); brackets count, since
    "Hengelo (O)" is not "Hengelo"."""
    decomposed = unicodedata.normalize("NFKD", municipality_name(name).casefold())
    return "".join(c for c in decomposed if c.isalnum() or c in "()")


def website_url(address: str) -> str:
    address = address.strip()
    if not address:
        return ""
    if not re.match(r"^https?://", address, re.IGNORECASE):
        address = f"https://{address}"
    return address


def degree_title(graad: str, toevoeging: str) -> str:
    """GRAAD + GRAADTOEVOEGING → the title on the diploma, e.g. 'Master of Science'."""
    if not graad:
        return ""
    base = graad.replace("_", " ").capitalize()
    titles = []
    for part in filter(None, (p.strip() for p in toevoeging.split(","))):
        words = " ".join(
            w.lower() if w in {"OF", "AND"} else w.capitalize() for w in part.split("_")
        )
        titles.append(f"{base} {words}" if part.startswith("OF_") else words)
    return " / ".join(titles) or base


LEVEL_WORDS = {
    "HBO-AD": "associate-degree",
    "HBO-BA": "bachelor",
    "HBO-MA": "master",
    "HBO-PM": "postmaster",
    "WO-BA": "bachelor",
    "WO-MA": "master",
    "WO-PM": "postmaster",
}

FORMS = {
    "VOLTIJD": Form.FULL_TIME,
    "DEELTIJD": Form.PART_TIME,
    "DUAAL": Form.DUAL,
    # RIO leaves the form empty on some joint degrees; DUO counts those as full-time.
    "": Form.FULL_TIME,
    "voltijd onderwijs": Form.FULL_TIME,
    "deeltijd onderwijs": Form.PART_TIME,
    "duaal onderwijs": Form.DUAL,
}
FUNDING = {
    "BEKOSTIGD": "government",
    "AANGEWEZEN": "designated",
    "NIET_BEKOSTIGD": "private",
}
LANGUAGES = {
    frozenset({"NLD"}): Language.DUTCH,
    frozenset({"ENG"}): Language.ENGLISH,
    frozenset({"DEU"}): Language.GERMAN,
    frozenset({"ENG", "NLD"}): Language.DUTCH_AND_ENGLISH,
}


def language_of_instruction(codes: Iterable[str]) -> str:
    """RIO's VOERTAAL codes (ISO 639-2), over all offerings, → our Language."""
    return LANGUAGES.get(frozenset(codes), Language.OTHER)


SECTORS = set(Sector.values)

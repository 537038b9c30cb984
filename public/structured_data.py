"""schema.org structured data of a programme page (EducationalOccupationalProgram),
for search engines: built here as a dict from what the page shows; the template
writes it as a JSON data block (public.templatetags.structured_data).

Only facts the page shows as real go in: a withheld or missing figure is left
out rather than written as empty or zero, and a demo fee is left out because
JSON-LD cannot carry the page's "not real figures" label.
"""

from collections.abc import Callable
from decimal import Decimal

from figures.publication import Figure
from programmes.models import FeeKind, Form, Language

from .presenters import ProgrammePage

# schema.org's educationalProgramMode takes free text; these are its examples.
PROGRAMME_MODES = {Form.FULL_TIME: "full-time", Form.PART_TIME: "part-time"}
LANGUAGES = {
    Language.DUTCH: "nl",
    Language.ENGLISH: "en",
    Language.DUTCH_AND_ENGLISH: ["nl", "en"],
    Language.GERMAN: "de",
}
# One full-time year of study is 60 ECTS by law (WHW art. 7.4).
ECTS_PER_YEAR = 60


def programme_structured_data(
    page: ProgrammePage, *, absolute_url: Callable[[str], str]
) -> dict:
    """The EducationalOccupationalProgram of a programme page, in the active
    language. `absolute_url` turns a path into a full address (the request's
    build_absolute_uri). The provider's address is the institution's own
    website, else its page here."""
    programme = page.programme
    institution = programme.institution
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": programme.name,
        "url": absolute_url(programme.get_absolute_url()),
        "provider": {
            "@type": "CollegeOrUniversity",
            "name": institution.display_name,
            "url": institution.website or absolute_url(institution.get_absolute_url()),
        },
        "educationalCredentialAwarded": programme.degree
        or programme.study.get_level_display(),
        "educationalProgramMode": PROGRAMME_MODES.get(programme.form),
        "inLanguage": LANGUAGES.get(programme.language),
    }
    if programme.ects:
        data["numberOfCredits"] = {
            "@type": "StructuredValue",
            "value": programme.ects,
            "unitText": "ECTS",
        }
        if programme.form == Form.FULL_TIME:
            data["timeToComplete"] = full_time_duration(programme.ects)
    fees = page.key_facts.fees
    if fees:
        data["offers"] = [
            _offer(figure, kind)
            for figure, kind in (
                (fees.statutory, FeeKind.STATUTORY),
                (fees.institutional, FeeKind.INSTITUTIONAL),
            )
            if figure.is_shown and (figure.source is None or figure.source.is_real)
        ]
    return {key: value for key, value in data.items() if value not in (None, [])}


def full_time_duration(ects: int) -> str:
    """The nominal length of a full-time programme as an ISO 8601 duration:
    120 ECTS → P2Y, 90 ECTS → P18M."""
    months = Decimal(ects) * 12 / ECTS_PER_YEAR
    if months % 12 == 0:
        return f"P{int(months / 12)}Y"
    return f"P{months.quantize(Decimal(1))}M"


def _offer(fee: Figure, kind: FeeKind) -> dict:
    """A tuition fee of the latest academic year (its description)."""
    return {
        "@type": "Offer",
        "name": str(kind.label),
        "category": kind.value,
        "price": str(fee.value),
        "priceCurrency": "EUR",
        "description": str(fee.year),
    }

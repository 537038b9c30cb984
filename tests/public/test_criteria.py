"""Each listing filter as a student meets it: its facet promises a number of
programmes per option and choosing the option gives exactly that many; the
facet's heading is the filter's name wherever the page names it, in Dutch and
in English. (Filter and facet come from one declaration, public.criteria.)"""

from urllib.parse import parse_qsl, urlencode

import pytest

from public.criteria import CRITERIA, Counting
from public.models import ProgrammeSummary
from tests.programmes.factories import MunicipalityFactory, ProgrammeFactory
from tests.public.listing_pages import get_listing, notes, result_names, variants_shown

pytestmark = pytest.mark.django_db

HEADINGS = {
    "nl": {
        "level": "Niveau",
        "sector": "Sector",
        "province": "Provincie",
        "city": "Stad",
        "institution": "Instelling",
        "language": "Voertaal",
        "form": "Vorm",
        "funding": "Bekostiging",
        "ects": "Studiepunten",
        "max_fee": "Wettelijk collegegeld",
        "min_score": "Algemeen oordeel studenten",
        "specialisations": "Varianten",
        "honours": "Honours",
    },
    "en": {
        "level": "Level",
        "sector": "Sector",
        "province": "Province",
        "city": "City",
        "institution": "Institution",
        "language": "Language of instruction",
        "form": "Form",
        "funding": "Funding",
        "ects": "Study load",
        "max_fee": "Statutory fee",
        "min_score": "Overall survey score",
        "specialisations": "Specialisations",
        "honours": "Honours",
    },
}
IGNORED_NOTE = {
    "nl": "We hebben ‘nonsense’ bij {filter} genegeerd: dat is geen bekende keuze.",
    "en": "We ignored “nonsense” for {filter}: not a known option.",
}


def offered(soup) -> dict[str, dict[str, int]]:
    """{facet name: {option value: count shown}} of every facet on the page."""
    facets = {}
    for fieldset in soup.select("fieldset.facet"):
        counts = facets[fieldset["id"].removeprefix("facet-")] = {}
        for option in fieldset.select(".facet__option"):
            count = option.select_one(".facet__count")
            if count is not None:  # not "Any"
                shown = count.get_text().strip("()").replace(".", "")
                counts[option.select_one("input")["value"]] = int(shown)
    return facets


def heading(soup, name) -> str:
    return soup.select_one(f"#facet-{name} legend").get_text(strip=True)


def choosing(query: str, name: str, value: str) -> str:
    """The query string once this option is chosen instead of the facet's own
    selection: a facet counts its options without that selection."""
    kept = [(key, v) for key, v in parse_qsl(query) if key != name]
    return urlencode([*kept, (name, value)])


@pytest.mark.parametrize(
    "query",
    [
        "",  # the stored counts of the whole catalogue
        "q=bedrijf",
        "province=Groningen&province=Zuid-Holland&max_fee=10000",
        "city=leiden&min_score=3.5&language=nl",
    ],
)
def test_choosing_an_option_gives_as_many_programmes_as_its_facet_shows(
    client, catalogue, query
):
    facets = offered(get_listing(client, query))
    for name, counts in facets.items():
        for value, count in counts.items():
            chosen = get_listing(client, choosing(query, name, value))
            assert variants_shown(chosen) == count, (query, name, value)


def test_every_filter_offers_its_options_on_the_unfiltered_listing(client, catalogue):
    facets = offered(get_listing(client))
    assert list(facets) == [criterion.name for criterion in CRITERIA]
    assert all(facets.values())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_facet_is_headed_by_its_filters_label(client, catalogue, language):
    soup = get_listing(client, language=language)
    shown = {name: heading(soup, name) for name in HEADINGS[language]}
    assert shown == HEADINGS[language]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_note_about_a_filter_names_it_as_its_facet_heading_does(
    client, catalogue, language
):
    for criterion in CRITERIA:
        if criterion.counting is Counting.OBJECT:
            continue  # an unknown slug is no note: it matches no programme
        soup = get_listing(client, f"{criterion.name}=nonsense", language=language)
        note = IGNORED_NOTE[language].format(filter=heading(soup, criterion.name))
        assert notes(soup) == note


def test_every_filter_reads_a_column_of_the_summary():
    for criterion in CRITERIA:
        assert ProgrammeSummary._meta.get_field(criterion.column)


def test_two_chosen_cities_give_the_programmes_of_both(client):
    for city in ("Leiden", "Delft", "Gouda"):
        place = MunicipalityFactory(name_nl=city, slug=city.lower())
        ProgrammeFactory(
            name_nl=f"Opleiding in {city}",
            municipality=place,
            institution__municipality=place,
        )
    soup = get_listing(client, "city=leiden&city=delft")
    assert sorted(result_names(soup)) == ["Opleiding in Delft", "Opleiding in Leiden"]
    ticked = [box["value"] for box in soup.select("#facet-city input[checked]")]
    assert sorted(ticked) == ["delft", "leiden"]

"""The programme listing as a student uses it: search, filters, sorting, pages."""

import pytest

from programmes.models import Level
from tests.programmes.factories import (
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.listing_pages import (
    get_listing,
    listing_url,
    result_names,
)

pytestmark = pytest.mark.django_db


ALL = {
    "Geneeskunde",
    "Biomedical Sciences",
    "Économie en Bedrijf",
    "Bedrijfskunde",
}


def test_lists_published_programmes_only(client, catalogue):
    soup = get_listing(client)
    assert set(result_names(soup)) == ALL
    assert soup.find(id="results-title").get_text(strip=True) == "4 opleidingen"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=geneeskunde", {"Geneeskunde"}),
        ("q=GENEESKUNDE", {"Geneeskunde"}),
        ("q=medicine", {"Geneeskunde"}),  # the English name, on the Dutch page
        ("q=economie", {"Économie en Bedrijf"}),  # accents don't matter
        ("q=Économie", {"Économie en Bedrijf"}),
        ("q=groningen", {"Économie en Bedrijf", "Bedrijfskunde"}),  # city
        ("q=hanze", {"Économie en Bedrijf", "Bedrijfskunde"}),  # institution
        ("q=neuroscience", {"Biomedical Sciences"}),  # specialisation
        ("q=leiden+biomedical", {"Biomedical Sciences"}),  # every word
        ("q=zzzqqq", set()),
    ],
)
def test_search_over_names_in_both_languages(client, catalogue, query, expected):
    assert set(result_names(get_listing(client, query))) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=den+haag", {"Rechten"}),
        ("q=the+hague", {"Rechten"}),
        ("q=%27s-Gravenhage", {"Rechten"}),
        ("q=gravenhage", {"Rechten"}),
        ("q=den+bosch", {"Verpleegkunde"}),
        ("q=hertogenbosch", {"Verpleegkunde"}),
        ("q=den", {"Rechten", "Verpleegkunde"}),
        ("q=haag+verpleegkunde", set()),
    ],
)
def test_search_finds_cities_by_their_common_names(client, query, expected):
    """The Hague and 's-Hertogenbosch are stored under their official names;
    students type Den Haag and Den Bosch."""
    for code, name, study in (
        ("0518", "’s-Gravenhage", "Rechten"),
        ("0796", "’s-Hertogenbosch", "Verpleegkunde"),
    ):
        ProgrammeFactory(
            study=StudyFactory(name_nl=study, name_en=study),
            institution__municipality=MunicipalityFactory(
                code=code, name_nl=name, name_en=name
            ),
        )
    assert set(result_names(get_listing(client, query))) == expected


def test_search_ranks_names_that_start_with_the_query_first(client, catalogue):
    soup = get_listing(client, "q=bedrijf")
    assert result_names(soup) == ["Bedrijfskunde", "Économie en Bedrijf"]
    selected = soup.select_one("#sort-order option[selected]")
    assert selected.get_text() == "Relevantie"
    assert soup.select_one("#search-query")["value"] == "bedrijf"


def test_a_new_search_from_the_page_without_one_is_ranked_by_relevance(
    client, catalogue
):
    """The form sends the sort menu with the search box: the default order it
    showed (name) is sent as no value, so the new search is ranked, not sorted
    by name; an order chosen on purpose is kept."""

    def chosen_order(query):
        option = get_listing(client, query).select_one("#sort-order option[selected]")
        return option.get_text(), option["value"]

    assert chosen_order("") == ("Naam", "")
    assert chosen_order("q=bedrijf&sort=") == ("Relevantie", "")
    assert chosen_order("q=bedrijf&sort=name") == ("Naam", "name")
    assert chosen_order("q=bedrijf&sort=students") == (
        "Aantal studenten",
        "students",
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("level=WO-BA", {"Geneeskunde"}),
        ("level=WO-BA&level=WO-MA", {"Geneeskunde", "Biomedical Sciences"}),
        ("sector=ECONOMIE", {"Économie en Bedrijf"}),
        ("province=Groningen", {"Économie en Bedrijf", "Bedrijfskunde"}),
        ("city=leiden", {"Geneeskunde", "Biomedical Sciences"}),
        ("institution=hanzehogeschool", {"Économie en Bedrijf", "Bedrijfskunde"}),
        ("language=en", {"Biomedical Sciences"}),
        ("form=part_time", {"Économie en Bedrijf"}),
        ("funding=private", {"Bedrijfskunde"}),
        ("ects=240", {"Économie en Bedrijf"}),
        ("max_fee=5000", {"Biomedical Sciences"}),
        ("max_fee=10000", {"Biomedical Sciences", "Bedrijfskunde"}),
        ("min_score=4.0", {"Geneeskunde"}),  # 4.9 of economics is withheld
        ("min_score=3.5", {"Geneeskunde", "Biomedical Sciences"}),
        ("specialisations=yes", {"Biomedical Sciences"}),
        ("honours=yes", {"Geneeskunde"}),
        ("city=leiden&language=nl", {"Geneeskunde"}),
    ],
)
def test_each_filter(client, catalogue, query, expected):
    assert set(result_names(get_listing(client, query))) == expected


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        # Accents don't move a name: É sorts with the E's on every database.
        (
            "name",
            [
                "Bedrijfskunde",
                "Biomedical Sciences",
                "Économie en Bedrijf",
                "Geneeskunde",
            ],
        ),
        # Programmes without the figure come last, in name order.
        (
            "students",
            [
                "Geneeskunde",
                "Économie en Bedrijf",
                "Biomedical Sciences",
                "Bedrijfskunde",
            ],
        ),
        (
            "score",
            [
                "Geneeskunde",
                "Biomedical Sciences",
                "Bedrijfskunde",
                "Économie en Bedrijf",
            ],
        ),
        (
            "salary",
            [
                "Biomedical Sciences",
                "Économie en Bedrijf",
                "Bedrijfskunde",
                "Geneeskunde",
            ],
        ),
    ],
)
def test_sorting(client, catalogue, sort, expected):
    assert result_names(get_listing(client, f"sort={sort}")) == expected


def test_english_page_uses_english_names_and_keeps_the_query(
    client, catalogue, english
):
    soup = get_listing(client, "q=geneeskunde", language="en")
    assert result_names(soup) == ["Medicine"]
    dutch = soup.select_one('.language-switcher a[hreflang="nl"]')["href"]
    assert dutch == f"{listing_url('nl')}?q=geneeskunde"


def test_pagination_keeps_the_filters(client, catalogue):
    study = StudyFactory(name_nl="Rechten", name_en="Law", level=Level.WO_BA)
    for number in range(25):
        ProgrammeFactory(study=study, slug=f"rechten-{number}")
    soup = get_listing(client, "q=rechten")
    assert len(result_names(soup)) == 20
    next_link = soup.select_one('.pagination a[rel="next"]')["href"]
    assert "q=rechten" in next_link and "page=2" in next_link
    second = get_listing(client, next_link.lstrip("?"))
    assert len(result_names(second)) == 5


def test_listing_declares_its_canonical_address(client, catalogue):
    soup = get_listing(client, "q=bio&page=1")
    assert soup.find("link", rel="canonical")["href"] == (
        f"http://testserver{listing_url()}"
    )

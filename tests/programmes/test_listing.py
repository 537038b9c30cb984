"""The programme listing as a student uses it: search, filters, facets, sorting."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from programmes.models import Form, Funding, Language, Level, Programme, Sector
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    HonoursProgrammeFactory,
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def listing_url(language="nl"):
    with translation.override(language):
        return reverse("programmes:programme_list")


def get_listing(client, query="", language="nl"):
    response = client.get(f"{listing_url(language)}?{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_names(soup):
    return [h.get_text(" ", strip=True) for h in soup.select(".result__name")]


def facet_options(soup, name):
    """{option label: count} as printed in a facet."""
    options = {}
    for label in soup.select(f"#facet-{name} label"):
        count = label.select_one(".facet__count")
        if count is None:
            continue
        text = label.get_text(" ", strip=True).replace(count.get_text(), "").strip()
        options[text] = int(count.get_text().strip("()").replace(".", ""))
    return options


def notes(soup):
    return " ".join(li.get_text(" ", strip=True) for li in soup.select(".notes li"))


@pytest.fixture
def catalogue():
    leiden = MunicipalityFactory(
        name_nl="Leiden", slug="leiden", province="Zuid-Holland"
    )
    groningen = MunicipalityFactory(
        name_nl="Groningen", slug="groningen", province="Groningen"
    )
    university = InstitutionFactory(
        name_nl="Universiteit Leiden",
        name_en="Leiden University",
        slug="universiteit-leiden",
        municipality=leiden,
    )
    hanze = InstitutionFactory(
        name_nl="Hanzehogeschool Groningen",
        name_en="Hanze University of Applied Sciences",
        slug="hanzehogeschool",
        municipality=groningen,
    )
    medicine = ProgrammeFactory(
        study=StudyFactory(
            name_nl="Geneeskunde",
            name_en="Medicine",
            level=Level.WO_BA,
            sector=Sector.HEALTH_CARE,
        ),
        institution=university,
        slug="geneeskunde-leiden",
        language=Language.DUTCH,
        ects=180,
    )
    biomedical = ProgrammeFactory(
        study=StudyFactory(
            name_nl="Biomedical Sciences",
            name_en="Biomedical Sciences",
            level=Level.WO_MA,
            sector=Sector.HEALTH_CARE,
        ),
        institution=university,
        slug="biomedical-sciences-leiden",
        language=Language.ENGLISH,
        ects=120,
    )
    economics = ProgrammeFactory(
        study=StudyFactory(
            name_nl="Économie en Bedrijf",
            name_en="Economics and Business",
            level=Level.HBO_BA,
            sector=Sector.ECONOMY,
        ),
        institution=hanze,
        slug="economie-hanze",
        language=Language.DUTCH,
        form=Form.PART_TIME,
        funding=Funding.GOVERNMENT,
        ects=240,
    )
    private = ProgrammeFactory(
        study=StudyFactory(
            name_nl="Bedrijfskunde",
            name_en="Business Administration",
            level=Level.HBO_MA,
        ),
        institution=hanze,
        slug="bedrijfskunde-hanze",
        language=Language.DUTCH_AND_ENGLISH,
        funding=Funding.PRIVATE,
        ects=60,
    )
    ProgrammeFactory(slug="hidden", name_nl="Verborgen opleiding", is_published=False)
    SpecialisationFactory(
        programme=biomedical, name_nl="Neurowetenschap", name_en="Neuroscience"
    )
    HonoursProgrammeFactory(programme=medicine)
    TuitionFeeFactory(programme=biomedical, amount=2601)
    TuitionFeeFactory(programme=private, amount=9000)
    EnrolmentFactory(programme=medicine, students=2100)
    EnrolmentFactory(programme=biomedical, students=312)
    EnrolmentFactory(programme=economics, students=800)
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    ProgrammeScoreFactory(programme=medicine, aspect=overall, mean="4.20")
    ProgrammeScoreFactory(programme=biomedical, aspect=overall, mean="3.90")
    # Too few respondents: the score is withheld, so it can't be filtered on.
    ProgrammeScoreFactory(
        programme=economics, aspect=overall, mean="4.90", respondents=3
    )
    CareerFigureFactory(outcome__study=economics.study, value=2500)
    CareerFigureFactory(outcome__study=biomedical.study, value=2909)
    return {
        "medicine": medicine,
        "biomedical": biomedical,
        "economics": economics,
        "private": private,
    }


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


def test_search_ranks_names_that_start_with_the_query_first(client, catalogue):
    soup = get_listing(client, "q=bedrijf")
    assert result_names(soup) == ["Bedrijfskunde", "Économie en Bedrijf"]
    assert soup.select_one("#sort-order option[selected]")["value"] == "relevance"
    assert soup.select_one("#search-query")["value"] == "bedrijf"


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


def test_facets_count_with_the_other_filters_and_hide_empty_options(client, catalogue):
    soup = get_listing(client, "city=leiden")
    # The level facet ignores its own filter, but applies the city filter.
    assert facet_options(soup, "level") == {
        "Bachelor (wo)": 1,
        "Master (wo)": 1,
    }
    # The city facet ignores the city filter: both cities stay on offer.
    assert facet_options(soup, "city") == {"Groningen": 2, "Leiden": 2}
    assert facet_options(soup, "language") == {"Nederlands": 1, "Engels": 1}
    assert soup.select_one('#facet-city input[value="leiden"]').has_attr("checked")


def test_threshold_facets_count_each_option(client, catalogue):
    soup = get_listing(client)
    assert facet_options(soup, "min_score") == {
        "3,0 of hoger": 2,
        "3,5 of hoger": 2,
        "4,0 of hoger": 1,
    }
    assert facet_options(soup, "max_fee") == {
        f"hoogstens €{NBSP}2.601": 1,
        f"hoogstens €{NBSP}5.000": 1,
        f"hoogstens €{NBSP}10.000": 2,
        f"hoogstens €{NBSP}20.000": 2,
    }


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


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("page=999", "Er is geen pagina 999; dit is de laatste pagina."),
        ("page=abc", "‘abc’ is geen paginanummer; dit is pagina 1."),
        ("page=-1", "‘-1’ is geen paginanummer; dit is pagina 1."),
        # Superscript, Arabic-Indic and full-width digits pass str.isdigit().
        ("page=%C2%B2", "‘²’ is geen paginanummer; dit is pagina 1."),
        ("page=%D9%A1%D9%A2", "‘١٢’ is geen paginanummer; dit is pagina 1."),
        ("page=%EF%BC%91%EF%BC%92", "‘１２’ is geen paginanummer; dit is pagina 1."),
        ("level=PHD", "We hebben ‘PHD’ bij Niveau genegeerd"),
        ("sort=cheapest", "Onbekende sortering; gesorteerd op naam."),
        ("q=%21%21%21", "Uw zoekopdracht bevat geen letters of cijfers"),
    ],
)
def test_bad_input_gives_a_normal_page_with_a_note(client, catalogue, query, note):
    soup = get_listing(client, query)
    assert note in notes(soup)
    assert result_names(soup)  # the page still lists programmes


def test_unknown_value_is_dropped_but_known_values_still_filter(client, catalogue):
    soup = get_listing(client, "level=WO-BA&level=nonsense")
    assert result_names(soup) == ["Geneeskunde"]
    assert "nonsense" in notes(soup)


@pytest.mark.parametrize(
    "query",
    [
        "q=" + "a" * 5000,
        "q=%00%00",
        "q=%F0%9F%8E%93+%E2%80%AE",
        "ects=abc&max_fee=-1&min_score=9&city=" + "x" * 300,
        "page=" + "9" * 40,
        "institution=%00",
    ],
)
def test_hostile_query_strings_never_fail(client, catalogue, query):
    response = client.get(f"{listing_url()}?{query}")
    assert response.status_code == 200


def test_no_javascript_needed_the_filters_are_a_get_form(client, catalogue):
    soup = get_listing(client)
    form = soup.find(id="listing-form")
    assert form["method"] == "get"
    assert form.find("button", type="submit")
    assert form.find("input", attrs={"name": "q"})


def _queries_for_listing(client, query=""):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{listing_url()}?{query}").status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "q=studie&level=WO-MA&language=en&sort=score"])
def test_query_count_does_not_grow_with_the_data(
    client, catalogue, query, django_assert_max_num_queries
):
    # Each with its own source, as imported programmes cite theirs.
    for number in range(3):
        ProgrammeFactory(slug=f"first-{number}", source=DataSourceFactory())
    few = _queries_for_listing(client, query)
    for number in range(30):
        programme = ProgrammeFactory(slug=f"extra-{number}", source=DataSourceFactory())
        SpecialisationFactory(programme=programme)
        EnrolmentFactory(programme=programme)
    assert _queries_for_listing(client, query) == few
    # Search and two filters: the shared counts, one per selected facet, two per
    # city and institution facet, the page's summaries and their programmes.
    with django_assert_max_num_queries(9):
        client.get(f"{listing_url()}?{query}")


def test_listing_declares_its_canonical_address(client, catalogue):
    soup = get_listing(client, "q=bio&page=1")
    assert soup.find("link", rel="canonical")["href"] == (
        f"http://testserver{listing_url()}"
    )


def test_long_institution_facet_offers_the_biggest_and_the_selected(client):
    big = InstitutionFactory(name_nl="Grote Hogeschool", slug="grote-hogeschool")
    ProgrammeFactory.create_batch(3, institution=big)
    for number in range(31):
        ProgrammeFactory(
            institution=InstitutionFactory(
                name_nl=f"Hogeschool {number:02d}", slug=f"hogeschool-{number:02d}"
            )
        )

    soup = get_listing(client)
    offered = facet_options(soup, "institution")
    assert len(offered) == 30
    assert offered["Grote Hogeschool"] == 3
    assert "Hogeschool 30" not in offered  # ties: the first created stay
    assert (
        "Typ een naam in het zoekveld"
        in soup.select_one("#facet-institution .facet__more").get_text()
    )

    soup = get_listing(client, "institution=hogeschool-30")
    offered = facet_options(soup, "institution")
    assert offered["Hogeschool 30"] == 1
    assert soup.select_one('#facet-institution input[value="hogeschool-30"]').has_attr(
        "checked"
    )
    assert result_names(soup) == [
        Programme.objects.get(institution__slug="hogeschool-30").name_nl
    ]

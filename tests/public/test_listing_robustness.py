"""The listing under bad and hostile input, without JavaScript, in few queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    SpecialisationFactory,
)
from tests.public.listing_pages import (
    get_listing,
    listing_url,
    notes,
    result_names,
)

pytestmark = pytest.mark.django_db


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
        ("q=%21%21%21", "Je zoekopdracht bevat geen letters of cijfers"),
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
    # city and institution facet, the page's groups (public.variants), their
    # matching variants' summaries, their programmes and the sources they and
    # their figures cite (always read: every programme cites
    # one); sorted by score, a page past the last shown
    # score also counts those and reads the rest by name (public.listing). A
    # search reads the synonyms and the places its words may name (cached in
    # production, read here: FACET_CACHE_SECONDS is 0 in tests), and on SQLite
    # its matches' ids first (public.search._matching).
    with django_assert_max_num_queries(18):
        client.get(f"{listing_url()}?{query}")

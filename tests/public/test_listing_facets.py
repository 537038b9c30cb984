"""The listing's facets: counts under the other filters, thresholds, long lists."""

import pytest

from programmes.models import Programme
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    SpecialisationFactory,
)
from tests.public.listing_pages import (
    facet_options,
    get_listing,
    listing_url,
    result_names,
)

pytestmark = pytest.mark.django_db


NBSP = "\N{NO-BREAK SPACE}"


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


def test_city_and_institution_facets_count_the_results_of_a_search_or_filter(
    client, catalogue
):
    """Counted in the query that counts the other options (as the ids of their
    cities and institutions): only the programmes the search and filters give,
    the unpublished one never."""
    soup = get_listing(client, "q=bedrijf")
    assert result_names(soup) == ["Bedrijfskunde", "Économie en Bedrijf"]
    assert facet_options(soup, "institution") == {"Hanzehogeschool Groningen": 2}
    assert facet_options(soup, "city") == {"Groningen": 2}

    soup = get_listing(client, "language=en&language=nl")
    assert facet_options(soup, "institution") == {
        "Universiteit Leiden": 2,
        "Hanzehogeschool Groningen": 1,
    }
    assert facet_options(soup, "city") == {"Leiden": 2, "Groningen": 1}


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


def test_facet_options_print_names_as_text_and_label_their_inputs(client, catalogue):
    hostile = '<b onclick="x()">Hogeschool & Co</b>'
    programme = ProgrammeFactory(
        institution=InstitutionFactory(name_nl=hostile, slug="hogeschool-co")
    )
    SpecialisationFactory(programme=programme)  # a yes/no facet: one checkbox

    html = client.get(listing_url()).content.decode()
    assert '<b onclick="x()">' not in html
    soup = get_listing(client)
    assert facet_options(soup, "institution")[hostile] == 1
    # Every option's label names its own input; a one-option facet takes radios.
    for option in soup.select(".facet__option input"):
        assert soup.select_one(f'label[for="{option["id"]}"]') is not None
    assert {i["type"] for i in soup.select("#facet-min_score input")} == {"radio"}
    assert {i["type"] for i in soup.select("#facet-specialisations input")} == {
        "checkbox"
    }
    assert {i["type"] for i in soup.select("#facet-institution input")} == {"checkbox"}

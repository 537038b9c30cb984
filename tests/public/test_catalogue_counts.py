"""The unfiltered listing's facet counts are stored, not counted on each visit
(CatalogueCounts), and must still be exactly what each option gives, after any
change to the catalogue.

Changes are counted again when their transaction commits; the tests run inside
one, so they let the commit callbacks run (`committed`) where an edit would be
committed.
"""

import pytest
from django.core.management import call_command
from django.core.management.sql import emit_post_migrate_signal

from programmes.models import Level
from public.models import CatalogueCounts, ProgrammeSummary
from tests.programmes.factories import (
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.listing_pages import get_listing, variants_shown

pytestmark = pytest.mark.django_db

COUNTED_FACETS = ("level", "city", "institution", "language", "form")


def option_counts(soup, facet) -> dict[str, int]:
    """{option value: count} as printed in a facet."""
    counts = {}
    for option in soup.select(f"#facet-{facet} .facet__option"):
        count = option.select_one(".facet__count")
        if count is not None:
            value = option.select_one("input")["value"]
            counts[value] = int(count.get_text().strip("()").replace(".", ""))
    return counts


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def programmes(committed):
    with committed():
        return _programmes()


def _programmes():
    leiden = MunicipalityFactory(name_nl="Leiden", slug="leiden")
    delft = MunicipalityFactory(name_nl="Delft", slug="delft")
    university = InstitutionFactory(name_nl="Universiteit", slug="universiteit")
    college = InstitutionFactory(name_nl="Hogeschool", slug="hogeschool")
    bachelor = StudyFactory(level=Level.WO_BA)
    master = StudyFactory(level=Level.WO_MA)
    return {
        "first": ProgrammeFactory(
            study=bachelor,
            institution=university,
            municipality=leiden,
            location_code="21PB00",
        ),
        "second": ProgrammeFactory(
            study=bachelor,
            institution=university,
            municipality=delft,
            location_code="21PB01",
        ),
        "third": ProgrammeFactory(
            study=master, institution=college, municipality=leiden
        ),
        "hidden": ProgrammeFactory(
            study=master,
            institution=college,
            municipality=delft,
            location_code="30XY01",
            is_published=False,
        ),
    }


def assert_each_option_gives_its_count(client):
    soup = get_listing(client)
    for facet in COUNTED_FACETS:
        counts = option_counts(soup, facet)
        assert counts, facet
        for value, count in counts.items():
            chosen = get_listing(client, f"{facet}={value}")
            assert variants_shown(chosen) == count, (facet, value)
    return soup


def test_each_count_of_the_unfiltered_listing_is_what_its_option_gives(
    client, programmes
):
    soup = assert_each_option_gives_its_count(client)
    assert variants_shown(soup) == 3  # not the unpublished one
    assert option_counts(soup, "level") == {Level.WO_BA: 2, Level.WO_MA: 1}
    assert option_counts(soup, "city") == {"delft": 1, "leiden": 2}


def test_the_unfiltered_listing_reads_its_counts_instead_of_counting(
    client, programmes, django_assert_max_num_queries
):
    # The stored counts, the cities and institutions shown, the page's groups,
    # their variants' summaries and their programmes, the aspects the ranking
    # panel offers (cached in production); nothing counted over the catalogue.
    with django_assert_max_num_queries(7):
        soup = get_listing(client)
    assert variants_shown(soup) == 3


def test_counts_follow_publishing_deleting_and_moving(client, programmes, committed):
    with committed():
        programmes["hidden"].is_published = True
        programmes["hidden"].save()
    soup = assert_each_option_gives_its_count(client)
    assert option_counts(soup, "level") == {Level.WO_BA: 2, Level.WO_MA: 2}

    with committed():
        programmes["first"].delete()
    soup = assert_each_option_gives_its_count(client)
    assert option_counts(soup, "level") == {Level.WO_BA: 1, Level.WO_MA: 2}

    with committed():
        programmes["third"].study.level = Level.HBO_MA
        programmes["third"].study.save()
        programmes["second"].municipality = MunicipalityFactory(slug="utrecht")
        programmes["second"].save()
    soup = assert_each_option_gives_its_count(client)
    assert variants_shown(soup) == 3
    # The third and the (now published) hidden one share the study that moved.
    assert option_counts(soup, "level") == {Level.WO_BA: 1, Level.HBO_MA: 2}
    assert option_counts(soup, "city") == {"delft": 1, "leiden": 1, "utrecht": 1}


def test_without_stored_counts_the_listing_counts_for_itself(client, programmes):
    stored = option_counts(get_listing(client), "level")
    CatalogueCounts.objects.all().delete()
    soup = get_listing(client)
    assert option_counts(soup, "level") == stored
    assert variants_shown(soup) == 3


def test_a_migration_counts_the_catalogue_again(client, programmes):
    """A new release may bring new facets: `migrate` counts them afresh."""
    ProgrammeSummary.objects.filter(programme=programmes["hidden"]).update(
        is_published=True
    )  # a bulk change, which sends no signal
    assert variants_shown(get_listing(client)) == 3
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert variants_shown(get_listing(client)) == 4


def test_removing_synthetic_data_counts_the_catalogue_again(
    client, programmes, committed
):
    with committed():
        call_command("generate_synthetic", programmes=5, no_progress=True)
    assert variants_shown(get_listing(client)) == 8
    with committed():
        call_command("remove_synthetic", verbosity=0)
    assert variants_shown(get_listing(client)) == 3
    assert_each_option_gives_its_count(client)

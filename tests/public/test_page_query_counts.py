"""Every public page type costs the same number of queries with 3 or 30 programmes.

The benchmark (bench/bench_pages.py) measures these pages at up to 200,000
programmes; this guard keeps their query counts from growing with the data.
Programmes here carry what real ones carry (a data source, enrolment, survey
scores, a specialisation), so a per-row query for any of them shows up.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from programmes.models import EnrolmentFigureSource, Level, Sector
from surveys.models import Aspect
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory

pytestmark = pytest.mark.django_db

FEW, MANY = 3, 30


@pytest.fixture
def catalogue():
    """A growing catalogue: one study, institution and city shared by all."""
    study = StudyFactory(
        name_nl="Biologie",
        name_en="Biology",
        level=Level.WO_MA,
        sector=Sector.NATURAL_SCIENCES,
    )
    institution = InstitutionFactory()
    source = DataSourceFactory()
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    atmosphere = AspectFactory(code=Aspect.Code.ATMOSPHERE)
    programmes = []

    def grow_to(total):
        while len(programmes) < total:
            programme = ProgrammeFactory(
                study=study,
                institution=institution,
                location_code=f"L{len(programmes)}",
                source=source,
            )
            enrolment = EnrolmentFactory(programme=programme)
            # Cited per figure, as imported ones are ("Over the years" reads them).
            EnrolmentFigureSource.objects.create(
                enrolment=enrolment,
                figure=EnrolmentFigureSource.Figure.FIRST_YEARS,
                source=source,
            )
            TuitionFeeFactory(programme=programme)
            ProgrammeScoreFactory(programme=programme, aspect=overall)
            ProgrammeScoreFactory(programme=programme, aspect=atmosphere)
            SpecialisationFactory(programme=programme)
            programmes.append(programme)
        return programmes

    return grow_to


def _listing(query=""):
    return lambda programmes: f"{reverse('programmes:programme_list')}?{query}"


def _compare(programmes):
    slugs = "&".join(f"p={programme.slug}" for programme in programmes[:10])
    return f"{reverse('programmes:compare')}?{slugs}"


def _compare_export(programmes):
    slugs = "&".join(f"p={programme.slug}" for programme in programmes[:10])
    return f"{reverse('programmes:compare_export')}?{slugs}&format=xlsx"


PAGES = {
    "method": lambda programmes: reverse("method"),
    "open_data": lambda programmes: reverse("opendata:page"),
    "listing": _listing(),
    "listing_search": _listing("q=biologie"),
    "listing_3_filters": _listing("level=WO-MA&language=en&sector=NATUUR"),
    # Rank by my criteria: the ranges of the catalogue's figures (cached in
    # production) and the teaching cities for the distance, then one page.
    "listing_ranked": _listing(
        "w_score=3&w_salary=1&w_students=2&w_fee=1&w_distance=2&near=leiden"
    ),
    "listing_ranked_search": _listing("q=biologie&w_score=2&w_fee=1"),
    # The aspect's stored score is one join of the ranking, not a query per result.
    "listing_ranked_aspect": _listing("w_aspect=3&aspect=atmosphere&w_score=1"),
    "compare": _compare,
    "compare_export": _compare_export,
    "programme": lambda programmes: programmes[0].get_absolute_url(),
    "changes": lambda programmes: reverse(
        "programmes:programme_changes", kwargs={"slug": programmes[0].slug}
    ),
    "changes_feed": lambda programmes: reverse(
        "programmes:programme_changes_feed", kwargs={"slug": programmes[0].slug}
    ),
    "study": lambda programmes: programmes[0].study.get_absolute_url(),
    "institution": lambda programmes: programmes[0].institution.get_absolute_url(),
    "city": lambda programmes: programmes[0].municipality.get_absolute_url(),
    "suggestions": lambda programmes: (
        f"{reverse('programmes:search_suggestions')}?q=biol"
    ),
}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
def test_query_count_is_the_same_for_few_and_many_programmes(client, catalogue, page):
    with translation.override("nl"):
        few = _queries(client, PAGES[page](catalogue(FEW)))
        many = _queries(client, PAGES[page](catalogue(MANY)))
    assert many == few


# A page whose every query is accounted for: a new one must say why here.
EXACT = {
    # The institution; "Over the years": its stored sums per year, series and
    # sources cited, with the sources (public.enrolment_sums: 1 query where
    # summing the records live took 3); the programmes per level; the listed ones.
    "institution": 4,
    # The study; its national survey averages; "Over the years" (1 query, as
    # the institution's); its careers; the labour market's latest cohorts (2);
    # the programmes counted and listed.
    "study": 8,
}


@pytest.mark.parametrize("page", EXACT)
def test_query_count_is_exactly_what_the_page_reads(client, catalogue, page):
    with translation.override("nl"):
        assert _queries(client, PAGES[page](catalogue(FEW))) == EXACT[page]

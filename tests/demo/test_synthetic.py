"""The synthetic data set: generated in bulk, labelled as not real, removed whole."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from careers.models import CareerFigure, CareerOutcome, OccupationShare
from demo.synthetic.markers import (
    CODE_PREFIX,
    MARKER_EN,
    MARKER_NL,
    SOURCE_KEY,
    synthetic_programmes,
)
from programmes.models import (
    DataSource,
    Enrolment,
    HonoursProgramme,
    Institution,
    Level,
    Programme,
    Specialisation,
    Study,
    TuitionFee,
)
from public.models import ProgrammeSummary
from surveys.models import Aspect, ProgrammeScore, SurveyRound
from tests.careers.factories import CareerFigureFactory, OccupationFactory
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import ProgrammeScoreFactory

pytestmark = pytest.mark.django_db

COUNTED_MODELS = (
    Programme,
    Study,
    Institution,
    Enrolment,
    Enrolment.sources.through,
    TuitionFee,
    Specialisation,
    HonoursProgramme,
    ProgrammeScore,
    ProgrammeSummary,
    SurveyRound,
    Aspect,
    CareerOutcome,
    CareerFigure,
    OccupationShare,
    DataSource,
)


def generate(programmes, **options):
    call_command(
        "generate_synthetic", programmes=programmes, no_progress=True, **options
    )


def counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def real_catalogue():
    """Real (official) and demo records the synthetic set must leave alone."""
    official = DataSourceFactory(kind=DataSource.Kind.OFFICIAL)
    demo = DataSourceFactory(kind=DataSource.Kind.DEMO)
    institution = InstitutionFactory(brin="21PB")
    programmes = [
        ProgrammeFactory(
            study=StudyFactory(level=level, name_nl=nl, name_en=en),
            institution=institution,
            name_nl=nl,
            name_en=en,
            source=official,
        )
        for level, nl, en in (
            (Level.WO_MA, "Wijsbegeerte", "Philosophy"),
            (Level.HBO_AD, "Ondernemen", "Entrepreneurship"),
        )
    ]
    demo_programme = ProgrammeFactory(institution=institution, source=demo)
    for programme in [*programmes, demo_programme]:
        EnrolmentFactory(programme=programme, students=500, first_years=120)
        TuitionFeeFactory(programme=programme)
    ProgrammeScoreFactory(programme=demo_programme)
    CareerFigureFactory(outcome__study=demo_programme.study)
    OccupationFactory()
    return programmes


def test_generates_exactly_n_programmes_with_figures_all_synthetic():
    generate(12)
    programmes = Programme.objects.all()
    assert programmes.count() == 12
    assert {p.source.kind for p in programmes.select_related("source")} == {
        DataSource.Kind.SYNTHETIC
    }
    assert Enrolment.objects.count() == 12 * 5
    assert Enrolment.sources.through.objects.filter(
        datasource__key=SOURCE_KEY
    ).count() == (12 * 5)
    assert TuitionFee.objects.filter(source__key=SOURCE_KEY).count() == 12
    # Without a survey round in the database one is made, citing the synthetic set.
    assert SurveyRound.objects.get().source.key == SOURCE_KEY
    assert ProgrammeScore.objects.count() == 12 * len(Aspect.Code)
    assert set(CareerOutcome.objects.values_list("study_id", flat=True)) == set(
        Study.objects.values_list("pk", flat=True)
    )
    assert CareerFigure.objects.exists()


def test_studies_and_institutions_are_reserved_and_named_synthetic():
    generate(8)
    for record in (*Study.objects.all(), *Institution.objects.all()):
        code = getattr(record, "croho_code", None) or record.brin
        assert code.startswith(CODE_PREFIX)
        assert record.name_nl.endswith(MARKER_NL)
        assert record.name_en.endswith(MARKER_EN)
    for programme in Programme.objects.all():
        assert programme.name_nl.endswith(MARKER_NL)
        assert programme.name_en.endswith(MARKER_EN)


@pytest.mark.parametrize(
    ("language", "label"),
    [
        ("en", "Synthetic data — not real figures"),
        ("nl", "Synthetische gegevens — geen echte cijfers"),
    ],
)
def test_programme_page_says_the_data_is_not_real(client, language, label):
    generate(3)
    programme = Programme.objects.first()
    with translation.override(language):
        url = programme.get_absolute_url()
    soup = soup_of(client.get(url))
    assert soup.select_one(".demo-label--page").get_text(strip=True) == label


def test_distributions_come_from_the_real_catalogue(real_catalogue):
    generate(40)
    synthetic = Programme.objects.filter(source__key=SOURCE_KEY)
    catalogue = Programme.objects.exclude(source__key=SOURCE_KEY)
    real_levels = set(catalogue.values_list("study__level", flat=True))
    assert real_levels == {Level.WO_MA, Level.HBO_AD}
    assert set(synthetic.values_list("study__level", flat=True)) == real_levels
    assert {p.name_nl for p in synthetic} <= {
        f"{p.name_nl} {MARKER_NL}" for p in catalogue
    }
    # Never attached to a real study or institution.
    assert not synthetic.filter(study__croho_code__regex=r"^\d").exists()
    assert not synthetic.filter(institution__brin="21PB").exists()
    # Levels decide the kind of institution.
    for programme in synthetic.select_related("study", "institution"):
        assert programme.study.level.lower().startswith(programme.institution.kind)


def test_listing_search_finds_synthetic_programmes(client):
    generate(5)
    assert ProgrammeSummary.objects.count() == 5
    name = Programme.objects.first().name_nl.split(" (")[0]
    with translation.override("nl"):
        url = reverse("programmes:programme_list")
    soup = soup_of(client.get(url, {"q": f"{name} synthetisch"}))
    names = [h.get_text(" ", strip=True) for h in soup.select(".result__name")]
    assert names
    assert all(MARKER_NL in found for found in names)
    labels = [p.get_text(strip=True) for p in soup.select(".demo-label")]
    assert labels == ["Synthetische gegevens — geen echte cijfers"] * len(names)


def test_remove_synthetic_removes_it_all_and_leaves_real_and_demo(real_catalogue):
    before = counts()
    generate(30)
    assert Programme.objects.count() == before["Programme"] + 30
    call_command("remove_synthetic")
    after = counts()
    # Aspects are reference data, created when missing and kept.
    assert after == {**before, "Aspect": after["Aspect"]}
    assert not synthetic_programmes().exists()
    assert not DataSource.objects.filter(key=SOURCE_KEY).exists()
    assert OccupationShare.objects.count() == before["OccupationShare"]


def test_generating_again_needs_removal_or_replace():
    generate(4)
    with pytest.raises(CommandError, match="remove_synthetic"):
        generate(4)
    generate(6, replace=True)
    assert Programme.objects.count() == 6


@pytest.mark.parametrize("programmes", [0, -5])
def test_a_number_below_one_is_refused(programmes):
    with pytest.raises(CommandError, match="at least 1"):
        generate(programmes)
    assert not Programme.objects.exists()


@pytest.mark.parametrize("programmes", [10, 50])
def test_generation_query_count_does_not_grow_per_row(
    django_assert_max_num_queries, real_catalogue, programmes
):
    """Bulk inserts: a few more batches at most (SQLite caps 999 parameters):
    the summaries' stored aspect scores (5 rows a programme) and the studies'
    and institutions' enrolment sums (16 columns, one insert per 62 rows: 7 at
    50 programmes) among them."""
    with django_assert_max_num_queries(105):
        generate(programmes)
    assert synthetic_programmes().count() == programmes


def test_admin_badges_synthetic_programmes(admin_client, english):
    generate(3)
    response = admin_client.get(
        reverse("admin:programmes_programme_changelist"),
        {"source__kind__exact": DataSource.Kind.SYNTHETIC},
    )
    badges = soup_of(response).select("#result_list .data-badge")
    assert [badge.get_text() for badge in badges] == ["Synthetic data"] * 3

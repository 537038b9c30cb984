"""The listing summary follows the records it is derived from."""

from decimal import Decimal

import pytest

from programmes.models import Enrolment
from public.models import ProgrammeSummary, score_is_shown
from public.search import fold
from public.summaries import REPLACE_FROM, summaries_refresh
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


def summary_of(programme):
    return ProgrammeSummary.objects.get(programme=programme)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Geneeskunde", "geneeskunde"),
        ("Économie & Bèta-Gamma", "economie beta gamma"),
        ("  ÅNGSTRÖM\t", "angstrom"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_students_come_from_the_latest_year_even_when_it_has_no_count():
    """As on the programme page: an empty latest year is no figure, never the
    year before's."""
    programme = ProgrammeFactory()
    EnrolmentFactory(programme=programme, academic_year=2022, students=250)
    EnrolmentFactory(programme=programme, academic_year=2024, students=312)
    assert summary_of(programme).students == 312
    EnrolmentFactory(programme=programme, academic_year=2025, students=None)
    assert summary_of(programme).students is None
    assert summary_of(programme).students_year == 2025


def test_statutory_fee_is_the_latest_year():
    programme = ProgrammeFactory()
    TuitionFeeFactory(programme=programme, academic_year=2024, amount=2530)
    TuitionFeeFactory(programme=programme, academic_year=2025, amount=2601)
    assert summary_of(programme).statutory_fee == Decimal("2601.00")


def test_a_withheld_score_is_never_shown_or_filtered_on():
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    shown = ProgrammeFactory()
    withheld = ProgrammeFactory()
    ProgrammeScoreFactory(programme=shown, aspect=overall, mean="3.86")
    ProgrammeScoreFactory(programme=withheld, aspect=overall, respondents=4)
    assert summary_of(shown).score_figure.value == Decimal("3.86")
    assert summary_of(shown).score_figure.is_shown
    assert not summary_of(withheld).score_figure.is_shown
    assert list(
        ProgrammeSummary.objects.filter(score_is_shown()).values_list(
            "programme", flat=True
        )
    ) == [shown.pk]


def test_the_latest_survey_round_counts():
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    programme = ProgrammeFactory()
    ProgrammeScoreFactory(
        programme=programme,
        aspect=overall,
        mean="4.50",
        survey_round=SurveyRoundFactory(year=2023),
    )
    ProgrammeScoreFactory(
        programme=programme,
        aspect=overall,
        mean="3.50",
        survey_round=SurveyRoundFactory(year=2024),
    )
    assert summary_of(programme).overall_score == Decimal("3.50")


def test_salary_of_the_study_needs_enough_respondents():
    programme = ProgrammeFactory()
    CareerFigureFactory(outcome__study=programme.study, value=2909, respondents=12)
    assert not summary_of(programme).salary_figure.is_shown
    CareerFigureFactory(
        outcome__study=programme.study, outcome__year=2024, value=3100, respondents=80
    )
    assert summary_of(programme).salary_figure.value == 3100
    assert summary_of(programme).salary_figure.is_shown


def test_search_text_holds_names_in_both_languages_folded():
    programme = ProgrammeFactory(
        name_nl="Économie", name_en="Economics", study__croho_code="50950"
    )
    SpecialisationFactory(programme=programme, name_nl="Fiscale economie", name_en="")
    text = summary_of(programme).search_text
    for word in ("economie", "economics", "50950", "fiscale"):
        assert word in text.split()
    assert summary_of(programme).sort_name_nl == "economie"


def test_renaming_an_institution_updates_its_programmes():
    programme = ProgrammeFactory()
    institution = programme.institution
    institution.name_nl = "Hogeschool Nieuwnaam"
    institution.save()
    assert "nieuwnaam" in summary_of(programme).search_text


def test_refresh_repairs_a_missing_or_stale_summary_and_is_idempotent():
    programme = ProgrammeFactory()
    EnrolmentFactory(programme=programme, students=100)
    ProgrammeSummary.objects.filter(programme=programme).update(students=1)
    assert summaries_refresh() == 1
    assert summary_of(programme).students == 100
    assert summaries_refresh() == 0


def test_many_changed_summaries_are_rewritten_with_their_new_figures():
    """An import changes many at once: they are replaced rather than updated
    (public.summaries.REPLACE_FROM), with the same result."""
    programmes = [ProgrammeFactory() for _ in range(REPLACE_FROM + 5)]
    for programme in programmes:
        EnrolmentFactory(programme=programme, students=100)
    Enrolment.objects.update(students=250)  # in bulk: no signals, as an import
    assert summaries_refresh() == len(programmes)
    assert {summary_of(p).students for p in programmes} == {250}
    assert summaries_refresh() == 0  # nothing changed since

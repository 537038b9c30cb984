"""The programme page's summary in a browser: the key-facts strip fits a 320 px
phone without sideways scrolling or tiny text, and the structured data block
raises no CSP report or console error (the `page` fixture fails on either)."""

import json

import pytest
from django.utils import translation

from careers.models import CareerMetric
from programmes.models import FeeKind
from surveys.models import Aspect
from tests.browser.axe import axe_violations
from tests.browser.test_narrow_screens import MEASURE, SMALLEST_TEXT
from tests.careers.factories import CareerFigureFactory, CareerOutcomeFactory
from tests.programmes.factories import (
    EnrolmentFactory,
    ProgrammeFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def programme():
    """A programme with every key fact, long names and one withheld figure."""
    programme = ProgrammeFactory(
        name_nl="Biomedische Wetenschappen en Gezondheidsinnovatie",
        name_en="Biomedical Sciences and Health Innovation",
    )
    TuitionFeeFactory(programme=programme, amount=2601)
    TuitionFeeFactory(programme=programme, kind=FeeKind.INSTITUTIONAL, amount=22500)
    EnrolmentFactory(programme=programme, students=312)
    survey_round = SurveyRoundFactory(year=2024)
    for code, mean in ((Aspect.Code.OVERALL, "3.90"), (Aspect.Code.ATMOSPHERE, "2.9")):
        ProgrammeScoreFactory(
            programme=programme,
            survey_round=survey_round,
            aspect=AspectFactory(code=code),
            mean=mean,
        )
        peer = ProgrammeFactory(study=programme.study)
        ProgrammeScoreFactory(
            programme=peer,
            survey_round=survey_round,
            aspect=AspectFactory(code=code),
            mean="4.40",
        )
    outcome = CareerOutcomeFactory(study=programme.study)
    CareerFigureFactory(
        outcome=outcome, metric=CareerMetric.STARTING_SALARY, respondents=5
    )
    return programme


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_summary_fits_a_small_phone_and_a_laptop(page, programme, language):
    with translation.override(language):
        url = programme.get_absolute_url()
    for width in (320, 1366):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url)
        measured = page.evaluate(MEASURE, SMALLEST_TEXT)
        assert measured["scroll"] <= measured["inner"], (width, measured)
        assert measured["tiny"] == [], (width, measured)
        assert page.locator("#summary .key-fact").count() == 9
        assert page.locator("#summary .standout").count() >= 1
    data = page.locator('script[type="application/ld+json"]').text_content()
    assert json.loads(data)["@type"] == "EducationalOccupationalProgram"


def test_the_summary_has_no_accessibility_violations_on_a_phone(page, programme):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(programme.get_absolute_url())
    assert axe_violations(page) == []

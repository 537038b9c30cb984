"""The "what stands out" line: only what the published figures bear out."""

import pytest

from careers.selectors import study_career_summary
from programmes.models import Language
from public.standouts import programme_standouts
from surveys.models import Aspect
from surveys.selectors import programme_score_table
from tests.careers.factories import CareerFigureFactory, CareerOutcomeFactory
from tests.programmes.factories import ProgrammeFactory, StudyFactory
from tests.public.programme_pages import english_label, get_page, text_of
from tests.public.test_programme_summary import translated
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


def score(programme, code, mean, *, respondents, std_dev):
    ProgrammeScoreFactory(
        programme=programme,
        survey_round=SurveyRoundFactory(year=2024),
        aspect=AspectFactory(code=code, name_en=english_label(code)),
        mean=mean,
        respondents=respondents,
        std_dev=std_dev,
        population=None,
    )


def standouts_of(programme):
    return programme_standouts(
        programme,
        programme_score_table(programme),
        study_career_summary(programme.study),
    )


def with_peer(own_mean, peer_mean, *, respondents, std_dev, language=Language.DUTCH):
    programme = ProgrammeFactory(language=language)
    peer = ProgrammeFactory(study=programme.study)
    for subject, mean in ((programme, own_mean), (peer, peer_mean)):
        score(
            subject,
            Aspect.Code.ATMOSPHERE,
            mean,
            respondents=respondents,
            std_dev=std_dev,
        )
    return programme


def test_a_score_beyond_the_margin_of_the_difference_stands_out(english):
    # Own 3.0 against a national 3.75, each from 200 answers: far beyond noise.
    programme = with_peer("3.00", "4.50", respondents=200, std_dev="0.50")
    standouts = standouts_of(programme)
    assert [(s.kind, s.text) for s in standouts] == [
        ("score", "Atmosphere: 0.8 lower than the national average")
    ]


def test_a_difference_within_its_margin_is_not_claimed(english):
    """3.8 against a national 3.9 is 0.1 lower as printed, but with 30 answers
    each the margin of that difference is about 0.4: the table says comparable."""
    programme = with_peer("3.80", "4.00", respondents=30, std_dev="1.00")
    row = programme_score_table(programme).rows[0]
    assert row.own.is_shown and row.national.is_shown
    assert row.difference_text == "comparable to the national average"
    assert standouts_of(programme) == []


def test_a_withheld_score_never_stands_out():
    programme = with_peer("1.00", "5.00", respondents=3, std_dev="0.10")
    assert not programme_score_table(programme).rows[0].own.is_shown
    assert standouts_of(programme) == []


def test_at_most_the_three_clearest_score_differences(english):
    programme = ProgrammeFactory(language=Language.DUTCH)
    peer = ProgrammeFactory(study=programme.study)
    gaps = {
        Aspect.Code.OVERALL: "2.00",
        Aspect.Code.ATMOSPHERE: "2.50",
        Aspect.Code.FACILITIES: "1.50",
        Aspect.Code.CONTENT: "3.00",
    }
    for code, mean in gaps.items():
        score(programme, code, mean, respondents=200, std_dev="0.50")
        score(peer, code, "4.50", respondents=200, std_dev="0.50")
    # Against national averages of 3.25, 3.5, 3.0 and 3.75: content is the least clear.
    aspects = [s.text.split(":")[0] for s in standouts_of(programme)]
    assert aspects == ["Study facilities", "Overall", "Atmosphere"]


def salary_study(own: int, others: int):
    study = StudyFactory()
    CareerFigureFactory(outcome__study=study, outcome__year=2023, value=own)
    other = CareerOutcomeFactory(study=StudyFactory(level=study.level), year=2023)
    CareerFigureFactory(outcome=other, value=others)
    return ProgrammeFactory(study=study, language=Language.DUTCH)


@pytest.mark.parametrize(("own", "others"), [(3000, 2000), (2000, 3000)])
def test_a_salary_published_without_its_spread_never_stands_out(own, others):
    """€500 either side of the level's €2,500 is no claim: without the salaries'
    spread their margin is unknown, and a share of the average would be a guess."""
    assert standouts_of(salary_study(own, others)) == []


def test_a_salary_a_few_euros_off_the_average_does_not_stand_out():
    assert standouts_of(salary_study(2909, 2989)) == []


def test_a_withheld_salary_never_stands_out():
    study = StudyFactory()
    CareerFigureFactory(outcome__study=study, value=9000, respondents=5)
    other = CareerOutcomeFactory(study=StudyFactory(level=study.level))
    CareerFigureFactory(outcome=other, value=2000)
    assert standouts_of(ProgrammeFactory(study=study, language="nl")) == []


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_line_on_the_page_in_both_languages(client, language):
    programme = with_peer(
        "3.00", "4.50", respondents=200, std_dev="0.50", language=Language.ENGLISH
    )
    line = get_page(client, programme, language).select_one("#summary .standouts")
    items = [text_of(item) for item in line.select(".standout")]
    assert text_of(line).startswith(translated(language, "What stands out:"))
    assert items[-1] == translated(language, "Taught in English")
    lower = translated(
        language, "%(difference)s lower than the national average", difference="0,8"
    )
    if language == "en":
        lower = lower.replace("0,8", "0.8")
    assert items[0].endswith(lower)


def test_no_line_when_nothing_stands_out(client):
    programme = ProgrammeFactory(language=Language.DUTCH)
    soup = get_page(client, programme, "en")
    assert soup.select_one("#summary .standouts") is None

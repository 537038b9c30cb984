"""The programme page's labour market block: figures, salary and occupations."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.careers.factories import (
    CareerOutcomeFactory,
    OccupationShareFactory,
)
from tests.programmes.factories import (
    ProgrammeFactory,
)
from tests.public.programme_pages import (
    INSUFFICIENT,
    get_page,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "own", "average"),
    [("nl", "€ 2.909", "€ 2.949"), ("en", "€2,909", "€2,949")],
)
def test_labour_market_figures_and_salary_benchmark(
    client, careers, language, own, average
):
    section = get_page(client, careers, language).find(id="careers")

    def figure(name):
        return text_of(section.find(attrs={"data-figure": name}))

    assert figure("months_to_job") == "7"
    assert figure("permanent_contract") == "25%"
    assert figure("job_in_field") == "84%"
    assert figure("job_at_level") == "72%"
    assert figure("starting_salary") == own
    assert figure("salary_average") == average
    assert figure("weekly_hours") == "37"
    assert INSUFFICIENT[language] in figure("self_employed")
    decimal = "," if language == "nl" else "."
    assert figure("job_satisfaction") == f"4{decimal}0 / 5"
    with translation.override(language):
        expected = translation.gettext(
            "Whether the starting salary after this study differs from the "
            "average of all %(group)s by more than chance cannot be told: the "
            "spread of the salaries is not published."
        ) % {"group": translation.gettext("wo master studies")}
        method = translation.gettext("How we compare figures")
        method_url = reverse("method")
    # €2,909 against €2,949 once read "lower": published without their spread,
    # the page now says it cannot tell, and links to how it judges.
    comparison = section.select_one(".salary-comparison")
    assert text_of(comparison) == f"{expected} {method}"
    assert comparison.a["href"] == method_url
    occupations = text_of(section.find("table", class_="occupations"))
    assert ("Professoren" if language == "nl" else "Professors") in occupations


def test_careers_without_outcome_say_insufficient_information(client):
    programme = ProgrammeFactory()
    soup = get_page(client, programme, "en")
    for section_id in ("careers", "judgement"):
        assert INSUFFICIENT["en"] in text_of(soup.find(id=section_id))


def test_occupations_hidden_below_the_respondent_threshold(client):
    programme = ProgrammeFactory()
    outcome = CareerOutcomeFactory(study=programme.study, respondents=19)
    OccupationShareFactory(outcome=outcome, occupation__name_en="Hidden job")
    section = get_page(client, programme, "en").find(id="careers")
    assert "Hidden job" not in text_of(section)
    assert "Too few people responded." in text_of(section)

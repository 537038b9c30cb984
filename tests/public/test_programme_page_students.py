"""The programme page's students and study progress blocks, in nl and en."""

import re
from decimal import Decimal

import pytest

from programmes.models import StudyProgress
from tests.programmes.factories import (
    EnrolmentFactory,
    MunicipalityFactory,
    ProgrammeFactory,
)
from tests.public.programme_pages import (
    INSUFFICIENT,
    get_page,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "students"), [("nl", "37.553"), ("en", "37,553")])
def test_students_gender_shares_and_city(client, leiden, language, students):
    section = get_page(client, leiden, language).find(id="students")

    def figure(name):
        return text_of(section.find(attrs={"data-figure": name}))

    assert figure("students") == "312"
    assert figure("first-years") == "95"
    # 25 of 95 is 26.3%, 70 of 95 is 73.7%: computed, rounded to whole percents.
    assert figure("men") == "26%"
    assert figure("women") == "74%"
    # Three published programmes in Leiden; the unpublished one does not count.
    assert figure("city-programmes") == "3"
    assert figure("city-students") == students
    assert "2024" in text_of(section)


def test_missing_enrolment_says_insufficient_information_never_zero(client):
    programme = ProgrammeFactory()
    section = get_page(client, programme, "en").find(id="students")
    students = section.find(attrs={"data-figure": "students"})
    assert INSUFFICIENT["en"] in text_of(students)
    assert "quality" in text_of(students)
    assert re.search(r"\b0\b", text_of(students)) is None


def test_study_progress_shows_shares_or_insufficient_information(client, leiden):
    StudyProgress.objects.create(
        programme=leiden,
        cohort_year=2020,
        diploma_years=3,
        diploma_this=Decimal("70.0"),
        diploma_other=Decimal("5.5"),
        diploma_none=Decimal("24.5"),
    )
    section = get_page(client, leiden, "en").find(id="progress")
    first_year = section.find("h3").find_next_sibling("p")
    assert INSUFFICIENT["en"] in text_of(first_year)
    assert "Diploma within 3 years" in text_of(section)
    assert text_of(section.find(attrs={"data-figure": "diploma-this"})) == "70%"
    assert text_of(section.find(attrs={"data-figure": "diploma-other"})) == "5.5%"


def test_study_progress_uses_a_decimal_comma_in_dutch(client, leiden):
    StudyProgress.objects.create(
        programme=leiden, cohort_year=2020, diploma_other=Decimal("5.5")
    )
    section = get_page(client, leiden, "nl").find(id="progress")
    assert text_of(section.find(attrs={"data-figure": "diploma-other"})) == "5,5%"


def test_programme_without_teaching_location_has_no_city_block(client):
    programme = ProgrammeFactory(municipality=None)
    section = get_page(client, programme, "en").find(id="students")
    assert section.find(attrs={"data-figure": "city-programmes"}) is None


def test_city_without_student_count_says_insufficient_information(client):
    programme = ProgrammeFactory(municipality=MunicipalityFactory(students=None))
    section = get_page(client, programme, "en").find(id="students")
    city_students = section.find(attrs={"data-figure": "city-students"})
    assert INSUFFICIENT["en"] in text_of(city_students)


def test_gender_shares_without_first_years_are_withheld(client):
    programme = ProgrammeFactory()
    EnrolmentFactory(
        programme=programme, first_years=0, first_years_men=0, first_years_women=0
    )
    section = get_page(client, programme, "en").find(id="students")
    assert text_of(section.find(attrs={"data-figure": "first-years"})) == "0"
    men = text_of(section.find(attrs={"data-figure": "men"}))
    assert INSUFFICIENT["en"] in men
    assert "0%" not in men


def test_latest_enrolment_year_is_shown(client):
    programme = ProgrammeFactory()
    EnrolmentFactory(programme=programme, academic_year=2023, students=100)
    EnrolmentFactory(programme=programme, academic_year=2024, students=312)
    section = get_page(client, programme, "en").find(id="students")
    assert text_of(section.find(attrs={"data-figure": "students"})) == "312"
    assert "2024–2025" in text_of(section)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_first_years_all_women_show_zero_percent_men(client, language):
    """DUO has no row for men when there are none; the page says 0%, not
    "insufficient information"."""
    programme = ProgrammeFactory()
    EnrolmentFactory(
        programme=programme, first_years=10, first_years_men=None, first_years_women=10
    )
    section = get_page(client, programme, language).find(id="students")
    assert text_of(section.find(attrs={"data-figure": "men"})) == "0%"
    assert text_of(section.find(attrs={"data-figure": "women"})) == "100%"


def test_first_years_all_men_show_zero_percent_women(client):
    programme = ProgrammeFactory()
    EnrolmentFactory(
        programme=programme, first_years=6, first_years_men=6, first_years_women=None
    )
    section = get_page(client, programme, "en").find(id="students")
    assert text_of(section.find(attrs={"data-figure": "men"})) == "100%"
    assert text_of(section.find(attrs={"data-figure": "women"})) == "0%"


def test_missing_gender_that_the_other_does_not_explain_stays_withheld(client):
    programme = ProgrammeFactory()
    EnrolmentFactory(
        programme=programme, first_years=10, first_years_men=None, first_years_women=7
    )
    section = get_page(client, programme, "en").find(id="students")
    men = text_of(section.find(attrs={"data-figure": "men"}))
    assert INSUFFICIENT["en"] in men
    assert "0%" not in men
    assert text_of(section.find(attrs={"data-figure": "women"})) == "70%"

"""The public programme page: every section of the reference page, in nl and en."""

import re
from decimal import Decimal
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse, translate_url
from django.utils import translation

from careers.models import CareerMetric
from programmes.models import DataSource, FeeKind, Language, StudyProgress
from surveys.models import Aspect
from tests.careers.factories import (
    CareerFigureFactory,
    CareerOutcomeFactory,
    OccupationShareFactory,
)
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    HonoursProgrammeFactory,
    MunicipalityFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    GraduateJudgementFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db

INSUFFICIENT = {
    "nl": "We hebben onvoldoende betrouwbare informatie over dit onderwerp.",
    "en": "We have insufficient reliable information on this topic.",
}


def text_of(node) -> str:
    return " ".join(node.get_text(" ", strip=True).split())


def get_page(client, programme, language="nl"):
    with translation.override(language):
        url = programme.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def english_label(code):
    with translation.override("en"):
        return str(Aspect.Code(code).label)


def add_scores(programme, survey_round, scores, respondents=100):
    for code, mean in scores.items():
        ProgrammeScoreFactory(
            programme=programme,
            survey_round=survey_round,
            aspect=AspectFactory(code=code, name_en=english_label(code)),
            mean=mean,
            respondents=respondents,
        )


@pytest.fixture
def leiden():
    """The reference programme, reduced to the facts the page must show."""
    real = DataSourceFactory(key="duo", kind=DataSource.Kind.OFFICIAL)
    city = MunicipalityFactory(
        code="0546",
        name_nl="Leiden",
        name_en="Leiden",
        slug="leiden",
        students=37553,
        students_year=2024,
        students_source=real,
    )
    study = StudyFactory(name_nl="Biomedical Sciences", name_en="Biomedical Sciences")
    programme = ProgrammeFactory(
        study=study,
        institution__name_nl="Universiteit Leiden",
        institution__name_en="Leiden University",
        institution__municipality=city,
        slug="biomedical-sciences-leiden",
        taught_by_en="Leiden University Medical Center (LUMC)",
        description_en="In this master programme you learn interdisciplinary approaches.",
        admission_en="A bachelor's degree is required.",
        admission_nl="Je hebt een bachelordiploma nodig.",
        bridging_en="You may need a premaster.",
        english_share=100,
        source=real,
    )
    SpecialisationFactory(
        programme=programme,
        name_en="Education",
        name_nl="Education",
        description_en="Teaching biology.",
        language=Language.DUTCH_AND_ENGLISH,
        language_note_en="Partly taught in Dutch; fluency in Dutch is required.",
    )
    HonoursProgrammeFactory(
        programme=programme,
        name_nl="Leiden Leadership Programme",
        name_en="",
        description_nl="Heb jij interesse in leiderschap?",
    )
    TuitionFeeFactory(programme=programme, academic_year=2025, amount=2601)
    TuitionFeeFactory(programme=programme, academic_year=2024, amount=2530)
    EnrolmentFactory(
        programme=programme,
        students=312,
        first_years=95,
        first_years_men=25,
        first_years_women=70,
    )
    ProgrammeFactory.create_batch(2, municipality=city, institution__municipality=city)
    ProgrammeFactory(municipality=city, is_published=False)
    return programme


def test_overview_shows_identity_and_facts(client, leiden):
    soup = get_page(client, leiden, "en")
    overview = soup.find(id="overview")
    assert text_of(overview.h1) == "Biomedical Sciences"
    assert "Leiden University" in text_of(overview)
    assert "Leiden University Medical Center (LUMC)" in text_of(overview)
    assert "interdisciplinary approaches" in text_of(overview)
    facts = text_of(overview.find("dl", class_="facts"))
    assert "English (100% English)" in facts
    assert "Government-funded" in facts
    assert "312" in facts
    assert "120 ECTS" in facts
    assert "1 programme" in facts
    assert "Master of Science" in facts
    education = overview.find("ul", class_="specialisations").li
    assert text_of(education.h3) == "Education"
    assert "fluency in Dutch is required" in text_of(education)
    assert "Dutch and English" in text_of(education)


def test_dutch_only_content_falls_back_with_lang_and_note(client, leiden):
    soup = get_page(client, leiden, "en")
    honours = soup.find("ul", class_="honours").li
    marked = honours.find(attrs={"lang": "nl"})
    assert marked is not None
    assert "leiderschap" in text_of(honours)
    assert "(only available in Dutch)" in text_of(honours)
    # Content in the page's own language carries no note.
    admission = soup.find(id="admission")
    assert "fallback-note" not in str(admission.find("p"))


def test_english_only_content_is_marked_on_the_dutch_page(client, leiden):
    soup = get_page(client, leiden, "nl")
    description = soup.find(class_="programme-description")
    assert description.find(attrs={"lang": "en"}) is not None
    assert description.find(class_="fallback-note") is not None
    assert text_of(soup.find(id="admission")).startswith("Toelating Je hebt")


def test_admission_and_bridging(client, leiden):
    section = text_of(get_page(client, leiden, "en").find(id="admission"))
    assert "A bachelor's degree is required." in section
    assert "You may need a premaster." in section


@pytest.mark.parametrize(
    ("language", "newer", "older"),
    [("nl", "€ 2.601", "€ 2.530"), ("en", "€2,601", "€2,530")],
)
def test_fees_per_year_and_kind_in_the_language_notation(
    client, leiden, language, newer, older
):
    rows = get_page(client, leiden, language).select("#fees tr.fee")
    assert [text_of(row.th) for row in rows] == ["2025–2026", "2024–2025"]
    assert [text_of(row.select_one(".fee__amount")) for row in rows] == [newer, older]
    with translation.override(language):
        kind = str(FeeKind.STATUTORY.label)
    assert kind in text_of(rows[0])


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


@pytest.fixture
def scored(leiden):
    """The reference NSE table: Leiden against one other programme of the study."""
    survey_round = SurveyRoundFactory(year=2024)
    own = {
        Aspect.Code.OVERALL: "3.90",
        Aspect.Code.ATMOSPHERE: "4.00",
        Aspect.Code.FACILITIES: "3.60",
        Aspect.Code.CHOOSE_AGAIN: "4.10",
    }
    add_scores(leiden, survey_round, own, respondents=143)
    other = ProgrammeFactory(study=leiden.study)
    add_scores(
        other,
        survey_round,
        {
            Aspect.Code.OVERALL: "3.90",
            Aspect.Code.ATMOSPHERE: "4.40",
            Aspect.Code.FACILITIES: "4.20",
            Aspect.Code.CHOOSE_AGAIN: "3.90",
        },
        respondents=143,
    )
    return leiden


def score_row(soup, code):
    return soup.select_one(f'#satisfaction tr[data-aspect="{code}"]')


@pytest.mark.parametrize("language", ["nl", "en"])
def test_satisfaction_table_shows_own_national_and_worded_difference(
    client, scored, language
):
    soup = get_page(client, scored, language)
    decimal = "," if language == "nl" else "."
    atmosphere = score_row(soup, "atmosphere")
    assert text_of(atmosphere.select_one(".score--own")) == f"4{decimal}0 / 5"
    assert text_of(atmosphere.select_one(".score--national")) == f"4{decimal}2 / 5"
    with translation.override(language):
        lower = translation.gettext("%(difference)s lower than the national average")
        equal = translation.gettext("%(difference)s, equal to the national average")
        higher = translation.gettext("%(difference)s higher than the national average")
    assert text_of(atmosphere.select_one(".score-difference")) == lower % {
        "difference": f"0{decimal}2"
    }
    overall = score_row(soup, "overall")
    assert text_of(overall.select_one(".score-difference")) == equal % {
        "difference": f"0{decimal}0"
    }
    choose_again = score_row(soup, "choose_again")
    assert text_of(choose_again.select_one(".score-difference")) == higher % {
        "difference": f"0{decimal}1"
    }
    table = soup.select_one("#satisfaction table")
    assert table.caption is not None
    assert all(th.get("scope") for th in table.find_all("th"))
    assert "NSE 2024, n = 143" in text_of(soup.find(id="satisfaction"))


def test_satisfaction_links_to_all_programmes_of_the_study(client, scored):
    section = get_page(client, scored, "en").find(id="satisfaction")
    link = section.find("a", string=re.compile("Compare all"))
    assert text_of(link) == "Compare all 2 programmes of Biomedical Sciences"
    with translation.override("en"):
        compare_page = reverse("programmes:compare")
    assert link["href"] == f"{compare_page}?study={scored.study.slug}"
    compared = BeautifulSoup(client.get(link["href"]).content, "html.parser")
    headings = compared.select("#compare-facts thead th")
    assert len(headings) == 2


def test_chart_is_accessible_and_mirrors_the_table(client, scored):
    soup = get_page(client, scored, "en")
    svg = soup.select_one("#satisfaction svg")
    assert svg["role"] == "img"
    assert svg.find("title") is not None and svg.find("desc") is not None
    labels = [text_of(t) for t in svg.select(".score-chart__row > text:first-child")]
    assert labels == [text_of(r.th) for r in soup.select("#satisfaction tbody tr")]
    assert len(svg.select(".score-chart__marker")) == 4


def test_chart_coordinates_are_not_localised(client, scored):
    svg = get_page(client, scored, "nl").select_one("#satisfaction svg")
    for rect in svg.find_all("rect"):
        assert "," not in rect["width"]


def test_withheld_score_is_insufficient_information_and_not_in_chart(client, leiden):
    survey_round = SurveyRoundFactory(year=2024)
    add_scores(leiden, survey_round, {Aspect.Code.OVERALL: "3.90"})
    add_scores(leiden, survey_round, {Aspect.Code.ATMOSPHERE: "4.00"}, respondents=4)
    soup = get_page(client, leiden, "en")
    atmosphere = score_row(soup, "atmosphere")
    own = text_of(atmosphere.select_one(".score--own"))
    assert INSUFFICIENT["en"] in own
    assert "Too few people responded." in own
    assert "4.0" not in own
    assert text_of(atmosphere.select_one(".score-difference")) == "–"
    labels = [text_of(t) for t in soup.select(".score-chart__row > text:first-child")]
    assert labels == ["Overall"]


def test_no_survey_round_says_insufficient_information(client, leiden):
    section = get_page(client, leiden, "en").find(id="satisfaction")
    assert INSUFFICIENT["en"] in text_of(section)
    assert section.find("svg") is None


def test_graduate_judgement_per_study(client, leiden):
    GraduateJudgementFactory(study=leiden.study)
    section = get_page(client, leiden, "nl").find(id="judgement")
    assert text_of(section.find(attrs={"data-figure": "good-basis"})) == "60%"
    assert text_of(section.find(attrs={"data-figure": "choose-again"})) == "79%"
    assert "n = 150" in text_of(section)


@pytest.fixture
def careers(leiden):
    outcome = CareerOutcomeFactory(study=leiden.study, year=2023, respondents=150)
    values = {
        CareerMetric.MONTHS_TO_JOB: 7,
        CareerMetric.PERMANENT_CONTRACT: 25,
        CareerMetric.JOB_IN_FIELD: 84,
        CareerMetric.JOB_AT_LEVEL: 72,
        CareerMetric.STARTING_SALARY: 2909,
        CareerMetric.WEEKLY_HOURS: 37,
        CareerMetric.JOB_SATISFACTION: "4.0",
        CareerMetric.CAREER_PROSPECTS: "3.9",
    }
    for metric, value in values.items():
        CareerFigureFactory(outcome=outcome, metric=metric, value=value)
    CareerFigureFactory(
        outcome=outcome, metric=CareerMetric.SELF_EMPLOYED, value=3, respondents=5
    )
    OccupationShareFactory(
        outcome=outcome,
        occupation__name_en="Professors",
        occupation__name_nl="Professoren",
        share="48.0",
    )
    other = CareerOutcomeFactory(
        study=StudyFactory(level=leiden.study.level), year=2023
    )
    CareerFigureFactory(outcome=other, value=2989, respondents=100)
    return leiden


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
            "The starting salary after this study is lower than the average "
            "of all %(group)s."
        ) % {"group": translation.gettext("wo master studies")}
    assert text_of(section.select_one(".salary-comparison")) == expected
    occupations = text_of(section.find("table", class_="occupations"))
    assert ("Professoren" if language == "nl" else "Professors") in occupations


def test_demo_sources_are_labelled_on_block_and_page(client, careers):
    soup = get_page(client, careers, "en")
    label = "Demo data — not real figures"
    assert label in text_of(soup.select_one(".demo-label--page"))
    assert label in text_of(soup.find(id="careers"))
    # The real DUO figures in the fees block carry no demo label.
    assert label not in text_of(soup.find(id="fees"))


def test_real_data_page_has_no_demo_label(client):
    real = DataSourceFactory(kind=DataSource.Kind.OFFICIAL)
    programme = ProgrammeFactory(source=real)
    assert get_page(client, programme, "en").select_one(".demo-label--page") is None


def test_unpublished_programme_is_not_found(client):
    programme = ProgrammeFactory(is_published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_unknown_slug_is_not_found(client):
    url = reverse("programmes:programme_detail", kwargs={"slug": "nope"})
    assert client.get(url).status_code == 404


def test_language_switcher_lands_on_the_same_programme(client, leiden):
    soup = get_page(client, leiden, "nl")
    english = soup.select_one('.language-switcher a[hreflang="en"]')
    with translation.override("en"):
        expected = leiden.get_absolute_url()
    assert english["href"] == expected
    assert leiden.slug in translate_url(english["href"], "nl")


def test_page_is_usable_without_javascript_and_headings_are_in_order(client, careers):
    soup = get_page(client, careers, "en")
    assert soup.find("script") is None
    levels = [int(h.name[1]) for h in soup.find_all(re.compile("^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def build_programme(size: int):
    programme = ProgrammeFactory()
    survey_round = SurveyRoundFactory(year=2024)
    aspects = (
        list(Aspect.Code)[:size] if size <= len(Aspect.Code) else list(Aspect.Code)
    )
    for index in range(size):
        SpecialisationFactory(programme=programme)
        HonoursProgrammeFactory(programme=programme)
        TuitionFeeFactory(programme=programme, academic_year=2000 + index)
        peer = ProgrammeFactory(study=programme.study)
        add_scores(peer, survey_round, {aspects[index % len(aspects)]: "3.50"})
    add_scores(programme, survey_round, dict.fromkeys(aspects, "3.90"))
    EnrolmentFactory(programme=programme)
    outcome = CareerOutcomeFactory(study=programme.study)
    for metric in CareerMetric:
        CareerFigureFactory(outcome=outcome, metric=metric, value=4)
    for _index in range(size):
        OccupationShareFactory(outcome=outcome, share="1.0")
        other = CareerOutcomeFactory(year=outcome.year)
        CareerFigureFactory(outcome=other)
    GraduateJudgementFactory(study=programme.study)
    return programme


# 16 on SQLite and PostgreSQL: one per block, none per row (see programme_page).
MAX_QUERIES = 16


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow_with_data(
    client, django_assert_max_num_queries, size
):
    programme = build_programme(size)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(programme.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("page", "expected_links", "expected_page"),
    [("", 50, "1"), ("2", 10, "2"), ("abc", 50, "1"), ("999", 10, "2")],
)
def test_city_page_lists_its_programmes_a_page_at_a_time(
    client, page, expected_links, expected_page
):
    city = MunicipalityFactory()
    ProgrammeFactory.create_batch(60, municipality=city, institution__municipality=city)
    response = client.get(city.get_absolute_url(), {"page": page})
    soup = BeautifulSoup(response.content, "html.parser")
    assert response.status_code == 200
    assert len(soup.select(".programme-list li")) == expected_links
    current = soup.select_one('.pagination [aria-current="page"]').get_text()
    assert current == f"Pagina {expected_page} van 2"
    facts = {
        dt.get_text(strip=True): dt.find_next("dd").get_text(strip=True)
        for dt in soup.select(".facts dt")
    }
    assert facts["Opleidingen in deze stad"] == "60"


@pytest.mark.parametrize(
    ("url_name", "attribute"),
    [
        ("programmes:study_detail", "study"),
        ("programmes:institution_detail", "institution"),
        ("programmes:municipality_detail", "municipality"),
    ],
)
def test_linked_pages_list_published_programmes(
    client, django_assert_max_num_queries, url_name, attribute
):
    programme = ProgrammeFactory()
    target = getattr(programme, attribute)
    ProgrammeFactory.create_batch(
        3, **{attribute: target}, institution__municipality=programme.municipality
    )
    hidden = ProgrammeFactory(**{attribute: target}, is_published=False)
    with django_assert_max_num_queries(5):  # object, count, page, …
        response = client.get(target.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    links = [a["href"] for a in soup.select(".programme-list a")]
    assert programme.get_absolute_url() in links
    assert hidden.get_absolute_url() not in links
    assert len(links) == 4


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


def test_links_to_study_institution_and_city(client, leiden):
    overview = get_page(client, leiden, "en").find(id="overview")
    hrefs = {a["href"] for a in overview.find_all("a")}
    with translation.override("en"):
        expected = {
            leiden.study.get_absolute_url(),
            leiden.institution.get_absolute_url(),
            leiden.municipality.get_absolute_url(),
        }
    assert expected <= hrefs


def test_fee_source_is_cited_once_per_source(client):
    programme = ProgrammeFactory()
    duo = DataSourceFactory(name_en="DUO", kind=DataSource.Kind.OFFICIAL)
    demo = DataSourceFactory(name_en="Demo fees")
    TuitionFeeFactory(programme=programme, academic_year=2025, source=duo)
    TuitionFeeFactory(programme=programme, academic_year=2024, source=demo)
    TuitionFeeFactory(programme=programme, academic_year=2023, source=duo)
    section = get_page(client, programme, "en").find(id="fees")
    lines = [text_of(p) for p in section.select("p.source")]
    assert len(lines) == 2
    assert lines[0] == "Source: DUO"
    assert lines[1] == "Source: Demo fees Demo data — not real figures"


def test_sections_follow_the_reference_page_order(client, leiden):
    soup = get_page(client, leiden, "en")
    ids = [section["id"] for section in soup.select("article.programme > section")]
    assert ids == [
        "overview",
        "admission",
        "fees",
        "students",
        "progress",
        "satisfaction",
        "judgement",
        "careers",
    ]


def test_ids_are_unique_and_every_label_reference_exists(client, careers):
    survey_round = SurveyRoundFactory(year=2024)
    add_scores(careers, survey_round, {Aspect.Code.OVERALL: "3.90"})
    soup = get_page(client, careers, "en")
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for element in soup.find_all(attrs={"aria-labelledby": True}):
        assert set(element["aria-labelledby"].split()) <= set(ids)


def test_study_page_shows_national_averages_and_careers(client):
    study = StudyFactory(name_en="Biomedical Sciences")
    overall = AspectFactory(code=Aspect.Code.OVERALL, name_en="Overall")
    survey_round = SurveyRoundFactory(year=2024)
    for mean, respondents in (("3.80", 100), ("4.10", 300)):
        ProgrammeScoreFactory(
            programme=ProgrammeFactory(study=study),
            survey_round=survey_round,
            aspect=overall,
            mean=mean,
            respondents=respondents,
            population=1000,
        )
    CareerFigureFactory(outcome__study=study, value=2909, respondents=100)
    CareerFigureFactory(
        outcome__study=StudyFactory(level=study.level), value=3100, respondents=100
    )
    with translation.override("en"):
        response = client.get(study.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    averages = text_of(soup.find(id="national-averages"))
    # (3.80 × 100 + 4.10 × 300) / 400 = 4.025 → 4.0
    assert "Overall 4.0 / 5" in averages
    assert "Average of 2 programmes in NSE 2024" in averages
    careers = soup.find(id="careers")
    assert text_of(careers.find(attrs={"data-figure": "starting_salary"})) == "€2,909"
    chart = careers.find("svg", class_="salary-chart")
    assert "€2,909" in text_of(chart) and "€3,005" in text_of(chart)


def test_city_page_lists_its_institutions(client):
    city = MunicipalityFactory(name_en="Leiden", slug="leiden")
    ProgrammeFactory(
        institution__municipality=city, institution__name_en="Leiden University"
    )
    with translation.override("en"):
        response = client.get(city.get_absolute_url())
    soup = BeautifulSoup(response.content, "html.parser")
    assert [text_of(li.a) for li in soup.select(".institution-list li")] == [
        "Leiden University"
    ]
    filter_link = soup.find("a", href=re.compile(r"\?city=leiden$"))
    assert filter_link is not None


def _study_page_queries(client, study):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(study.get_absolute_url()).status_code == 200
    return len(queries)


def test_study_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    study = StudyFactory()
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    CareerFigureFactory(outcome__study=study)
    OccupationShareFactory(outcome=CareerOutcomeFactory(study=study, year=2024))

    def add_programmes(number):
        for _ in range(number):
            ProgrammeScoreFactory(
                programme=ProgrammeFactory(study=study), aspect=overall
            )

    add_programmes(3)
    few = _study_page_queries(client, study)
    add_programmes(27)
    assert _study_page_queries(client, study) == few
    with django_assert_max_num_queries(8):
        client.get(study.get_absolute_url())

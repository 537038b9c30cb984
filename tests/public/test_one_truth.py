"""One truth for every figure: the findings of issue 14, each as a student, an
editor or a liaison meets it. Every test here failed on the code before."""

import csv
import io
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from careers.models import CareerMetric
from programmes.importing.uploads import import_preview
from programmes.models import DataSource
from reports.builders import REPORTS, ReportFilters
from reports.writers import csv_stream
from surveys.models import Aspect, ProgrammeScore
from tests.careers.factories import CareerFigureFactory, CareerOutcomeFactory
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.listing_pages import get_listing
from tests.public.programme_pages import INSUFFICIENT, get_page, text_of
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


def compare_page(client, *programmes, language="en"):
    with translation.override(language):
        url = reverse("programmes:compare")
    query = "&".join(f"p={p.slug}" for p in programmes)
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def compare_values(soup, section, label) -> list[str] | None:
    """The row's printed value per programme (a cell spanning all counts for
    each); None when the row is left out (no programme has a figure)."""
    for row in soup.select(f"#compare-{section} tr"):
        if row.th.get_text(strip=True) == label:
            return [
                text_of(td.select_one(".compare__value") or td)
                for td in row.find_all("td")
                for _column in range(int(td.get("colspan", 1)))
            ]
    return None


def listing_row(soup, programme):
    link = soup.find("a", href=programme.get_absolute_url())
    assert link is not None, f"{programme} is not on the listing"
    return link.find_parent("li")


def listing_figures(row) -> dict[str, str]:
    """{label: printed value} of a listing row's figures, without year and n."""
    figures = {}
    for item in row.select(".result__figures > div"):
        value = item.dd.select_one(".result__value")
        figures[text_of(item.dt)] = text_of(value)
    return figures


def export_rows(report: str, language="en") -> list[dict[str, str]]:
    _title, build = REPORTS[report]
    with translation.override(language):
        data = b"".join(
            csv_stream(build(ReportFilters(institution_ids=None, language=language)))
        )
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def overall():
    return AspectFactory(code=Aspect.Code.OVERALL, name_en="Overall")


def test_latest_year_without_a_student_count_is_no_figure_anywhere(client):
    programme = ProgrammeFactory(slug="no-count")
    EnrolmentFactory(programme=programme, academic_year=2023, students=300)
    EnrolmentFactory(programme=programme, academic_year=2024, students=None)

    page = get_page(client, programme, "en")
    assert INSUFFICIENT["en"] in text_of(page.find(attrs={"data-figure": "students"}))
    row = listing_row(get_listing(client, language="en"), programme)
    assert "Students" not in listing_figures(row)
    assert "300" not in text_of(row)
    # Compared alone, its row is blank and left out, and named as left out.
    soup = compare_page(client, programme)
    assert compare_values(soup, "students", "Students") is None
    assert "Students" in text_of(soup.select_one(".compare-left-out"))
    assert "300" not in text_of(soup.select_one("#compare-table"))


def test_a_raised_respondent_threshold_holds_on_the_listing_too(
    client, settings, overall
):
    few = ProgrammeFactory(slug="few", name_en="Few answered")
    many = ProgrammeFactory(slug="many", name_en="Many answered")
    ProgrammeScoreFactory(programme=few, aspect=overall, mean="4.50", respondents=12)
    ProgrammeScoreFactory(programme=many, aspect=overall, mean="3.60", respondents=90)
    listing = get_listing(client, "min_score=4.0", "en")
    assert [text_of(h) for h in listing.select(".result__name")] == ["Few answered"]

    settings.SURVEY_MIN_RESPONDENTS = 20  # deployed without touching any record
    page = get_page(client, few, "en")
    overall_row = page.select_one('#satisfaction tr[data-aspect="overall"]')
    assert INSUFFICIENT["en"] in text_of(overall_row.select_one(".score--own"))
    assert get_listing(client, "min_score=4.0", "en").select(".result__name") == []
    by_score = get_listing(client, "sort=score", "en")
    assert [text_of(h) for h in by_score.select(".result__name")] == [
        "Many answered",
        "Few answered",
    ]
    assert "Survey score" not in listing_figures(listing_row(by_score, few))


@pytest.mark.django_db(transaction=True)
def test_editing_a_survey_round_year_moves_the_listing_with_the_page(client):
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    programme = ProgrammeFactory(name_en="Moved")
    older, newer = SurveyRoundFactory(year=2023), SurveyRoundFactory(year=2024)
    ProgrammeScoreFactory(
        programme=programme, aspect=overall, survey_round=older, mean="4.50"
    )
    ProgrammeScoreFactory(
        programme=programme, aspect=overall, survey_round=newer, mean="3.00"
    )
    row = listing_row(get_listing(client, language="en"), programme)
    assert listing_figures(row)["Survey score"] == "3.0 / 5"

    older.year = 2025  # an editor corrects the round's year in the admin
    older.save()
    row = listing_row(get_listing(client, language="en"), programme)
    assert listing_figures(row)["Survey score"] == "4.5 / 5"
    overall_row = get_page(client, programme, "en").select_one(
        '#satisfaction tr[data-aspect="overall"]'
    )
    assert text_of(overall_row.select_one(".score--own .score__value")) == "4.5 / 5"


@pytest.mark.django_db(transaction=True)
def test_editing_a_career_outcome_moves_the_listing_with_the_page(client):
    programme = ProgrammeFactory(name_en="Outcome moved")
    older = CareerOutcomeFactory(study=programme.study, year=2022)
    newer = CareerOutcomeFactory(study=programme.study, year=2023)
    CareerFigureFactory(outcome=older, value=3000)
    CareerFigureFactory(outcome=newer, value=2500)
    row = listing_row(get_listing(client, language="en"), programme)
    assert listing_figures(row)["Starting salary"] == "€2,500"

    older.year = 2024
    older.save()
    row = listing_row(get_listing(client, language="en"), programme)
    assert listing_figures(row)["Starting salary"] == "€3,000"
    page = get_page(client, programme, "en")
    assert text_of(page.find(attrs={"data-figure": "starting_salary"})) == "€3,000"


def test_a_latest_outcome_without_a_salary_shows_none_on_the_listing(client):
    """The page shows the latest outcome; the listing must not reach back."""
    programme = ProgrammeFactory()
    CareerFigureFactory(outcome__study=programme.study, outcome__year=2022, value=3000)
    newer = CareerOutcomeFactory(study=programme.study, year=2023)
    CareerFigureFactory(outcome=newer, metric=CareerMetric.WEEKLY_HOURS, value=38)
    page = get_page(client, programme, "en")
    assert INSUFFICIENT["en"] in text_of(
        page.find(attrs={"data-figure": "starting_salary"})
    )
    row = listing_row(get_listing(client, language="en"), programme)
    assert "Starting salary" not in listing_figures(row)


@pytest.mark.parametrize("catalogue_size", [3, 30])
def test_a_one_row_upload_preview_reads_a_fixed_number_of_rows(
    catalogue_size, django_assert_max_num_queries
):
    """A preview does not recompute the catalogue's summaries (it is rolled back)
    and reads only the programmes its file names."""
    study = StudyFactory(croho_code="66990")
    target = ProgrammeFactory(study=study, institution=InstitutionFactory(brin="21PB"))
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    for _ in range(catalogue_size):
        ProgrammeScoreFactory(aspect=overall)
    data = (
        b"brin;croho_code;form;year;aspect;mean;respondents;std_dev;population\r\n"
        b"21PB;66990;voltijd;2024;overall;3.9;143;0.80;300\r\n"
    )
    with django_assert_max_num_queries(32):
        result = import_preview(kind="surveys", data=data, file_name="one.csv")
    assert result.created == 1
    assert not ProgrammeScore.objects.filter(programme=target).exists()


def test_level_salary_average_reads_the_same_on_the_page_and_in_the_export(client):
    programme = ProgrammeFactory(study__level="WO-MA")
    CareerFigureFactory(outcome__study=programme.study, value=2900, respondents=70)
    CareerFigureFactory(outcome__study__level="WO-MA", value=3071, respondents=30)
    # (2900 × 70 + 3071 × 30) / 100 = 2951.3: printed as €2,951 on the page.
    page = get_page(client, programme, "en")
    assert text_of(page.find(attrs={"data-figure": "salary_average"})) == "€2,951"
    rows = export_rows("careers")
    salary = next(
        r
        for r in rows
        if r["CROHO code"] == programme.study.croho_code
        and r["Figure"].startswith("Starting salary")
    )
    assert salary["Average of the level"] == "2951"
    assert salary["Value"] == "2900"


def test_a_salary_ending_in_fifty_cents_rounds_up_everywhere(client):
    programme = ProgrammeFactory()
    CareerFigureFactory(outcome__study=programme.study, value="2950.50")
    page = get_page(client, programme, "en")
    assert text_of(page.find(attrs={"data-figure": "starting_salary"})) == "€2,951"
    row = listing_row(get_listing(client, language="en"), programme)
    assert listing_figures(row)["Starting salary"] == "€2,951"
    compared = compare_values(
        compare_page(client, programme), "careers", "Starting salary (EUR per month)"
    )
    assert compared == ["€2,951"]


def test_each_figure_shows_its_own_n(client, overall):
    programme = ProgrammeFactory()
    atmosphere = AspectFactory(code=Aspect.Code.ATMOSPHERE)
    ProgrammeScoreFactory(programme=programme, aspect=overall, respondents=143)
    ProgrammeScoreFactory(programme=programme, aspect=atmosphere, respondents=60)
    outcome = CareerOutcomeFactory(study=programme.study, respondents=150)
    CareerFigureFactory(
        outcome=outcome, metric=CareerMetric.JOB_IN_FIELD, value=80, respondents=25
    )
    page = get_page(client, programme, "en")
    row = page.select_one('#satisfaction tr[data-aspect="atmosphere"]')
    assert text_of(row.select_one(".score--own .figure-n")) == "n = 60"
    # The national average pools this programme's 60 answers (no other programme).
    assert text_of(row.select_one(".score--national .figure-n")) == "n = 60"
    job = page.find(attrs={"data-figure": "job_in_field"}).find_parent("dd")
    assert text_of(job.select_one(".figure-n")) == "n = 25"


def test_listing_and_compare_say_year_n_and_source(client, overall):
    demo = DataSourceFactory(name_en="NSE demo file", kind=DataSource.Kind.DEMO)
    programme = ProgrammeFactory(slug="cited")
    ProgrammeScoreFactory(
        programme=programme,
        aspect=overall,
        respondents=143,
        survey_round=SurveyRoundFactory(year=2024, source=demo),
    )
    row = listing_row(get_listing(client, language="en"), programme)
    about = text_of(row.select_one(".result__figures .figure-about"))
    assert about == "2024 · n = 143 · NSE demo file (demo data)"
    cell = compare_page(client, programme).select_one("#compare-survey td")
    assert text_of(cell.select_one(".figure-about")).startswith(
        "2024 · n = 143 · NSE demo file (demo data)"
    )


def test_every_survey_export_row_names_its_source_and_says_demo(overall):
    demo = DataSourceFactory(name_en="NSE demo file", kind=DataSource.Kind.DEMO)
    ProgrammeScoreFactory(
        aspect=overall, survey_round=SurveyRoundFactory(year=2024, source=demo)
    )
    rows = export_rows("survey")
    assert [row["Source"] for row in rows] == [
        "NSE demo file (demo data, not real figures)"
    ]


def test_best_compares_what_the_page_prints_and_ignores_noise(client, overall):
    study = StudyFactory()
    a, b, c = (ProgrammeFactory(study=study, slug=slug) for slug in "abc")
    ProgrammeScoreFactory(programme=a, aspect=overall, mean="3.96")
    ProgrammeScoreFactory(programme=b, aspect=overall, mean="4.04")
    soup = compare_page(client, a, b)
    assert compare_values(soup, "survey", "Overall") == ["4.0 / 5", "4.0 / 5"]
    assert soup.select("#compare-survey .best-marker") == []
    assert soup.select("#compare-survey tr[data-same]")  # printed once
    # 4.3 against 4.0 with 20 answers each (margins about ±0.35): noise.
    ProgrammeScoreFactory(
        programme=c, aspect=overall, mean="4.30", respondents=20, std_dev="0.80"
    )
    soup = compare_page(client, a, c)
    assert soup.select("#compare-survey .best-marker") == []


def test_best_is_marked_when_a_difference_is_beyond_noise(client, overall):
    study = StudyFactory()
    a, b = (ProgrammeFactory(study=study, slug=slug) for slug in "ab")
    ProgrammeScoreFactory(programme=a, aspect=overall, mean="3.50", respondents=300)
    ProgrammeScoreFactory(programme=b, aspect=overall, mean="4.20", respondents=300)
    soup = compare_page(client, a, b)
    marked = [
        bool(td.select_one(".best-marker")) for td in soup.select("#compare-survey td")
    ]
    assert marked == [False, True]
    national = soup.select_one("#compare-survey .compare__national")
    assert re.search(r"national average of the study: 3\.9", text_of(national))


def test_student_counts_on_the_listing_cite_the_enrolments_source(client):
    programme = ProgrammeFactory()
    enrolment = EnrolmentFactory(programme=programme, academic_year=2024)
    duo = DataSourceFactory(name_en="DUO enrolments", kind=DataSource.Kind.OFFICIAL)
    enrolment.sources.add(duo)  # as an editor does in the admin
    row = listing_row(get_listing(client, language="en"), programme)
    about = text_of(row.select_one(".result__figures .figure-about"))
    assert about == "2024–2025 · DUO enrolments"


def test_sorting_by_score_pages_through_shown_scores_then_the_rest(client, overall):
    """The shown scores, highest first, across pages; then the withheld and
    missing ones by name, never by their hidden value."""
    for index in range(22):
        ProgrammeScoreFactory(
            programme=ProgrammeFactory(name_en=f"Shown {index:02d}"),
            aspect=overall,
            mean=f"{3 + index / 100:.2f}",
        )
    ProgrammeScoreFactory(
        programme=ProgrammeFactory(name_en="B withheld"),
        aspect=overall,
        mean="4.90",
        respondents=2,
    )
    ProgrammeFactory(name_en="A without a score")
    first = get_listing(client, "sort=score", "en")
    assert [text_of(h) for h in first.select(".result__name")] == [
        f"Shown {index:02d}" for index in range(21, 1, -1)
    ]
    second = get_listing(client, "sort=score&page=2", "en")
    assert [text_of(h) for h in second.select(".result__name")] == [
        "Shown 01",
        "Shown 00",
        "A without a score",
        "B withheld",
    ]

"""Every figure reads the same on the programme page, the compare page, the
listing and the CSV exports, for every programme of a generated catalogue with
missing years, suppressed cells, demo and official sources, unpublished peers,
and thresholds changed after the figures were stored."""

import csv
import io
import random
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from programmes.models import DataSource
from reports.builders import REPORTS, ReportFilters
from reports.writers import csv_stream
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory, CareerOutcomeFactory
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.listing_pages import get_listing
from tests.public.programme_pages import get_page, text_of
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db

SALARY = "Starting salary (EUR per month)"
FIGURES = ("students", "score", "national", "salary", "salary_average")


def printed(text: str | None) -> str | None:
    """A printed figure as a plain number ("€2,951" → "2951", "3.9 / 5" → "3.9");
    None where the figure is withheld or absent."""
    if not text or "nsufficient" in text or text.startswith("–"):
        return None
    number = text.replace("€", "").replace("/ 5", "").replace(",", "").strip()
    return str(Decimal(number))


@pytest.fixture
def catalogue():
    rng = random.Random(14)
    official = DataSourceFactory(kind=DataSource.Kind.OFFICIAL, name_en="DUO")
    demo = DataSourceFactory(kind=DataSource.Kind.DEMO, name_en="Demo")
    overall = AspectFactory(code=Aspect.Code.OVERALL, name_en="Overall")
    atmosphere = AspectFactory(code=Aspect.Code.ATMOSPHERE, name_en="Atmosphere")
    rounds = [
        SurveyRoundFactory(year=2023, source=official),
        SurveyRoundFactory(year=2024, source=demo),
    ]
    studies = [StudyFactory(level="WO-MA") for _ in range(3)]
    studies.append(StudyFactory(level="HBO-BA"))
    programmes = []
    for index in range(18):
        programme = ProgrammeFactory(
            study=studies[index % 4], is_published=index % 7 != 6
        )
        programmes.append(programme)
        for year in (2022, 2023, 2024):
            empty = year == 2024 and index % 5 == 0  # the latest year has no count
            EnrolmentFactory(
                programme=programme,
                academic_year=year,
                students=None if empty else rng.randint(20, 900),
            )
        for survey_round in rounds:
            if survey_round.year == 2024 and index % 4 == 3:
                continue  # not in the latest round
            for aspect in (overall, atmosphere):
                if aspect is overall and index % 6 == 1 and survey_round.year == 2024:
                    continue  # the latest round without an overall score
                ProgrammeScoreFactory(
                    programme=programme,
                    aspect=aspect,
                    survey_round=survey_round,
                    mean=Decimal(rng.randint(280, 460)) / 100,
                    respondents=rng.choice([3, 8, 15, 25, 40, 120]),
                    std_dev=Decimal(rng.randint(40, 130)) / 100,
                    population=rng.choice([None, 150, 400]),
                )
    for number, study in enumerate(studies):
        for year in (2022, 2023):
            outcome = CareerOutcomeFactory(
                study=study, year=year, source=demo if number % 2 else official
            )
            if number == 2 and year == 2023:
                continue  # the latest outcome has no salary
            CareerFigureFactory(
                outcome=outcome,
                value=Decimal(rng.randint(250000, 350000)) / 100,
                # The hbo study's are too few: its level has no average either.
                respondents=12 if number == 3 else rng.choice([12, 25, 60, 150]),
            )
    return [p for p in programmes if p.is_published]


def page_figures(client, programme) -> dict:
    page = get_page(client, programme, "en")

    def figure(name):
        node = page.find(attrs={"data-figure": name})
        return printed(text_of(node)) if node else None

    overall = page.select_one('#satisfaction tr[data-aspect="overall"]')

    def score(column):
        if overall is None:
            return None
        return printed(text_of(overall.select_one(f".score--{column} .score__value")))

    return {
        "students": figure("students"),
        "score": score("own"),
        "national": score("national"),
        "salary": figure("starting_salary"),
        "salary_average": figure("salary_average"),
    }


def listing_figures(client) -> dict:
    soup = get_listing(client, language="en")
    figures = {}
    for row in soup.select("li.result"):
        href = row.select_one(".result__name a")["href"]
        shown = {
            text_of(item.dt): printed(text_of(item.select_one(".result__value")))
            for item in row.select(".result__figures > div")
        }
        figures[href] = {
            "students": shown.get("Students"),
            "score": shown.get("Survey score"),
            "salary": shown.get("Starting salary"),
        }
    return figures


def _compare_value(rows, label, index):
    cells = rows.get(label)
    if cells is None:
        return None
    return printed(text_of(cells[index].select_one(".compare__value")))


def _compare_national(rows, index):
    cells = rows.get("Overall")
    found = cells and cells[index].select_one(".compare__national")
    if not found:
        return None
    return printed(text_of(found).split(": ")[1].split(" ")[0])


def compare_figures(client, programmes) -> dict:
    with translation.override("en"):
        url = reverse("programmes:compare")
    figures = {}
    for start in range(0, len(programmes), 10):
        batch = programmes[start : start + 10]
        query = "&".join(f"p={p.slug}" for p in batch)
        soup = BeautifulSoup(client.get(f"{url}?{query}").content, "html.parser")
        # A cell that reads the same for every programme spans their columns.
        rows = {
            text_of(row.th): [
                td
                for td in row.find_all("td")
                for _column in range(int(td.get("colspan", 1)))
            ]
            for row in soup.select(".compare tbody tr")
        }
        for index, programme in enumerate(batch):
            figures[programme.pk] = {
                "students": _compare_value(rows, "Students", index),
                "score": _compare_value(rows, "Overall", index),
                "national": _compare_national(rows, index),
                "salary": _compare_value(rows, SALARY, index),
            }
    return figures


def export_rows(report: str) -> list[dict]:
    _title, build = REPORTS[report]
    with translation.override("en"):
        report_file = build(ReportFilters(institution_ids=None, language="en"))
        data = b"".join(csv_stream(report_file))
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def export_figures(programmes) -> dict:
    # The export lists every year; the page shows the latest year the programme
    # took part in (any aspect), and that year's overall score if it has one.
    latest, survey = {}, {}
    for row in export_rows("survey"):
        key = (row["BRIN code"], row["CROHO code"])
        latest[key] = max(latest.get(key, 0), int(row["Survey year"]))
        if row["Aspect"] == "Overall":
            survey[key, int(row["Survey year"])] = row
    survey = {key: (year, survey.get((key, year), {})) for key, year in latest.items()}
    careers = {}
    for row in export_rows("careers"):
        if row["Figure"] != SALARY:
            continue
        if (
            row["CROHO code"] not in careers
            or int(row["Year"]) > careers[row["CROHO code"]][0]
        ):
            careers[row["CROHO code"]] = (int(row["Year"]), row)
    figures = {}
    for programme in programmes:
        _year, score = survey.get(
            (programme.institution.brin, programme.study.croho_code), (0, {})
        )
        _year, salary = careers.get(programme.study.croho_code, (0, {}))
        figures[programme.pk] = {
            "score": printed(score.get("Score")),
            "national": printed(score.get("National average of the study")),
            "salary": printed(salary.get("Value")),
            "salary_average": printed(salary.get("Average of the level")),
        }
    return figures


def latest_outcome_year(programme) -> int | None:
    outcome = programme.study.career_outcomes.order_by("-year").first()
    return outcome.year if outcome else None


@pytest.mark.parametrize(
    "thresholds",
    [
        {},
        {
            "SURVEY_MIN_RESPONDENTS": 30,
            "SURVEY_MAX_MARGIN": 0.3,
            "CAREERS_MIN_RESPONDENTS": 40,
        },
    ],
    ids=["as-stored", "thresholds-raised-later"],
)
def test_every_figure_reads_the_same_everywhere(
    client, settings, catalogue, thresholds
):
    for name, value in thresholds.items():
        setattr(settings, name, value)
    listing = listing_figures(client)
    compared = compare_figures(client, catalogue)
    exported = export_figures(catalogue)
    shown = dict.fromkeys(FIGURES, 0)
    for programme in catalogue:
        page = page_figures(client, programme)
        places = {
            "listing": listing[programme.get_absolute_url()],
            "compare": compared[programme.pk],
            "export": exported[programme.pk],
        }
        if latest_outcome_year(programme) is not None:
            # The careers export lists every year: its latest salary row is the
            # page's only when the latest outcome has one.
            has_salary = programme.study.career_outcomes.filter(
                year=latest_outcome_year(programme), figures__metric="starting_salary"
            ).exists()
            if not has_salary:
                places["export"] = {
                    k: v for k, v in places["export"].items() if "salary" not in k
                }
        for name in FIGURES:
            readings = {"page": page[name]} | {
                place: figures[name]
                for place, figures in places.items()
                if name in figures
            }
            assert len(set(readings.values())) == 1, (programme, name, readings)
            shown[name] += page[name] is not None
    # The catalogue exercises both sides of the rule for every figure.
    assert all(0 < count < len(catalogue) for count in shown.values()), shown

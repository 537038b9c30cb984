"""The institution page: its programmes grouped by level with their variants told
apart, its programmes per level, and its students and first-years over the years
("Over the years"), summed by hand here from a small catalogue."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from programmes.models import DataSource, Enrolment, Form, Level
from public.views.detail import InstitutionDetailView
from tests.programmes.factories import (
    DataSourceFactory,
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.place_pages import enrol, leiden_university_with_enrolments
from tests.public.programme_pages import text_of

pytestmark = pytest.mark.django_db

LEVELS = {
    "nl": ["Bachelor (wo)", "Master (wo)"],
    "en": ["Bachelor (research university)", "Master (research university)"],
}


@pytest.fixture
def university():
    return leiden_university_with_enrolments()


def get_soup(client, institution, language="nl", **params):
    with translation.override(language):
        url = institution.get_absolute_url()
    response = client.get(url, params)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def visible_text(node) -> str:
    for hidden in node.select(".visually-hidden"):
        hidden.decompose()
    return text_of(node)


def listed_lines(soup) -> list[tuple[str, str, dict[str, str]]]:
    """(level heading, programme name, {variant: text}) per listed line."""
    lines = []
    for heading in soup.select(".place-programmes__level"):
        for item in heading.find_next_sibling("ul").select("li"):
            facts = {
                fact["data-variant"]: visible_text(fact)
                for fact in item.select("[data-variant]")
            }
            name = text_of(item.select_one(".programme-variant__name"))
            lines.append((heading["data-level"], name, facts))
    return lines


@pytest.mark.parametrize(
    ("language", "form", "dutch", "english"),
    [
        ("nl", {"full": "Voltijd", "part": "Deeltijd"}, "Nederlands", "Engels"),
        ("en", {"full": "Full-time", "part": "Part-time"}, "Dutch", "English"),
    ],
)
def test_programmes_are_grouped_by_level_and_their_variants_told_apart(
    client, university, language, form, dutch, english
):
    soup = get_soup(client, university, language)

    headings = [text_of(h) for h in soup.select(".place-programmes__level")]
    assert headings == LEVELS[language]
    biology = "Biologie" if language == "nl" else "Biology"
    law = "Rechten" if language == "nl" else "Law"
    the_hague = "’s-Gravenhage" if language == "nl" else "The Hague"
    assert listed_lines(soup) == [
        ("WO-BA", biology, {"form": form["full"], "language": dutch, "ects": "180 ECTS"}),
        ("WO-BA", biology, {"form": form["part"], "language": dutch, "ects": "180 ECTS"}),
        ("WO-BA", law, {"form": form["full"], "language": english,
                        "location": the_hague, "ects": "180 ECTS"}),
        ("WO-MA", biology, {"form": form["full"], "language": english, "ects": "120 ECTS"}),
        ("WO-MA", "Data Science", {"form": form["full"], "language": english,
                                   "ects": "60 ECTS"}),
    ]  # fmt: skip
    # Proper nouns carry no "only available in" note.
    assert not soup.select(".fallback-note")


def test_a_name_missing_in_english_is_shown_in_dutch_without_a_note(client, university):
    university.programmes.filter(slug="biologie-voltijd").update(name_en="")
    soup = get_soup(client, university, "en")
    first = soup.select_one(".programme-variant__name")
    assert text_of(first) == "Biologie"
    assert first.select_one('[lang="nl"]')
    assert not soup.select(".fallback-note")


def test_programmes_per_level_count_each_government_funded_study_once(
    client, university
):
    soup = get_soup(client, university, "en")
    rows = {
        row["data-level"]: (
            text_of(row.select_one('[data-figure="programmes"]')),
            text_of(row.select_one('[data-figure="records"]')),
        )
        for row in soup.select('[data-table="levels"] tbody tr')
    }
    # Bachelor: Biology (two forms) and Law; master: Biology, not the private one.
    assert rows == {"WO-BA": ("2", "3"), "WO-MA": ("1", "2")}
    assert text_of(soup.select_one('.facts [data-figure="programmes"]')) == "3"


def trends_section(soup):
    return soup.find(id="trends")


def enrolment_rows(soup) -> dict[str, dict[str, str]]:
    """The "Over the years" table: {year: {count: text}}."""
    return {
        row["data-year"]: {
            cell["data-figure"]: text_of(cell) for cell in row.select("td[data-figure]")
        }
        for row in trends_section(soup).select('[data-table="trends"] tbody tr')
    }


NOT_PUBLISHED = "– not published"


def test_students_and_first_years_are_summed_year_by_year_with_gaps_and_incomplete_totals(
    client, university
):
    soup = get_soup(client, university, "en")
    rows = enrolment_rows(soup)

    assert list(rows) == ["2021", "2022", "2023", "2024"]
    # 2021: 300 + 40 + 200 + 50 + 7 students, 100 + 10 + 80 + 20 + 7 first-years;
    # the unpublished programme's 1,000 and 500 are not summed.
    assert rows["2021"] == {"students": "597", "first_years": "217"}
    # 2022: the part-time count is suppressed: 310 + 210 + 55 + 8, 1 of 5 missing;
    # first-years 105 + 85 + 8, 2 of 5 missing.
    assert rows["2022"] == {
        "students": "583 Incomplete: 1 of 5 programmes has no published count.",
        "first_years": "198 Incomplete: 2 of 5 programmes have no published count.",
    }
    # 2023: every count suppressed: a gap, never 0.
    assert rows["2023"] == {"students": NOT_PUBLISHED, "first_years": NOT_PUBLISHED}
    # 2024: only the full-time bachelor is registered; its count is the total,
    # not marked incomplete (the others have no record that year).
    assert rows["2024"] == {"students": "330", "first_years": "120"}
    definition = text_of(trends_section(soup).select_one(".figure-definition"))
    assert definition.startswith("Summed over the institution's published programmes.")
    assert "Programmes without a registration in a year are not part of" in definition


def chart_points(chart) -> list[str]:
    return [text_of(point.find("title")) for point in chart.select("circle")]


def test_the_chart_draws_shown_totals_and_says_which_years_have_none(
    client, university
):
    section = trends_section(get_soup(client, university, "en"))
    students = section.select_one('[data-chart="students"]')
    first_years = section.select_one('[data-chart="first_years"]')
    # A point per shown total, none for 2023; 2022's sum drawn as shown.
    assert chart_points(students) == [
        "Students, 2021: 597",
        "Students, 2022: 583",
        "Students, 2024: 330",
    ]
    assert chart_points(first_years) == [
        "First-year students, 2021: 217",
        "First-year students, 2022: 198",
        "First-year students, 2024: 120",
    ]
    # The line joins 2021 and 2022 only: 2024 stands alone after the gap.
    assert len(students.select("polyline")) == 1
    for chart in (students, first_years):
        svg = chart.select_one("svg")
        assert "No published figure for: 2023." in text_of(svg.find("desc"))
        assert svg.get("aria-labelledby")
        assert chart.select_one(".chart-legend")


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        (DataSource.Kind.DEMO, "Demo data — not real figures"),
        (DataSource.Kind.SYNTHETIC, "Synthetic data — not real figures"),
        (DataSource.Kind.OFFICIAL, None),
    ],
)
def test_demo_and_synthetic_figures_are_marked(client, university, kind, label):
    DataSource.objects.filter(key="demo-enrolments").update(kind=kind)
    section = trends_section(get_soup(client, university, "en"))
    labels = [text_of(node) for node in section.select("p.demo-label")]
    assert labels == ([label] if label else [])
    assert "Demo enrolments" in text_of(section)


def test_an_institution_without_figures_says_so(client):
    institution = ProgrammeFactory().institution
    section = trends_section(get_soup(client, institution, "en"))
    assert not section.select("svg")
    assert "We have insufficient reliable information" in text_of(section)


def test_a_level_spanning_two_pages_is_continued_under_its_heading(
    client, university, monkeypatch
):
    monkeypatch.setattr(InstitutionDetailView, "programmes_per_page", 2)
    pages = [get_soup(client, university, "en", page=n) for n in (1, 2, 3)]

    first, second, third = ([text_of(h) for h in page.select("h3.place-programmes__level")]
                            for page in pages)  # fmt: skip
    assert first == ["Bachelor (research university)"]
    assert second == [
        "Bachelor (research university) (continued)",
        "Master (research university)",
    ]
    assert third == ["Master (research university) (continued)"]
    # Every listed record once, in order, across the pages.
    links = [a["href"] for page in pages for a in page.select(".programme-list a")]
    assert len(links) == len(set(links)) == 5


def test_query_count_does_not_grow_with_the_programmes(client):
    institution = InstitutionFactory()
    source = DataSourceFactory()
    made = []

    def grow_to(total):
        while len(made) < total:
            level = (Level.WO_BA, Level.WO_MA)[len(made) % 2]
            programme = ProgrammeFactory(
                institution=institution,
                study=StudyFactory(level=level),
                form=(Form.FULL_TIME, Form.PART_TIME)[len(made) % 2],
            )
            for year in (2022, 2023):
                enrol(programme, year, 100, None if len(made) % 3 else 30, source)
            made.append(programme)

    counts = []
    for total in (3, 30):
        grow_to(total)
        with CaptureQueriesContext(connection) as queries:
            get_soup(client, institution, "nl")
        counts.append(len(queries))
    # The institution, "Over the years" (its stored sums, series and cited
    # sources: public.enrolment_sums), the programmes per level, the listed
    # programmes: 4, however many programmes.
    assert counts == [4, 4]


def test_a_catalogue_from_a_synthetic_source_is_marked(client, university):
    DataSource.objects.filter(key="demo-enrolments").update(
        kind=DataSource.Kind.OFFICIAL
    )
    synthetic = DataSourceFactory(kind=DataSource.Kind.SYNTHETIC)
    university.programmes.filter(slug="biologie-deeltijd").update(source=synthetic)
    soup = get_soup(client, university, "en")
    label = "Synthetic data — not real figures"
    levels = soup.select_one('[data-table="levels"]').find_previous("p")
    assert text_of(levels) == label
    listed = soup.select_one(".place-programmes")
    assert [text_of(p) for p in listed.select("p.demo-label")] == [label]
    # Real programmes and real figures: no label.
    university.programmes.filter(source=synthetic).update(source=None)
    soup = get_soup(client, university, "en")
    assert not soup.select("p.demo-label")


def test_a_year_without_any_record_is_a_gap_between_its_neighbours(client, university):
    Enrolment.objects.filter(academic_year=2023).delete()
    rows = enrolment_rows(get_soup(client, university, "en"))
    assert list(rows) == ["2021", "2022", "2023", "2024"]
    assert rows["2023"] == {"students": NOT_PUBLISHED, "first_years": NOT_PUBLISHED}

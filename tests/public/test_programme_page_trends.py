"""The programme page's "Over the years": a line chart per count and the table,
where a suppressed year reads "not published" (never 0) and DUO's switch of
first-year series is a numbered break with a note, in Dutch and English."""

import pytest

from programmes.models import DataSource, EnrolmentFigureSource
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    ProgrammeFactory,
)
from tests.public.programme_pages import INSUFFICIENT, get_page, text_of

pytestmark = pytest.mark.django_db

Figure = EnrolmentFigureSource.Figure
NOT_PUBLISHED = {"nl": "niet gepubliceerd", "en": "not published"}


@pytest.fixture
def programme():
    """First-years 2013–2016, the older series up to 2014 and the newer from
    2015; graduates 2014–2016 from one series, 2015 suppressed by DUO."""
    old = DataSourceFactory(
        key="duo-old",
        name_nl="DUO, oude reeks",
        name_en="DUO, old series",
        kind=DataSource.Kind.OFFICIAL,
    )
    new = DataSourceFactory(
        key="duo-new",
        name_nl="DUO, nieuwe reeks",
        name_en="DUO, new series",
        kind=DataSource.Kind.OFFICIAL,
    )
    graduates = DataSourceFactory(
        key="duo-graduates",
        name_nl="DUO, gediplomeerden",
        name_en="DUO, graduates",
        kind=DataSource.Kind.OFFICIAL,
    )
    programme = ProgrammeFactory()
    years = {
        # year: (first-years, women, men, first-years' series, graduates)
        2013: (40, 25, 15, old, None),
        2014: (44, 30, 14, old, 10),
        2015: (1090, 600, 490, new, None),
        2016: (1200, 700, 500, new, 1234),
    }
    for year, (first, women, men, series, graduated) in years.items():
        enrolment = EnrolmentFactory(
            programme=programme,
            academic_year=year,
            students=None,
            first_years=first,
            first_years_women=women,
            first_years_men=men,
            graduates=graduated,
        )
        EnrolmentFigureSource.objects.create(
            enrolment=enrolment, figure=Figure.FIRST_YEARS, source=series
        )
        enrolment.sources.add(series)
        if year >= 2014:
            EnrolmentFigureSource.objects.create(
                enrolment=enrolment, figure=Figure.GRADUATES, source=graduates
            )
            enrolment.sources.add(graduates)
    return programme


def cells(section, year):
    row = section.find("tr", attrs={"data-year": str(year)})
    return {td["data-figure"]: text_of(td) for td in row.find_all("td")}


@pytest.mark.parametrize(
    ("language", "heading", "thousands"),
    [("nl", "Door de jaren", "1.090"), ("en", "Over the years", "1,090")],
)
def test_table_shows_every_year_and_a_suppressed_one_as_not_published(
    client, programme, language, heading, thousands
):
    section = get_page(client, programme, language).find(id="trends")
    assert text_of(section.find("h2")) == heading
    rows = section.find("table", attrs={"data-table": "trends"}).find_all(
        "tr", attrs={"data-year": True}
    )
    assert [row["data-year"] for row in rows] == ["2013", "2014", "2015", "2016"]
    # No student count in any year: the column is left out, not filled with 0s.
    assert "students" not in cells(section, 2013)
    assert cells(section, 2015)["first_years"] == thousands
    assert cells(section, 2015)["first_years_women"] == "600"
    assert cells(section, 2015)["first_years_men"] == "490"
    # 2013 has no graduates' record, 2015 is suppressed: both "not published".
    assert cells(section, 2013)["graduates"] == f"– {NOT_PUBLISHED[language]}"
    assert cells(section, 2015)["graduates"] == f"– {NOT_PUBLISHED[language]}"
    assert cells(section, 2014)["graduates"] == "10"


def test_series_switch_is_a_numbered_break_with_a_note_saying_what_changed(
    client, programme
):
    section = get_page(client, programme, "en").find(id="trends")
    notes = section.find(attrs={"data-notes": "breaks"}).find_all("li")
    assert [note["data-break"] for note in notes] == ["2014-2015"]
    note = text_of(notes[0])
    assert note.startswith("First-year students: a break in the series.")
    assert "up to 2014–2015 and from 2015–2016 come from different series" in note
    assert "Up to 2014–2015: DUO, old series." in note
    assert "From 2015–2016: DUO, new series." in note
    # The graduates' gap (2015) is no break: one series throughout.
    chart = section.find(attrs={"data-chart": "first_years"})
    assert [g["data-break"] for g in chart.find_all("g", class_="trend-chart__break")]
    svg = chart.find("svg")
    assert svg["role"] == "img"
    assert text_of(svg.find("title")) == "First-year students per academic year"
    assert "A line from 2013 to 2016" in text_of(svg.find("desc"))
    # Each point says its value, written as the table writes it.
    assert "First-year students, 2015: 1,090" in [
        text_of(title) for title in svg.select("circle > title")
    ]
    graduates = section.find(attrs={"data-chart": "graduates"})
    assert graduates.find_all("g", class_="trend-chart__break") == []


def test_break_note_in_dutch(client, programme):
    section = get_page(client, programme, "nl").find(id="trends")
    note = text_of(section.find(attrs={"data-notes": "breaks"}).find("li"))
    assert "Tot en met 2014–2015: DUO, oude reeks." in note
    assert "Vanaf 2015–2016: DUO, nieuwe reeks." in note


def test_the_line_is_never_drawn_across_a_gap_or_a_break(client, programme):
    section = get_page(client, programme, "en").find(id="trends")
    first_years = section.find(attrs={"data-chart": "first_years"})
    total = first_years.find("g", class_="trend-chart__line--total")
    # Two segments of two years each: 2013–2014 and 2015–2016.
    assert len(total.find_all("polyline")) == 2
    assert len(total.find_all("circle")) == 4
    graduates = section.find(attrs={"data-chart": "graduates"})
    line = graduates.find("g", class_="trend-chart__line--total")
    # 2014 and 2016 around the suppressed 2015: two lone points, no line.
    assert line.find_all("polyline") == []
    assert len(line.find_all("circle")) == 2


def test_programme_without_any_count_says_insufficient_information(client):
    section = get_page(client, ProgrammeFactory(), "en").find(id="trends")
    assert INSUFFICIENT["en"] in text_of(section)
    assert section.find("table") is None


def test_a_gender_duo_left_out_is_zero_when_the_other_is_all_first_years(client):
    programme = ProgrammeFactory()
    EnrolmentFactory(
        programme=programme,
        academic_year=2020,
        first_years=12,
        first_years_women=12,
        first_years_men=None,
    )
    EnrolmentFactory(
        programme=programme,
        academic_year=2021,
        first_years=None,
        first_years_women=9,
        first_years_men=None,
    )
    section = get_page(client, programme, "en").find(id="trends")
    assert cells(section, 2020)["first_years_men"] == "0"
    # The total unknown: the missing men cannot be told from the women.
    assert cells(section, 2021)["first_years_men"] == "– not published"
    assert cells(section, 2021)["first_years_women"] == "9"


def test_demo_counts_are_labelled_and_cited_even_without_figure_sources(client):
    """Demo and synthetic records cite their source only as a whole
    (Enrolment.sources), never per figure: the section still labels them."""
    programme = ProgrammeFactory()
    demo = DataSourceFactory(name_en="Demo enrolments", kind=DataSource.Kind.DEMO)
    EnrolmentFactory(programme=programme, academic_year=2023).sources.add(demo)
    section = get_page(client, programme, "en").find(id="trends")
    assert "Demo data — not real figures" in text_of(section)
    assert "Source: Demo enrolments" in text_of(section)

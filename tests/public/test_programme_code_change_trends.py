"""A programme code change recorded by staff (ProgrammeCodeChange) is a break in
the programme's "Over the years": the line is cut between the last year under
the former code and the first under the new one, a numbered dashed rule marks
it, and the note names both codes. Sums over an institution do not break on it:
DUO reports the former years under the current code, so they count the same
records."""

import pytest

from programmes.models import DataSource, EnrolmentFigureSource, ProgrammeCodeChange
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    StudyFactory,
)
from tests.public.programme_pages import get_page, text_of
from tests.public.test_place_trends import trends_section

pytestmark = pytest.mark.django_db

FORMER, CURRENT = "12345", "56789"


def programme_with_years(students_by_year, *, code=CURRENT):
    """A programme of study `code`, a record per year: its students, and as
    many first-years as students (None: suppressed)."""
    programme = ProgrammeFactory(study=StudyFactory(croho_code=code))
    for year, students in students_by_year.items():
        EnrolmentFactory(
            programme=programme,
            academic_year=year,
            students=students,
            first_years=students,
            first_years_men=None,
            first_years_women=None,
        )
    return programme


def record_change(programme, former_code, first_year):
    ProgrammeCodeChange.objects.create(
        programme=programme, former_code=former_code, first_year=first_year
    )


def notes_of(section):
    listed = section.find(attrs={"data-notes": "breaks"})
    return [] if listed is None else listed.find_all("li")


def breaks_in_chart(section, field):
    chart = section.find(attrs={"data-chart": field})
    return [g["data-break"] for g in chart.find_all("g", class_="trend-chart__break")]


def segments_in_chart(section, field):
    """The years each drawn line joins, read from the points' titles."""
    chart = section.find(attrs={"data-chart": field})
    line = chart.find("g", class_="trend-chart__line--total")
    return len(line.find_all("polyline")), len(line.find_all("circle"))


@pytest.fixture
def changed_in_2018():
    """Students (and first-years) 2015–2020 of 100, 110, … 150; code 12345 up
    to 2017, 56789 from 2018."""
    programme = programme_with_years(
        {year: 100 + 10 * i for i, year in enumerate(range(2015, 2021))}
    )
    record_change(programme, FORMER, 2018)
    return programme


def test_a_code_change_cuts_the_line_between_2017_and_2018(client, changed_in_2018):
    section = get_page(client, changed_in_2018, "en").find(id="trends")
    notes = notes_of(section)
    # One note per count (students, first-years), both at the change.
    assert [note["data-break"] for note in notes] == ["2017-2018", "2017-2018"]
    assert [note["value"] for note in notes] == ["1", "2"]
    assert breaks_in_chart(section, "students") == ["1"]
    assert breaks_in_chart(section, "first_years") == ["2"]
    # 2015–2017 and 2018–2020: two lines of three points.
    assert segments_in_chart(section, "students") == (2, 6)
    # Every year is still in the table, values as recorded.
    years = section.find_all("tr", attrs={"data-year": True})
    assert [row["data-year"] for row in years] == [str(y) for y in range(2015, 2021)]


def test_the_note_names_both_codes_in_english(client, changed_in_2018):
    section = get_page(client, changed_in_2018, "en").find(id="trends")
    note = text_of(notes_of(section)[0])
    assert note.startswith("Students: a break in the series.")
    assert "Programme code changed from 12345 to 56789" in note
    assert "the figures up to 2017–2018 were counted under the former code" in note
    # Not a change of DUO's series: no datasets are named.
    assert "come from different series" not in note
    assert "Up to 2017–2018:" not in note
    code = notes_of(section)[0].find(attrs={"data-code-change": True})
    assert code["data-code-change"] == "12345-56789"


def test_the_note_names_both_codes_in_dutch(client, changed_in_2018):
    section = get_page(client, changed_in_2018, "nl").find(id="trends")
    notes = notes_of(section)
    assert [note["data-break"] for note in notes] == ["2017-2018", "2017-2018"]
    note = notes[0]
    assert text_of(note).startswith("Studenten")
    assert note.find(attrs={"data-code-change": True})["data-code-change"] == (
        "12345-56789"
    )
    assert "12345" in text_of(note)
    assert "56789" in text_of(note)
    assert "2017–2018" in text_of(note)


def test_a_suppressed_year_before_the_change_moves_the_break_across_the_gap(client):
    # 2017's counts suppressed: the break lies between the published 2016 (the
    # former code) and 2018 (the new one), for students and first-years alike.
    programme = programme_with_years(
        {2015: 100, 2016: 110, 2017: None, 2018: 130, 2019: 140, 2020: 150}
    )
    record_change(programme, FORMER, 2018)
    section = get_page(client, programme, "en").find(id="trends")
    assert [note["data-break"] for note in notes_of(section)] == [
        "2016-2018",
        "2016-2018",
    ]
    # 2015–2016 and 2018–2020 (2017 a gap): two lines, five points.
    assert segments_in_chart(section, "students") == (2, 5)
    assert "Programme code changed from 12345 to 56789" in text_of(notes_of(section)[0])


def test_a_year_without_a_record_after_the_change_still_breaks(client):
    programme = programme_with_years({2015: 100, 2016: 110, 2017: 120, 2019: 140})
    record_change(programme, FORMER, 2018)
    section = get_page(client, programme, "en").find(id="trends")
    assert [note["data-break"] for note in notes_of(section)] == [
        "2017-2019",
        "2017-2019",
    ]


def test_two_changes_are_two_breaks_each_naming_its_codes(client):
    # 11111 up to 2015, 22222 in 2016–2018, the current 56789 from 2019.
    programme = programme_with_years(
        dict.fromkeys(range(2014, 2021), 100), code=CURRENT
    )
    record_change(programme, "11111", 2016)
    record_change(programme, "22222", 2019)
    section = get_page(client, programme, "en").find(id="trends")
    students = [note for note in notes_of(section) if "Students" in text_of(note)]
    assert [note["data-break"] for note in students] == ["2015-2016", "2018-2019"]
    assert "from 11111 to 22222" in text_of(students[0])
    assert "from 22222 to 56789" in text_of(students[1])


def test_no_change_recorded_no_break(client):
    programme = programme_with_years(dict.fromkeys(range(2015, 2021), 100))
    section = get_page(client, programme, "en").find(id="trends")
    assert notes_of(section) == []
    assert breaks_in_chart(section, "students") == []
    assert segments_in_chart(section, "students") == (1, 6)


def test_a_change_at_a_switch_of_duo_series_is_one_break_with_both_reasons(client):
    old, new = (
        DataSourceFactory(
            key=key, name_en=name, name_nl=name, kind=DataSource.Kind.OFFICIAL
        )
        for key, name in (("duo-old", "DUO, old series"), ("duo-new", "DUO, new"))
    )
    programme = programme_with_years({2014: 40, 2015: 90, 2016: 95})
    for enrolment in programme.enrolments.all():
        series = old if enrolment.academic_year < 2015 else new
        EnrolmentFigureSource.objects.create(
            enrolment=enrolment,
            figure=EnrolmentFigureSource.Figure.FIRST_YEARS,
            source=series,
        )
    record_change(programme, FORMER, 2015)
    section = get_page(client, programme, "en").find(id="trends")
    first_years = [
        text_of(note) for note in notes_of(section) if "First-year" in text_of(note)
    ]
    assert len(first_years) == 1
    assert "come from different series" in first_years[0]
    assert "Programme code changed from 12345 to 56789" in first_years[0]
    assert "Up to 2014–2015: DUO, old series." in first_years[0]
    assert "From 2015–2016: DUO, new." in first_years[0]
    assert breaks_in_chart(section, "first_years") == ["2"]


def test_the_institution_sum_does_not_break_on_one_programme_code_change(
    client, changed_in_2018
):
    section = trends_section(client, changed_in_2018.institution, "en")
    assert notes_of(section) == []
    assert breaks_in_chart(section, "students") == []

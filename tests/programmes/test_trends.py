"""A programme's and an institution's counts over the years, read from what the
DUO import stores: the break falls where the newer first-years series takes
over, a year DUO suppressed is a gap, and the reading costs three queries
whatever the number of programmes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from figures.trends import SeriesBreak
from programmes.importing.statistics import enrolments_import
from programmes.models import EnrolmentFigureSource
from programmes.trends import (
    institution_enrolment_trends,
    programme_enrolment_trends,
)
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    leiden_law_programme,
)
from tests.programmes.test_import_figure_sources import (
    KEY,
    LONG_HEADER,
    NEWER,
    NEWER_KEY,
    OLDER,
    OLDER_KEY,
)

pytestmark = pytest.mark.django_db

# The older wide series 2014–2015, the newer long one 2016–2017 (2017's women
# suppressed by DUO: -1).
OLDER_FILE = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;OPLEIDINGSFASE ACTUEEL;2014 MAN;2014 VROUW;2015 MAN;2015 VROUW\n"
    f"{KEY};propedeuse bachelor;11;12;13;14\n"
).encode()
NEWER_FILE = (LONG_HEADER + f"{KEY};man;30;31\n{KEY};vrouw;40;-1\n").encode()


def values(trend):
    return {point.year: point.value for point in trend.points}


def test_imported_series_switch_is_a_break_and_a_suppressed_year_a_gap():
    programme = leiden_law_programme()
    enrolments_import(data=OLDER_FILE, file_name=OLDER)
    enrolments_import(data=NEWER_FILE, file_name=NEWER)
    first_years = programme_enrolment_trends(programme).trends["first_years"]
    # 11 + 12, 13 + 14, 30 + 40; 2017 unknown: its women were suppressed.
    assert values(first_years) == {2014: 23, 2015: 27, 2016: 70, 2017: None}
    # Every year counted under the programme's one code (50700): no code change.
    assert first_years.breaks == (
        SeriesBreak(2015, 2016, OLDER_KEY, NEWER_KEY, "50700", "50700"),
    )
    assert not first_years.breaks[0].code_changed
    assert first_years.gaps == [2017]


@pytest.mark.parametrize("size", [3, 30])
def test_an_institution_costs_three_queries_whatever_its_size(size):
    institution = InstitutionFactory()
    # Each record cites a source, and its students' count has a series.
    cited, series = DataSourceFactory(key="cited"), DataSourceFactory(key="series")
    for _ in range(size):
        programme = ProgrammeFactory(institution=institution)
        for year in (2020, 2021):
            enrolment = EnrolmentFactory(
                programme=programme, academic_year=year, students=10
            )
            enrolment.sources.add(cited)
            EnrolmentFigureSource.objects.create(
                enrolment=enrolment,
                figure=EnrolmentFigureSource.Figure.STUDENTS,
                source=series,
            )
    with CaptureQueriesContext(connection) as queries:
        trends = institution_enrolment_trends(institution)
        rows = trends.rows
    assert len(queries) == 3
    assert [row.cells[0].point.value for row in rows] == [10 * size, 10 * size]
    assert [point.series for point in trends.trends["students"].points] == [
        "series",
        "series",
    ]
    assert [source.key for source in trends.cited_sources] == ["cited"]

"""The institution page's enrolment chart: its geometry worked out by hand, and
the SVG written from it (gaps, incomplete totals, escaping)."""

from django.utils import translation

from figures.publication import count_figure
from programmes.selectors import EnrolmentHistory, EnrolmentYear
from public.templatetags.place_charts import enrolment_bars, enrolment_chart


def year(academic_year, students, first_years, *, recorded=2, students_counted=2):
    return EnrolmentYear(
        academic_year=academic_year,
        students=count_figure(students),
        first_years=count_figure(first_years),
        recorded=recorded,
        students_counted=students_counted,
        first_years_counted=recorded if first_years is not None else 0,
    )


HISTORY = EnrolmentHistory(
    years=[
        year(2022, 400, 100),
        year(2023, None, None, students_counted=0),  # a gap, never a bar of 0
        year(2024, 300, 50, students_counted=1),  # students incomplete: 1 of 2
    ],
    sources=[],
)


def test_bars_share_one_scale_the_longest_300_wide():
    years, height = enrolment_bars(HISTORY)
    widths = [[bar["width"] for bar in row["bars"]] for row in years]
    # 400 is the top: 400 -> 300, 100 -> 75, 300 -> 225, 50 -> 37.5; none -> 0.
    assert widths == [[300.0, 75.0], [0, 0], [225.0, 37.5]]
    # Rows 22 apart, years 10 further; the first bar at 8; bars 18 high.
    assert [[bar["y"] for bar in row["bars"]] for row in years] == [
        [8, 30],
        [62, 84],
        [116, 138],
    ]
    assert [row["label_y"] for row in years] == [22, 76, 130]
    # A bar's value 6 past its end, from the label column of 96.
    assert years[2]["bars"][1]["value_x"] == 96 + 37.5 + 6
    assert height == 170


def test_the_svg_draws_shown_totals_marks_the_incomplete_one_and_names_the_gaps():
    with translation.override("en"):
        context = enrolment_chart(HISTORY)
    svg = str(context["bars_svg"])
    assert svg.count("<rect") == 4
    assert svg.count("enrolment-chart__bar--incomplete") == 1
    assert '<text x="327.0" y="130">300 (incomplete)</text>' in svg
    assert '<text x="402.0" y="22">400</text>' in svg
    assert "Students: no published total" in svg
    assert "First-year students: no published total" in svg
    assert (context["width"], context["height"]) == (96 + 300 + 150, 170)


def test_a_history_without_any_shown_total_has_no_chart():
    empty = EnrolmentHistory(
        years=[year(2023, None, None, students_counted=0)], sources=[]
    )
    assert enrolment_chart(empty) == {"bars_svg": ""}

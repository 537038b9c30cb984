"""A count over the years as a line: gaps where a year is not published, breaks
where the series changes (DUO's wo first-years: the older wide series up to
2014, the newer long series from 2015), years in order."""

from figures.trends import SeriesBreak, YearValue, trend

OLD, NEW = "duo-eerstejaars-wo-2013-2017", "duo-eerstejaars-wo-2015-2019"


def years_of(segments):
    return [[point.year for point in segment] for segment in segments]


def test_a_known_series_switch_breaks_the_line_between_those_years():
    first_years = trend(
        [
            YearValue(2013, 40, OLD),
            YearValue(2014, 44, OLD),
            YearValue(2015, 90, NEW),
            YearValue(2016, 95, NEW),
        ]
    )
    assert first_years.breaks == (SeriesBreak(2014, 2015, OLD, NEW),)
    assert years_of(first_years.segments) == [[2013, 2014], [2015, 2016]]
    assert first_years.gaps == []


def test_a_suppressed_year_is_a_gap_never_zero():
    students = trend(
        [YearValue(2020, 12, NEW), YearValue(2021, None, NEW), YearValue(2022, 9, NEW)]
    )
    assert [p.value for p in students.points] == [12, None, 9]
    assert students.gaps == [2021]
    assert years_of(students.segments) == [[2020], [2022]]
    assert students.breaks == ()


def test_a_year_without_any_record_is_a_gap_and_years_come_in_order():
    graduates = trend([YearValue(2018, 5, NEW), YearValue(2015, 3, NEW)])
    assert [p.year for p in graduates.points] == [2015, 2016, 2017, 2018]
    assert graduates.gaps == [2016, 2017]
    assert years_of(graduates.segments) == [[2015], [2018]]


def test_a_switch_across_gap_years_is_still_a_break_between_the_published_years():
    first_years = trend(
        [YearValue(2014, 44, OLD), YearValue(2015, None), YearValue(2016, 95, NEW)]
    )
    assert first_years.breaks == (SeriesBreak(2014, 2016, OLD, NEW),)


def test_an_unknown_series_breaks_nothing():
    students = trend([YearValue(2020, 10, NEW), YearValue(2021, 11, "")])
    assert students.breaks == ()
    assert years_of(students.segments) == [[2020, 2021]]


def test_the_range_may_be_wider_than_the_values():
    students = trend([YearValue(2021, 7, NEW)], first=2019, last=2022)
    assert [p.year for p in students.points] == [2019, 2020, 2021, 2022]
    assert students.gaps == [2019, 2020, 2022]
    assert students.is_shown


def test_no_values_is_no_trend():
    nothing = trend([YearValue(2020, None, NEW)])
    assert not nothing.is_shown
    assert nothing.segments == []
    assert trend([]).points == ()


def test_a_change_of_programme_code_breaks_the_line_with_both_codes():
    students = trend(
        [
            YearValue(2016, 100, NEW, "12345"),
            YearValue(2017, None, NEW, "12345"),
            YearValue(2018, 120, NEW, "56789"),
        ]
    )
    assert students.breaks == (SeriesBreak(2016, 2018, NEW, NEW, "12345", "56789"),)
    assert students.breaks[0].code_changed
    assert not students.breaks[0].series_changed


def test_a_code_change_at_a_series_switch_is_one_break_with_both_reasons():
    first_years = trend(
        [YearValue(2014, 44, OLD, "12345"), YearValue(2015, 90, NEW, "56789")]
    )
    (change,) = first_years.breaks
    assert (change.series_changed, change.code_changed) == (True, True)


def test_an_unknown_code_breaks_nothing():
    # A sum carries no code: its years count the same records.
    students = trend([YearValue(2020, 10, NEW, "12345"), YearValue(2021, 11, NEW)])
    assert students.breaks == ()

"""A study's labour-market context from hand-written CBS files: which cohort,
which cells, and why there is none."""

from decimal import Decimal

import pytest

from figures.publication import Withheld
from labour_market.importing import cbs_import
from labour_market.selectors import labour_market_context, labour_market_contexts
from programmes.models.choices import Level, Sector
from tests.labour_market.cbs_files import (
    cohort_rows,
    positions_file,
    wage_row,
    wages_file,
)
from tests.programmes.factories import StudyFactory

pytestmark = pytest.mark.django_db


def positions(*cells) -> None:
    rows = [row for cell in cells for row in cell]
    cbs_import(data=positions_file(rows), file_name="85776NED.csv")


def test_the_level_series_sums_the_sectors_and_not_cbss_own_total():
    """StatLine's full table also has the sector "Totaal": counting it as one
    more sector would count every graduate twice."""
    positions(
        cohort_rows((900, 0, 0, 50, 50), sector="Techniek"),
        cohort_rows((300, 0, 0, 50, 150), sector="Recht"),
        cohort_rows((1200, 0, 0, 100, 200), sector="Totaal"),
    )
    study = StudyFactory(level=Level.HBO_BA, sector=Sector.ENGINEERING)

    point = labour_market_context(study).work_by_year[0]

    assert (point.sector.shown_value, point.sector.respondents) == (
        Decimal("90.0"),
        1000,
    )
    assert (point.level.shown_value, point.level.respondents) == (
        Decimal("80.0"),
        1500,
    )


def test_the_latest_cohort_of_the_level_is_shown():
    positions(
        cohort_rows((900, 0, 0, 50, 50)),
        cohort_rows((800, 0, 0, 100, 100), period="2016/'17"),
        cohort_rows((500, 0, 0, 0, 0), level="Wo-master"),
    )
    hbo = StudyFactory(level=Level.HBO_BA, sector=Sector.ENGINEERING)
    wo = StudyFactory(level=Level.WO_MA, sector=Sector.ENGINEERING)

    contexts = labour_market_contexts([hbo, wo])

    assert (contexts[hbo.pk].cohort_label, contexts[wo.pk].cohort_label) == (
        "2016/'17",
        "2015/'16",
    )
    assert contexts[hbo.pk].moments[0].work.shown_value == Decimal("80.0")
    assert contexts[wo.pk].moments[0].work.shown_value == Decimal("100.0")


def test_men_and_women_apart_do_not_change_the_total():
    rows = cohort_rows((900, 0, 0, 50, 50))
    women = [("Vrouwen", *row[1:]) for row in cohort_rows((100, 0, 0, 0, 300))]
    positions(rows, women)
    study = StudyFactory(level=Level.HBO_BA, sector=Sector.ENGINEERING)

    work = labour_market_context(study).moments[0].work

    assert (work.shown_value, work.respondents) == (Decimal("90.0"), 1000)


def test_a_suppressed_count_withholds_the_share_not_the_others():
    positions(cohort_rows((900, ".", 0, 50, 50)))
    study = StudyFactory(level=Level.HBO_BA, sector=Sector.ENGINEERING)

    shares = labour_market_context(study).moments[0]

    assert shares.work.withheld == Withheld.NOT_PUBLISHED
    assert shares.benefits.withheld == Withheld.NOT_PUBLISHED
    # The education share also rests on the whole cohort, which is not known.
    assert shares.education.withheld == Withheld.NOT_PUBLISHED


def test_a_wage_of_another_cohort_than_the_counts_is_not_shown():
    positions(cohort_rows((900, 0, 0, 50, 50)))
    cbs_import(
        data=wages_file(
            [wage_row("   16.34"), wage_row("   17.00", period="2014/'15")]
        ),
        file_name="83815NED.csv",
    )
    study = StudyFactory(level=Level.HBO_BA, sector=Sector.ENGINEERING)

    assert labour_market_context(study).wage.shown_value == Decimal("16.34")


def test_without_imported_figures_the_context_says_why(english):
    study = StudyFactory(level=Level.WO_MA, sector=Sector.LAW)
    ad = StudyFactory(level=Level.HBO_AD, sector=Sector.LAW)
    no_sector = StudyFactory(level=Level.WO_MA, sector="")

    contexts = labour_market_contexts([study, ad, no_sector])

    assert [
        (contexts[s.pk].is_shown, contexts[s.pk].reason) for s in (study, ad, no_sector)
    ] == [
        (False, "No CBS figures have been imported for this level."),
        (False, "CBS publishes no labour-market figures for associate degrees."),
        (
            False,
            "The study's CROHO sector is not known, so no CBS figures match it.",
        ),
    ]
    assert contexts[study.pk].description == ""


def test_the_description_names_level_sector_and_cohort(english):
    positions(cohort_rows((500, 0, 0, 0, 0), level="Wo-master", sector="Recht"))
    study = StudyFactory(level=Level.WO_MA, sector=Sector.LAW)

    assert labour_market_context(study).description == (
        "graduates of research-university master programmes in Law (cohort 2015/'16)"
    )


def test_each_moment_comes_from_the_latest_cohort_that_has_it():
    """A cohort that left last year has its one-year figures, not yet its
    five-year ones: "5 years after" stays with the older cohort and says so,
    and the year-by-year series follows that older cohort."""
    five = "5 jaar na verlaten onderwijs"
    positions(
        cohort_rows((900, 0, 0, 50, 50)),
        cohort_rows((700, 0, 0, 200, 100), moment=five),
        cohort_rows((600, 0, 0, 200, 200), period="2022/'23"),
    )
    study = StudyFactory(level=Level.HBO_BA, sector=Sector.ENGINEERING)

    context = labour_market_context(study)

    one_year, five_years = context.moments
    assert (one_year.cohort_label, one_year.work.shown_value) == (
        "2022/'23",
        Decimal("60.0"),
    )
    assert (five_years.cohort_label, five_years.work.shown_value) == (
        "2015/'16",
        Decimal("70.0"),
    )
    assert context.has_several_cohorts
    assert context.cohort_label == "2015/'16, 2022/'23"
    assert context.series_cohort_label == "2015/'16"
    assert [p.sector.shown_value for p in context.work_by_year] == [
        Decimal("90.0"),
        Decimal("70.0"),
    ]

"""Shares of a whole cohort from CBS's counts, and values CBS publishes as they
are: what a page may show, and why not when it may not."""

from decimal import Decimal

import pytest

from figures.cohorts import cohort_share, published_value
from figures.publication import Withheld


@pytest.mark.parametrize(
    ("part", "whole", "share"),
    [
        ([3960, 30], [3960, 30, 10, 260, 140], "90.7"),  # 3990 / 4400 = 90.68…
        ([100], [1600], "6.3"),  # 6.25: the half rounds up, not to even
        ([300], [1600], "18.8"),  # 18.75
        ([1], [2000], "0.1"),  # 0.05
        ([1], [3000], "0.0"),  # 0.033…
        ([200], [300], "66.7"),
        ([500, 500], [1000, 0], "100.0"),
        ([0], [1000], "0.0"),
    ],
)
def test_a_share_has_one_decimal_with_halves_rounded_up(part, whole, share):
    figure = cohort_share(part, whole)
    assert figure.is_shown
    assert figure.value == Decimal(share)
    assert str(figure.shown_value) == share
    assert figure.respondents == sum(whole)


def test_a_share_carries_its_year_and_source():
    source = object()
    figure = cohort_share([950], [1000], year="2015/'16", source=source)
    assert (figure.year, figure.source) == ("2015/'16", source)


@pytest.mark.parametrize(
    ("part", "whole"),
    [
        ([None], [None, 200, 10]),  # a suppressed part is also in the whole
        ([900, None], [900, None, 100]),
        ([900], [900, 100, None]),  # only the whole: the cohort is not known
        ([], []),
    ],
)
def test_a_share_resting_on_a_suppressed_count_is_not_published(part, whole, english):
    figure = cohort_share(part, whole, year="2015/'16")
    assert figure.withheld == Withheld.NOT_PUBLISHED
    assert not figure.is_shown
    assert (figure.value, figure.shown_value, figure.respondents) == (None, None, None)
    assert figure.reason == "Statistics Netherlands publishes no figure."
    assert figure.year == "2015/'16"


def test_a_share_of_an_empty_cohort_is_missing_because_nobody_is_counted(english):
    figure = cohort_share([0, 0], [0, 0, 0, 0, 0])
    assert figure.withheld == Withheld.NO_GRADUATES
    assert figure.reason == "Statistics Netherlands counts no graduates here."
    assert figure.is_missing
    assert (figure.value, figure.shown_value, figure.respondents) == (None, None, 0)


def test_a_share_of_a_cohort_below_the_minimum_is_kept_but_not_shown(settings, english):
    settings.LABOUR_MARKET_MIN_COHORT = 100
    figure = cohort_share([80], [80, 10])
    assert figure.withheld == Withheld.SMALL_GROUP
    assert not figure.is_shown
    assert not figure.is_missing
    assert figure.value == Decimal("88.9")
    assert figure.shown_value is None
    assert figure.respondents == 90
    assert figure.reason == "Too few graduates for a reliable share."


def test_a_cohort_of_exactly_the_minimum_is_shown(settings):
    settings.LABOUR_MARKET_MIN_COHORT = 100
    figure = cohort_share([90], [90, 10])
    assert figure.is_shown
    assert figure.shown_value == Decimal("90.0")


def test_the_minimum_is_read_when_the_share_is_computed(settings):
    settings.LABOUR_MARKET_MIN_COHORT = 500
    assert cohort_share([400], [490]).withheld == Withheld.SMALL_GROUP
    settings.LABOUR_MARKET_MIN_COHORT = 10
    assert cohort_share([400], [490]).is_shown


def test_the_shipped_minimum_is_a_hundred_graduates():
    from django.conf import settings

    assert settings.LABOUR_MARKET_MIN_COHORT == 100


def test_a_published_value_is_shown_as_it_is():
    source = object()
    figure = published_value(Decimal("16.34"), year="2015/'16", source=source)
    assert figure.is_shown
    assert figure.shown_value == Decimal("16.34")
    assert (figure.year, figure.source, figure.respondents) == (
        "2015/'16",
        source,
        None,
    )


def test_a_value_cbs_does_not_publish_is_withheld_as_not_published(english):
    figure = published_value(None, year="2015/'16")
    assert figure.withheld == Withheld.NOT_PUBLISHED
    assert not figure.is_missing
    assert (figure.value, figure.shown_value) == (None, None)
    assert figure.reason == "Statistics Netherlands publishes no figure."
    assert figure.year == "2015/'16"

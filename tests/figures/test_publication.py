"""The one publication rule: when a survey or career figure may be shown."""

import math

import pytest

from figures.publication import (
    Withheld,
    career_figure,
    pool_scores,
    survey_figure,
    survey_margin,
)


def test_margin_follows_the_official_formula_with_population_correction():
    expected = 1.96 * (0.8 / math.sqrt(40)) * math.sqrt((100 - 40) / (100 - 1))
    assert survey_margin(std_dev=0.8, respondents=40, population=100) == pytest.approx(
        expected
    )


def test_margin_without_population_is_the_wider_uncorrected_margin():
    assert survey_margin(std_dev=0.8, respondents=40, population=None) > (
        survey_margin(std_dev=0.8, respondents=40, population=100)
    )


def test_score_with_enough_respondents_and_narrow_margin_is_shown():
    figure = survey_figure(mean=3.9, respondents=143, std_dev=0.8, population=300)
    assert figure.is_shown
    assert figure.shown_value == 3.9


def test_score_from_four_respondents_is_withheld_even_with_a_tiny_margin():
    figure = survey_figure(mean=4.5, respondents=4, std_dev=0.1, population=4)
    assert figure.withheld == Withheld.TOO_FEW_RESPONDENTS
    assert figure.shown_value is None


def test_score_with_a_wide_margin_is_withheld():
    # n=6, SD=1.5, N unknown: margin = 1.96 * 1.5 / sqrt(6) = 1.2
    figure = survey_figure(mean=3.0, respondents=6, std_dev=1.5)
    assert figure.withheld == Withheld.MARGIN_TOO_WIDE


def test_threshold_comes_from_settings(settings):
    settings.SURVEY_MIN_RESPONDENTS = 50
    figure = survey_figure(mean=3.9, respondents=49, std_dev=0.5, population=1000)
    assert figure.withheld == Withheld.TOO_FEW_RESPONDENTS


def test_missing_score_says_no_data():
    assert survey_figure(mean=None, respondents=None, std_dev=None).withheld == (
        Withheld.NO_DATA
    )


def test_career_figure_needs_twenty_respondents():
    assert career_figure(value=7, respondents=19).withheld == (
        Withheld.TOO_FEW_RESPONDENTS
    )
    assert career_figure(value=7, respondents=20).shown_value == 7


def test_pooled_mean_is_weighted_by_respondents():
    pooled = pool_scores([(4.0, 30, 0.5, 100), (3.0, 10, 0.5, 50)])
    assert pooled.mean == pytest.approx((4.0 * 30 + 3.0 * 10) / 40)
    assert pooled.respondents == 40
    assert pooled.population == 150


def test_pooled_sd_includes_the_spread_between_groups():
    # Two groups with no spread inside but different means still vary.
    pooled = pool_scores([(4.0, 10, 0.0, None), (2.0, 10, 0.0, None)])
    assert pooled.std_dev == pytest.approx(math.sqrt(10 * 1 * 2 / 19))
    assert pooled.population is None

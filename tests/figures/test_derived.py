"""A difference is worded higher or lower only when its 95% interval excludes 0.

Every margin below is worked out by hand in the test (mean, SD, n, N → margin →
expected word), never taken from the code under test.
"""

import math
from decimal import Decimal

import pytest
from django.utils import translation

from figures.derived import (
    best_marks,
    difference_interval,
    difference_text,
    judged_comparison,
    margin_of_difference,
)
from figures.publication import Figure, Withheld, survey_figure


def score(mean, sd, n, population):
    return survey_figure(mean=mean, std_dev=sd, respondents=n, population=population)


# The national average of every case: 4.0, SD 0.9, 2,000 of 10,000 responded.
# margin = 1.96 × 0.9 / √2000 × √(8000 / 9999)
#        = 1.96 × 0.9 / 44.7214 × 0.894472 = 0.039443 × 0.894472 = 0.035281
NATIONAL = ("4.0", "0.9", 2000, 10000)
NATIONAL_MARGIN = 0.035281
# A programme with SD 0.8, 100 of 400 responded:
# margin = 1.96 × 0.8 / √100 × √(300 / 399) = 0.1568 × 0.867110 = 0.135963
OWN_MARGIN = 0.135963
# Margin of the difference = √(0.135963² + 0.035281²)
#                          = √(0.018486 + 0.001245) = √0.019731 = 0.14047
DIFFERENCE_MARGIN = 0.14047


def test_the_margin_of_a_difference_combines_both_margins_with_the_population():
    own = score("4.2", "0.8", 100, 400)
    national = score(*NATIONAL)
    assert own.margin == pytest.approx(OWN_MARGIN, abs=1e-6)
    assert national.margin == pytest.approx(NATIONAL_MARGIN, abs=1e-6)
    assert margin_of_difference(own, national) == pytest.approx(
        DIFFERENCE_MARGIN, abs=1e-5
    )


@pytest.mark.parametrize(
    ("own_mean", "expected"),
    [
        # 4.2 − 4.0 = 0.2 > 0.140: interval [0.060, 0.340] excludes 0.
        ("4.2", "higher"),
        # 4.1 − 4.0 = 0.1 ≤ 0.140: interval [−0.040, 0.240] holds 0.
        ("4.1", "comparable"),
        # 4.04 prints as 4.0: a difference of 0.0 is never a claim.
        ("4.04", "comparable"),
        ("3.9", "comparable"),  # −0.1, interval [−0.240, 0.040]
        ("3.8", "lower"),  # −0.2, interval [−0.340, −0.060]
    ],
)
def test_wording_on_both_sides_of_the_noise_boundary(own_mean, expected):
    own = score(own_mean, "0.8", 100, 400)
    assert judged_comparison(own, score(*NATIONAL)) == expected


def test_the_interval_is_the_printed_difference_plus_and_minus_the_margin():
    interval = difference_interval(score("4.2", "0.8", 100, 400), score(*NATIONAL))
    assert interval.difference == Decimal("0.2")
    assert interval.low == pytest.approx(0.2 - DIFFERENCE_MARGIN, abs=1e-5)
    assert interval.high == pytest.approx(0.2 + DIFFERENCE_MARGIN, abs=1e-5)


def test_the_population_correction_decides_a_small_programme():
    # SD 1.0, 100 respondents; national SD 1.0, 1,536 of an unknown population:
    # national margin = 1.96 × 1.0 / √1536 = 1.96 / 39.1918 = 0.050010.
    national = score("4.0", "1.0", 1536, None)
    # Without N: own margin = 1.96 × 1.0 / 10 = 0.196;
    # difference margin = √(0.196² + 0.050010²) = √(0.038416 + 0.002501) = 0.202279,
    # so a difference of 0.2 is within it.
    assert judged_comparison(score("4.2", "1.0", 100, None), national) == "comparable"
    # Of 200 students: own margin = 0.196 × √(100 / 199) = 0.196 × 0.708881 = 0.138941;
    # difference margin = √(0.019305 + 0.002501) = √0.021806 = 0.147669 < 0.2.
    assert judged_comparison(score("4.2", "1.0", 100, 200), national) == "higher"


def test_a_difference_exactly_at_the_margin_is_comparable():
    # Margins 0.3 and 0.4 make a difference margin of exactly √(0.09 + 0.16) = 0.5.
    own, reference = Figure("4.5", 100, margin=0.3), Figure("4.0", 100, margin=0.4)
    assert judged_comparison(own, reference) == "comparable"
    assert judged_comparison(Figure("4.6", 100, margin=0.3), reference) == "higher"


def test_no_judgement_without_a_margin_or_a_shown_figure():
    national = score(*NATIONAL)
    unknown_sd = score("4.9", None, 100, 400)
    assert unknown_sd.withheld == Withheld.MARGIN_TOO_WIDE  # never shown
    assert judged_comparison(unknown_sd, national) == ""
    assert judged_comparison(Figure("4.9", 100), national) == ""  # margin unknown
    salary = Figure(3100, 200), Figure(2900, 5000)
    assert judged_comparison(*salary, "salary") == ""


@pytest.mark.parametrize(
    ("language", "own_mean", "text"),
    [
        ("en", "4.2", "0.2 higher than the national average"),
        ("en", "4.1", "comparable to the national average"),
        ("en", "3.8", "0.2 lower than the national average"),
        ("en", None, ""),
    ],
)
def test_difference_text(language, own_mean, text):
    own = score(own_mean, "0.8", 100, 400)
    with translation.override(language):
        assert difference_text(own, score(*NATIONAL)) == text


def test_difference_text_says_when_the_margin_is_unknown():
    with translation.override("en"):
        text = difference_text(Figure("4.2", 100), score(*NATIONAL))
    assert text == "0.2 difference; its margin of error is unknown"


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        # 71% of 400 against 60% of 300 graduates (plus one yes and one no each):
        # p̃₁ = (284 + 1) / 402 = 0.708955, m₁ = 196 × √(0.708955 × 0.291045 / 402)
        #    = 196 × 0.022655 = 4.4404 points;
        # p̃₂ = (180 + 1) / 302 = 0.599338, m₂ = 196 × √(0.599338 × 0.400662 / 302)
        #    = 196 × 0.028198 = 5.5268 points; margin √(4.4404² + 5.5268²) = 7.0897.
        (("71", 400), ("60", 300), [True, False]),  # 11 points > 7.09
        # 66% of 400: p̃₁ = 265 / 402, m₁ = 4.6334; margin √(4.6334² + 5.5268²) = 7.2121.
        (("66", 400), ("60", 300), [False, False]),  # 6 points ≤ 7.21
    ],
)
def test_best_mark_of_percentages_uses_the_binomial_margin(first, second, expected):
    figures = [Figure(*first), Figure(*second)]
    assert best_marks(figures, "highest", "percent") == expected
    margin = margin_of_difference(*figures, "percent")
    p1 = (float(first[0]) / 100 * first[1] + 1) / (first[1] + 2)
    p2 = (float(second[0]) / 100 * second[1] + 1) / (second[1] + 2)
    by_hand = 196 * math.hypot(
        math.sqrt(p1 * (1 - p1) / (first[1] + 2)),
        math.sqrt(p2 * (1 - p2) / (second[1] + 2)),
    )
    assert margin == pytest.approx(by_hand)


def test_a_share_of_0_or_100_percent_still_has_a_margin():
    # 100% of 20 against 90% of 20: p̃₁ = 21/22, m₁ = 196 × √(0.954545 × 0.045455 / 22)
    # = 196 × 0.044409 = 8.70; p̃₂ = 19/22, m₂ = 196 × √(0.863636 × 0.136364 / 22)
    # = 196 × 0.073165 = 14.34; margin 16.77 > 10: no best.
    assert margin_of_difference(Figure(100, 20), Figure(90, 20), "percent") == (
        pytest.approx(16.77, abs=0.01)
    )
    assert best_marks([Figure(100, 20), Figure(90, 20)], "highest", "percent") == [
        False,
        False,
    ]


def test_best_mark_of_scores_only_beyond_noise():
    # Margins 0.1 each: difference margin √0.02 = 0.141.
    high, mid, low = (Figure(v, 100, margin=0.1) for v in ("4.3", "4.2", "4.0"))
    assert best_marks([high, low], "highest", "score") == [True, False]  # 0.3
    assert best_marks([high, mid, low], "highest", "score") == [False] * 3  # 0.1
    # Published without a spread (a career score): never a best mark.
    assert best_marks([Figure("4.3", 100), Figure("3.0", 100)], "highest", "score") == [
        False,
        False,
    ]

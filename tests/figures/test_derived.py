"""A difference is claimed only beyond the margin of the difference."""

import pytest

from figures.derived import clear_comparison, margin_of_difference
from figures.publication import Figure, Withheld


def score(value, margin):
    return Figure(value, 100, margin=margin)


def test_the_margin_of_a_difference_combines_both_margins():
    assert margin_of_difference(score(4, 0.3), score(3, 0.4)) == pytest.approx(0.5)
    assert margin_of_difference(score(4, None), score(3, 0.4)) is None


@pytest.mark.parametrize(
    ("own", "reference", "expected"),
    [
        (score("4.0", 0.2), score("3.5", 0.2), "higher"),  # 0.5 > 0.28
        (score("3.0", 0.2), score("3.5", 0.2), "lower"),
        (score("3.7", 0.2), score("3.5", 0.2), ""),  # 0.2 is within 0.28
        (score("4.0", None), score("3.0", 0.1), ""),  # no margin, no claim
        (
            Figure("4.9", 3, Withheld.TOO_FEW_RESPONDENTS, margin=0.1),
            score("3", 0.1),
            "",
        ),
    ],
)
def test_clear_comparison(own, reference, expected):
    assert clear_comparison(own, reference) == expected

"""The rules of "rank by my criteria": where a figure sits on the 0-1 scale,
and which figures make the ends of a criterion's range."""

import pytest

from figures.ranking import (
    UNKNOWN_COUNTS_AS,
    Range,
    great_circle_km,
    share_of_score,
    trimmed_positions,
)


@pytest.mark.parametrize(
    ("count", "positions"),
    [
        (0, (0, 0)),
        (1, (0, 0)),
        (2, (0, 1)),
        (20, (0, 19)),  # 5% of 19 gaps is 0.95: nothing cut
        (21, (1, 19)),  # 5% of 20 gaps is 1: one cut at each end
        (101, (5, 95)),
        (200_001, (10_000, 190_000)),
    ],
)
def test_five_percent_is_cut_off_at_each_end(count, positions):
    assert trimmed_positions(count) == positions


def test_a_figure_sits_between_the_ends_and_beyond_them_at_an_end():
    scores = Range(3.2, 4.2)
    assert scores.scaled(4.0, higher_is_better=True) == pytest.approx(0.8)
    assert scores.scaled(4.0, higher_is_better=False) == pytest.approx(0.2)
    assert scores.scaled(4.9, higher_is_better=True) == 1.0
    assert scores.scaled(1.0, higher_is_better=True) == 0.0


def test_without_spread_every_figure_is_in_the_middle():
    fees = Range(2601.0, 2601.0)
    assert fees.scaled(2601.0, higher_is_better=False) == UNKNOWN_COUNTS_AS


def test_the_weights_share_out_100_points():
    assert share_of_score(3, 6) == 50
    assert share_of_score(1, 6) == pytest.approx(16.667, abs=0.001)
    assert share_of_score(2, 0) == 0


def test_distance_as_the_crow_flies():
    # Utrecht to Groningen (GeoNames' coordinates): about 159 km, one degree
    # of latitude is 111.2 km.
    utrecht, groningen = (52.09083, 5.12222), (53.21917, 6.56667)
    assert great_circle_km(utrecht, groningen) == pytest.approx(158.8, abs=0.1)
    assert great_circle_km((52.0, 5.0), (53.0, 5.0)) == pytest.approx(111.2, abs=0.1)

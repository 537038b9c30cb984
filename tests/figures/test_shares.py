"""Whole-number shares, and the gender split of first-years with DUO's gaps."""

import pytest

from figures.publication import Withheld
from figures.shares import gender_counts, gender_shares, share_of


def shown(figure):
    return figure.value if figure.is_shown else None


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(25, 95, 26), (70, 95, 74), (1, 8, 13), (1, 200, 1), (0, 10, 0), (10, 10, 100)],
)
def test_share_is_a_whole_percentage_with_halves_rounded_up(part, whole, expected):
    assert shown(share_of(part, whole)) == expected


@pytest.mark.parametrize(("part", "whole"), [(None, 10), (3, None), (0, 0)])
def test_share_without_a_part_or_a_whole_is_withheld_not_zero(part, whole):
    figure = share_of(part, whole)
    assert figure.withheld == Withheld.NO_DATA
    assert figure.shown_value is None


def test_both_parts_known_give_both_shares():
    shares = gender_shares(total=95, men=25, women=70)
    assert (shown(shares.men), shown(shares.women)) == (26, 74)


def test_missing_men_are_zero_when_women_are_all_first_years():
    shares = gender_shares(total=10, men=None, women=10)
    assert (shown(shares.men), shown(shares.women)) == (0, 100)


def test_missing_women_are_zero_when_men_are_all_first_years():
    shares = gender_shares(total=6, men=6, women=None)
    assert (shown(shares.men), shown(shares.women)) == (100, 0)


def test_missing_part_stays_withheld_when_the_other_falls_short_of_the_total():
    """Staff entered 10 first-years and 7 women: the other 3 are not known to be men."""
    shares = gender_shares(total=10, men=None, women=7)
    assert shares.men.withheld == Withheld.NO_DATA
    assert shown(shares.women) == 70


def test_both_parts_missing_stay_withheld():
    shares = gender_shares(total=10, men=None, women=None)
    assert shares.men.withheld == shares.women.withheld == Withheld.NO_DATA


def test_unknown_total_withholds_both_shares():
    shares = gender_shares(total=None, men=None, women=4)
    assert not shares.men.is_shown
    assert not shares.women.is_shown


def test_no_first_years_at_all_give_no_shares_not_zero_percent():
    shares = gender_shares(total=0, men=None, women=0)
    assert not shares.men.is_shown
    assert not shares.women.is_shown


def test_gender_counts_read_a_left_out_gender_as_zero_only_when_the_other_is_all():
    assert gender_counts(total=10, men=None, women=10) == (0, 10)
    assert gender_counts(total=10, men=None, women=8) == (None, 8)
    assert gender_counts(total=None, men=None, women=8) == (None, 8)

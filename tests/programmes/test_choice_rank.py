"""Ordering by a choice's place in a given order (the place pages' levels and
forms), in SQL."""

import pytest

from programmes.models import Form, Level, Programme
from programmes.selectors import LEVEL_ORDER, choice_rank, level_rank
from tests.programmes.factories import ProgrammeFactory, StudyFactory

pytestmark = pytest.mark.django_db


def test_programmes_are_ordered_by_the_place_of_their_form_in_the_order_given():
    for form in (Form.DUAL, Form.FULL_TIME, Form.PART_TIME):
        ProgrammeFactory(form=form)
    order = [Form.PART_TIME, Form.DUAL, Form.FULL_TIME]
    ranked = Programme.objects.order_by(choice_rank("form", order))
    assert [programme.form for programme in ranked] == order


def test_levels_follow_level_order_even_where_one_level_ends_like_another():
    # "HBO-O" ends in "O-O", like "WO-O"; "WO-BA" is inside no other level.
    for level in reversed(LEVEL_ORDER):
        ProgrammeFactory(study=StudyFactory(level=level))
    ranked = Programme.objects.order_by(level_rank())
    assert [programme.study.level for programme in ranked] == list(LEVEL_ORDER)
    assert set(LEVEL_ORDER) == set(Level)


def test_an_order_where_a_value_hides_inside_an_earlier_one_is_refused():
    with pytest.raises(ValueError):
        choice_rank("language", ["english", "en"])

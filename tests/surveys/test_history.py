"""Survey and career figures are versioned like the programme content."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.careers.factories import CareerFigureFactory
from tests.programmes.admin_pages import form_data
from tests.surveys.factories import ProgrammeScoreFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "admin_name", "field", "new_value"),
    [
        (ProgrammeScoreFactory, "surveys_programmescore", "mean", "4.20"),
        (CareerFigureFactory, "careers_careerfigure", "value", "3100"),
    ],
)
def test_admin_edit_of_a_figure_is_versioned_and_restorable(
    admin_client, admin_user, factory, admin_name, field, new_value
):
    figure = factory()
    old_value = Decimal(getattr(figure, field))
    url = reverse(f"admin:{admin_name}_change", args=[figure.pk])
    data = form_data(admin_client.get(url))
    data[field] = new_value
    assert admin_client.post(url, data).status_code == 302

    latest = figure.history.latest()
    assert latest.history_user == admin_user
    assert Decimal(getattr(latest, field)) == Decimal(new_value)
    first = figure.history.earliest()
    first.instance.save()  # what the history page's "revert" does
    figure.refresh_from_db()
    assert Decimal(getattr(figure, field)) == old_value

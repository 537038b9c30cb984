import pytest

from careers.models import CareerOutcome, OccupationShare
from programmes.models import DataSource
from tests.careers.factories import (
    CareerFigureFactory,
    CareerOutcomeFactory,
    GraduateJudgementFactory,
    OccupationFactory,
    OccupationShareFactory,
)
from tests.programmes.admin_pages import (
    _english_admin,  # noqa: F401  (autouse fixture)
    admin_url,
    assert_pages_load,
    error_text,
    form_data,
    page,
)
from tests.programmes.factories import DataSourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "translated"),
    [
        (CareerOutcomeFactory, ()),
        (CareerFigureFactory, ()),
        (OccupationFactory, ("name",)),
        (OccupationShareFactory, ()),
        (GraduateJudgementFactory, ()),
    ],
)
def test_every_careers_admin_page_loads(admin_client, factory, translated):
    obj = factory()
    assert_pages_load(admin_client, type(obj), obj, translated)


def test_demo_career_outcome_is_badged_in_list_and_form(admin_client):
    outcome = CareerOutcomeFactory(source=DataSourceFactory(kind=DataSource.Kind.DEMO))
    changelist = admin_client.get(admin_url(CareerOutcome, "changelist"))
    badge = page(changelist).select_one("#result_list .data-badge")
    assert badge.get_text() == "Demo data"
    change = admin_client.get(admin_url(CareerOutcome, "change", outcome.pk))
    assert "not real" in page(change).select_one(".field-data_status").get_text()


def test_occupation_shares_above_100_together_are_refused(admin_client):
    outcome = CareerOutcomeFactory()
    OccupationShareFactory(outcome=outcome, share="48.0")
    OccupationShareFactory(outcome=outcome, share="30.0")
    url = admin_url(CareerOutcome, "change", outcome.pk)
    data = form_data(admin_client.get(url))
    data["occupation_shares-1-share"] = "60.0"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "add up to 108.0%" in error_text(response)
    assert sorted(
        str(share) for share in OccupationShare.objects.values_list("share", flat=True)
    ) == ["30.0", "48.0"]


def test_occupation_shares_up_to_100_are_saved(admin_client):
    outcome = CareerOutcomeFactory()
    OccupationShareFactory(outcome=outcome, share="48.0")
    OccupationShareFactory(outcome=outcome, share="30.0")
    url = admin_url(CareerOutcome, "change", outcome.pk)
    data = form_data(admin_client.get(url))
    data["occupation_shares-1-share"] = "52.0"
    response = admin_client.post(url, data)
    assert response.status_code == 302, error_text(response)
    assert sorted(
        str(share) for share in OccupationShare.objects.values_list("share", flat=True)
    ) == ["48.0", "52.0"]


def test_career_percentage_above_100_is_refused(admin_client):
    figure = CareerFigureFactory(metric="job_in_field", value=70)
    url = admin_url(CareerOutcome, "change", figure.outcome.pk)
    data = form_data(admin_client.get(url))
    data["figures-0-value"] = "101"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "A percentage lies between 0 and 100." in error_text(response)
    figure.refresh_from_db()
    assert figure.value == 70


@pytest.mark.parametrize("rows", [3, 30])
def test_outcome_changelist_query_count_does_not_grow(
    admin_client, django_assert_max_num_queries, rows
):
    source = DataSourceFactory()
    for _ in range(rows):
        CareerOutcomeFactory(source=source)
    with django_assert_max_num_queries(10):
        response = admin_client.get(admin_url(CareerOutcome, "changelist"))
    assert len(page(response).select("#result_list tbody tr")) == rows


def test_single_occupation_share_cannot_push_the_total_above_100(admin_client):
    outcome = CareerOutcomeFactory()
    OccupationShareFactory(outcome=outcome, share="80.0")
    url = admin_url(OccupationShare, "add")
    data = form_data(admin_client.get(url))
    data.update(outcome=outcome.pk, occupation=OccupationFactory().pk, share="30.0")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "add up to 110.0%" in error_text(response)
    assert OccupationShare.objects.count() == 1


def test_percentage_above_100_in_graduate_judgement_is_refused(admin_client):
    judgement = GraduateJudgementFactory(good_basis="60.0")
    url = admin_url(type(judgement), "change", judgement.pk)
    data = form_data(admin_client.get(url))
    data["good_basis"] = "101"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "less than or equal to 100" in error_text(response)
    judgement.refresh_from_db()
    assert str(judgement.good_basis) == "60.0"

"""The bare benchmark view exists only under the benchmark settings."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_bare_view_does_not_exist_on_the_portal(client):
    assert client.get("/bench/bare/").status_code == 404


@override_settings(ROOT_URLCONF="bench.urls")
def test_benchmark_urls_add_the_bare_view_to_the_portal(client, programme_page_url):
    response = client.get("/bench/bare/")
    assert response.status_code == 200
    assert b"Bare Django view." in response.content
    assert client.get(programme_page_url).status_code == 200


@pytest.fixture
def programme_page_url():
    from tests.programmes.factories import ProgrammeFactory

    return ProgrammeFactory().get_absolute_url()

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_null_characters_are_stripped_from_query_strings(client):
    with translation.override("nl"):
        listing = reverse("programmes:programme_list")
    response = client.get(f"{listing}?q=bio%00logie&institution=%00")
    assert response.status_code == 200
    assert response.context["listing"].query == "biologie"


def test_home_page_searches_the_listing(client):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get("/nl/").content, "html.parser")
    form = soup.find("form", role="search")
    assert form["action"] == "/nl/opleidingen/"
    assert form.find("input")["name"] == "q"
    levels = [a["href"] for a in soup.select(".home-levels a")]
    assert "/nl/opleidingen/?level=WO-MA" in levels

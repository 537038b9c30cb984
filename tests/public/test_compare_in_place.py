""" "Add to compare" from the page's script: the answer is the changed parts of
the page (tray, button, outcome), swapped in place by static/js/compare-tray.js;
a plain form post still redirects back with a message."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from public.compare_selection import MAX_COMPARED
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

FROM_SCRIPT = {"headers": {"X-Fragment": "compare"}}


def url(name, language="nl"):
    with translation.override(language):
        return reverse(f"programmes:{name}")


def post_from_script(client, programme, action="add", next_url="", language="nl"):
    return client.post(
        url("compare_selection", language),
        {"action": action, "programme": programme.slug, "next": next_url},
        **FROM_SCRIPT,
    )


def answer_of(response):
    return BeautifulSoup(response.content, "html.parser")


def button_of(answer):
    return answer.select_one("form.compare-form[data-programme] button[name=action]")


@pytest.fixture
def programme():
    return ProgrammeFactory(slug="bmw-leiden", name_nl="BMW Leiden")


def test_adding_answers_the_new_tray_button_and_outcome(client, programme):
    listing = f"{url('programme_list')}?q=bmw"
    response = post_from_script(client, programme, next_url=listing)

    assert response.status_code == 200
    answer = answer_of(response)
    assert "BMW Leiden" in answer.select_one("#compare-tray .compare-tray").get_text()
    assert "Vergelijk 1 opleiding" in answer.select_one("#compare-tray").get_text()
    button = button_of(answer)
    assert button["value"] == "remove"
    assert button.get_text(" ", strip=True).startswith("Niet meer vergelijken")
    message = answer.select_one("#compare-message")
    assert message["data-level"] == "success"
    assert message.get_text(strip=True) == "BMW Leiden staat in je vergelijking."
    # The tray's own form returns to the page the visitor is on, not to the
    # address the script posted to.
    assert answer.select_one("#compare-tray input[name=next]")["value"] == listing
    assert client.session["compare"] == [programme.pk]


def test_the_outcome_is_not_shown_again_on_the_next_page(client, programme):
    post_from_script(client, programme)
    page = answer_of(client.get(url("programme_list")))
    assert page.select_one(".messages") is None
    assert "BMW Leiden" in page.select_one(".compare-tray").get_text()


def test_removing_answers_an_empty_tray_and_an_add_button(client, programme):
    post_from_script(client, programme)
    answer = answer_of(post_from_script(client, programme, action="remove"))
    assert answer.select_one("#compare-tray") is not None
    assert answer.select_one(".compare-tray") is None
    assert button_of(answer)["value"] == "add"
    assert "uit je vergelijking gehaald" in answer.select_one("#compare-message").text


def test_a_full_comparison_answers_a_warning_and_keeps_the_add_button(client):
    programmes = [ProgrammeFactory(slug=f"p{n}") for n in range(MAX_COMPARED + 1)]
    for chosen in programmes[:MAX_COMPARED]:
        post_from_script(client, chosen)
    answer = answer_of(post_from_script(client, programmes[-1]))
    message = answer.select_one("#compare-message")
    assert message["data-level"] == "warning"
    assert "Je vergelijking is vol" in message.get_text()
    assert f"hoogstens {MAX_COMPARED}" in message.get_text()
    assert button_of(answer)["value"] == "add"


def test_the_answer_is_in_the_language_of_the_page(client, programme):
    answer = answer_of(post_from_script(client, programme, language="en"))
    assert button_of(answer).get_text(" ", strip=True).startswith("Remove from compare")
    assert "is in your comparison" in answer.select_one("#compare-message").text


def test_a_bad_request_from_the_script_answers_400_with_a_message(client, programme):
    response = client.post(
        url("compare_selection"), {"action": "explode"}, **FROM_SCRIPT
    )
    assert response.status_code == 400
    assert (
        "probeer het opnieuw"
        in answer_of(response).select_one("#compare-message").get_text().lower()
    )


def test_a_plain_form_post_still_redirects_back_with_a_message(client, programme):
    listing = url("programme_list")
    response = client.post(
        url("compare_selection"),
        {"action": "add", "programme": programme.slug, "next": listing},
    )
    assert response.status_code == 302
    assert response["Location"] == listing
    page = answer_of(client.get(listing))
    assert "BMW Leiden staat in je vergelijking." in page.select_one(".messages").text


def test_another_visitor_sees_nothing_of_the_answer(client, programme, settings):
    settings.PAGE_CACHE_SECONDS = 60
    post_from_script(client, programme)
    fresh = answer_of(client.__class__().get(url("programme_list")))
    assert fresh.select_one("#compare-message") is None
    assert fresh.select_one(".compare-tray") is None

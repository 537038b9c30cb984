"""The admin's translation tabs work under the Content-Security-Policy."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_programme_form_tabs_switch_language_without_csp_errors(page, live_server):
    get_user_model().objects.create_superuser("editor", "e@example.org", "pw-Editor-1")
    programme = ProgrammeFactory(name_nl="Sterrenkunde", name_en="Astronomy")
    page.goto("/nl/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "pw-Editor-1")
    page.click("input[type=submit]")
    page.goto(f"/nl/admin/programmes/programme/{programme.pk}/change/")
    english_field = page.locator("#id_name_en")
    expect(page.locator("#id_name_nl")).to_be_visible()
    expect(english_field).to_be_hidden()
    page.locator(".ui-tabs-nav a", has_text="EN").first.click()
    expect(english_field).to_be_visible()
    expect(english_field).to_have_value("Astronomy")

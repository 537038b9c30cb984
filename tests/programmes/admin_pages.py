"""Helpers for reading and posting the admin's pages, shared by the admin tests."""

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

CDN_PATTERN = re.compile(r"(?:https?:)?//(?:ajax\.googleapis|code\.jquery|cdn)", re.I)


@pytest.fixture(autouse=True)
def _english_admin():
    """The admin is checked in English so that assertions read like the source."""
    with translation.override("en"):
        yield


def admin_url(model, action, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{action}", args=args)


def page(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def form_data(response):
    """The values the browser would post for the admin change form on ``response``."""
    form = page(response).select_one("#content-main form[id$=_form]")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "file"):
            continue
        if field.name == "select":
            selected = field.find_all("option", selected=True)
            values = [option.get("value", "") for option in selected]
            if field.has_attr("multiple"):
                data[name] = values
            else:
                data[name] = values[0] if values else ""
        elif field.name == "textarea":
            data[name] = field.text.strip("\n")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        else:
            data[name] = field.get("value", "")
    return data


def error_text(response):
    soup = page(response)
    return " ".join(
        node.get_text(" ", strip=True) for node in soup.select(".errorlist, .errornote")
    )


def assert_translated_inputs(response, *fields):
    soup = page(response)
    for field in fields:
        for language in ("nl", "en"):
            assert soup.find(attrs={"name": f"{field}_{language}"}), (
                f"{field}_{language} missing"
            )


def assert_pages_load(client, model, obj, translated=()):
    """Changelist, add page and change page of ``model`` render for a superuser."""
    changelist = client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    change_url = admin_url(model, "change", obj.pk)
    assert page(changelist).select_one(f'#result_list a[href="{change_url}"]')
    add = client.get(admin_url(model, "add"))
    assert add.status_code == 200
    change = client.get(change_url)
    assert change.status_code == 200
    for response in (add, change):
        assert_translated_inputs(response, *translated)
        assert not CDN_PATTERN.search(response.content.decode())
    return change

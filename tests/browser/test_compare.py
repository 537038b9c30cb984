"""The compare page in a real browser: "show only differences" without a reload,
sticky names and labels, the copy-link button, the downloads, and the same
page without JavaScript."""

import csv
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from demo.loader import demo_load

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def compare_address(cbs_labour_market):
    reference = demo_load().reference_programme
    with translation.override("en"):
        return f"{reverse('programmes:compare')}?study={reference.study.slug}"


def test_show_only_differences_at_once_without_a_reload(page, compare_address):
    page.goto(compare_address)
    page.evaluate("window.notReloaded = true")
    same = page.locator("#compare-table tr[data-same]")
    assert same.count() > 0
    expect(same.first).to_be_visible()
    # JavaScript applies the choice at once: no "Apply" button.
    expect(page.get_by_role("button", name="Apply")).to_be_hidden()

    page.get_by_label("Show only differences").check()
    expect(same.first).to_be_hidden()
    assert "differences=1" in page.url
    for link in page.locator("a[data-compare-link]").all():
        assert "differences=1" in link.get_attribute("href")
    assert page.evaluate("window.notReloaded") is True
    # The careers section reads the same for one study's programmes: hidden whole.
    expect(page.locator("#compare-careers")).to_be_hidden()

    page.get_by_label("Show only differences").uncheck()
    expect(same.first).to_be_visible()
    assert "differences" not in page.url
    assert page.evaluate("window.notReloaded") is True


def test_names_and_labels_stay_in_view_while_scrolling(page, compare_address):
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(compare_address)
    box = page.locator(".compare-scroll")
    name = page.locator("#compare-table thead th").first
    label = page.locator("#compare-table tbody th[scope=row]").first
    box.evaluate("element => element.scrollBy(400, 600)")
    page.wait_for_timeout(100)
    container = box.bounding_box()
    assert abs(name.bounding_box()["y"] - container["y"]) <= 2
    assert abs(label.bounding_box()["x"] - container["x"]) <= 2
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_copy_link_says_it_copied(page, compare_address, live_server):
    page.context.grant_permissions(
        ["clipboard-read", "clipboard-write"], origin=live_server.url
    )
    page.goto(compare_address)
    expect(page.locator("[data-compare-share]")).to_be_hidden()
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".compare-copy__status")).to_have_text(
        re.compile("^The link is copied")
    )
    assert page.evaluate("navigator.clipboard.readText()") == page.url


def test_csv_download_holds_the_rows_shown(page, compare_address):
    page.goto(compare_address)
    page.get_by_label("Show only differences").check()
    shown = page.locator(
        "#compare-table tbody:not([hidden]) tr:not([hidden]):not(.compare__section-head)"
    ).count()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as CSV").click()
    path = download.value.path()
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert download.value.suggested_filename == "keuzewijzer-comparison.csv"
    assert len(rows) - 1 == shown


def test_without_javascript_the_form_and_the_sentence_do_it(
    browser, live_server, compare_address
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(compare_address)
    expect(page.locator("[data-compare-share]")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_be_hidden()
    page.get_by_label("Show only differences").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile("differences=1"))
    expect(page.locator("#compare-table tr[data-same]").first).to_be_hidden()
    context.close()

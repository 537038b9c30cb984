"""Every public page type from a small phone to a laptop: no sideways scrolling,
no tiny text, and no accessibility violations on a phone."""

import pytest
from django.urls import reverse
from django.utils import translation

from demo.loader import demo_load
from tests.browser.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

# A small phone, a common phone, a tablet upright, a laptop.
WIDTHS = (320, 390, 768, 1366)
PHONE = 390
# The smallest text a page may print (CSS px): 12 px, as read on a phone.
SMALLEST_TEXT = 12
# Run in the page with the smallest size as its argument: how wide the page is,
# and the first few texts drawn smaller (SVG text at the size the chart is drawn).
MEASURE = """(smallest) => {
  const tiny = [];
  for (const el of document.querySelectorAll('body *')) {
    const text = Array.from(el.childNodes).some(
      n => n.nodeType === 3 && n.textContent.trim());
    if (!text || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
    let size = parseFloat(style.fontSize);
    const svg = el.closest('svg');
    if (svg && svg.viewBox && svg.viewBox.baseVal && svg.viewBox.baseVal.width) {
      size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    }
    if (size < smallest) tiny.push(el.tagName + ' ' + size.toFixed(1) + ' ' + el.textContent.trim().slice(0, 30));
  }
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, tiny: tiny.slice(0, 5)};
}"""


@pytest.fixture
def reference(cbs_labour_market):
    return demo_load().reference_programme


def page_urls(reference, language):
    with translation.override(language):
        return {
            "home": reverse("home"),
            "listing": f"{reverse('programmes:programme_list')}?q=bio",
            "programme": reference.get_absolute_url(),
            "compare": f"{reverse('programmes:compare')}?study={reference.study.slug}",
            "study": reference.study.get_absolute_url(),
            "institution": reference.institution.get_absolute_url(),
            "city": reference.municipality.get_absolute_url(),
        }


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_scrolls_sideways_or_prints_tiny_text_at_any_width(
    page, reference, language
):
    found = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        for name, url in page_urls(reference, language).items():
            page.goto(url)
            measured = page.evaluate(MEASURE, SMALLEST_TEXT)
            if measured["scroll"] > measured["inner"] or measured["tiny"]:
                found[(width, name)] = measured
    assert found == {}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_page_has_accessibility_violations_on_a_phone(page, reference, language):
    """The layout changes on a phone (stacked tables, wrapped header): axe checks
    that layout too, not only the desktop one."""
    page.set_viewport_size({"width": PHONE, "height": 800})
    found = {}
    for name, url in page_urls(reference, language).items():
        page.goto(url)
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}

"""Helpers for reading the programme listing, shared by the listing tests."""

import re

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation


def listing_url(language="nl"):
    with translation.override(language):
        return reverse("programmes:programme_list")


def get_listing(client, query="", language="nl"):
    response = client.get(f"{listing_url(language)}?{query}")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def result_names(soup):
    return [h.get_text(" ", strip=True) for h in soup.select(".result__name")]


def facet_options(soup, name):
    """{option label: count} as printed in a facet."""
    options = {}
    for label in soup.select(f"#facet-{name} label"):
        count = label.select_one(".facet__count")
        if count is None:
            continue
        text = label.get_text(" ", strip=True).replace(count.get_text(), "").strip()
        options[text] = int(count.get_text().strip("()").replace(".", ""))
    return options


def notes(soup):
    return " ".join(li.get_text(" ", strip=True) for li in soup.select(".notes li"))


def _whole(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def results_counted(soup) -> tuple[int, int]:
    """(programmes, variants) as the results heading tells them: "12
    opleidingen, 31 varianten", or one number when no programme has several
    variants."""
    title = soup.select_one("#results-title")
    variants = title.select_one(".results-variants")
    if variants is None:
        return _whole(title.get_text()), _whole(title.get_text())
    programmes = title.get_text().replace(variants.get_text(), "")
    return _whole(programmes), _whole(variants.get_text())


def variants_shown(soup) -> int:
    """The number of programme variants the heading tells (what a facet's
    option count promises: every variant is a programme of its own)."""
    return results_counted(soup)[1]

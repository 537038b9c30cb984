"""The programme lines of a place's page, as the variant_lines tag writes them:
what each shows, the language a name falls back to, and escaping."""

from bs4 import BeautifulSoup
from django.utils import translation

from public.places import Names, VariantLine
from public.templatetags.place_lines import variant_lines


def line(**changes):
    values = {
        "level": "WO-MA",
        "url": "/en/programmes/law/",
        "names": Names("Rechtsgeleerdheid", "Law"),
        "institution": None,
        "form": "Full-time",
        "language": "",
        "location": None,
        "ects": "",
        "source_kind": None,
    }
    return VariantLine(**{**values, **changes})


def written(*lines, language="en"):
    with translation.override(language):
        return BeautifulSoup(variant_lines(lines), "html.parser")


def test_a_line_links_its_name_and_shows_only_the_facts_it_has():
    soup = written(line(language="English", ects="60 ECTS"))
    link = soup.select_one("li.programme-variant > a.programme-variant__name")
    assert (link["href"], link.get_text()) == ("/en/programmes/law/", "Law")
    facts = {
        fact["data-variant"]: fact.get_text() for fact in soup.select("[data-variant]")
    }
    assert facts == {
        "form": "Full-time",
        "language": "Language: English",
        "ects": "60 ECTS",
    }
    assert soup.select_one('[data-variant="language"] .visually-hidden')


def test_a_name_missing_in_english_is_the_dutch_one_marked_as_dutch():
    soup = written(
        line(
            names=Names("Rechtsgeleerdheid", ""),
            institution=Names("Hogeschool Leiden", ""),
            location=Names("Den Haag", "The Hague"),
        )
    )
    name = soup.select_one(".programme-variant__name span")
    assert (name["lang"], name.get_text()) == ("nl", "Rechtsgeleerdheid")
    institution = soup.select_one('[data-variant="institution"] span')
    assert (institution["lang"], institution.get_text()) == ("nl", "Hogeschool Leiden")
    location = soup.select_one('[data-variant="location"]')
    assert location.get_text() == "Location: The Hague"
    assert not location.select("[lang]")


def test_text_is_escaped():
    soup = written(line(names=Names("<b>Recht</b>", "<b>Law</b>"), url='/x/"y'))
    link = soup.select_one("a")
    assert link.get_text() == "<b>Law</b>"
    assert not soup.select("b")
    assert link["href"] == '/x/"y'

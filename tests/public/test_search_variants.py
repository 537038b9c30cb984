"""Issue 18: the full-time, part-time and dual variants of one programme (and
the same programme in another language or place) are one result in the listing,
with its variants as links; the counts, pages, filters and sort orders take
results as the visitor sees them.

The catalogue, with its counts worked out by hand:

    Leiden, Rechtsgeleerdheid   voltijd 900 students, deeltijd 120, duaal 40
    Erasmus, Rechtsgeleerdheid  voltijd 700 (the same study elsewhere)
    Leiden, Psychologie         in Dutch 500, in English 650
    Hanze, Verpleegkunde        voltijd in Groningen 300, in Leeuwarden 200

    = 4 programmes, 8 variants.
"""

from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup

from programmes.models import Form, Language, Level
from public.facets import catalogue_counts_refresh
from surveys.models import Aspect
from tests.programmes.factories import (
    EnrolmentFactory,
    InstitutionFactory,
    MunicipalityFactory,
    StudyFactory,
)
from tests.public.catalogue_builders import leiden_university, programme_offered
from tests.public.listing_pages import (
    facet_options,
    get_listing,
    results_counted,
)
from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory

pytestmark = pytest.mark.django_db


def offered(institution, study, students, slug, **fields):
    programme = programme_offered(institution, study, slug=slug, **fields)
    EnrolmentFactory(programme=programme, students=students)
    return programme


@pytest.fixture
def variants():
    leiden = leiden_university()
    rotterdam = MunicipalityFactory(name_nl="Rotterdam", slug="rotterdam")
    erasmus = InstitutionFactory(
        name_nl="Erasmus Universiteit Rotterdam",
        name_en="Erasmus University Rotterdam",
        slug="erasmus",
        municipality=rotterdam,
    )
    groningen = MunicipalityFactory(name_nl="Groningen", slug="groningen")
    leeuwarden = MunicipalityFactory(name_nl="Leeuwarden", slug="leeuwarden")
    hanze = InstitutionFactory(
        name_nl="Hanzehogeschool", name_en="Hanze", slug="hanze", municipality=groningen
    )
    law = StudyFactory(name_nl="Rechtsgeleerdheid", name_en="Law", level=Level.WO_BA)
    psychology = StudyFactory(
        name_nl="Psychologie", name_en="Psychology", level=Level.WO_BA
    )
    nursing = StudyFactory(
        name_nl="Verpleegkunde", name_en="Nursing", level=Level.HBO_BA
    )
    return {
        "law": offered(leiden, law, 900, "law"),
        "law-part-time": offered(leiden, law, 120, "law-pt", form=Form.PART_TIME),
        "law-dual": offered(leiden, law, 40, "law-dual", form=Form.DUAL),
        "law-erasmus": offered(erasmus, law, 700, "law-eur"),
        "psychology": offered(leiden, psychology, 500, "psy"),
        "psychology-en": offered(
            leiden,
            psychology,
            650,
            "psy-en",
            language=Language.ENGLISH,
            location_code="21PB01",  # DUO lists it as an offer of its own
        ),
        "nursing": offered(hanze, nursing, 300, "nursing"),
        "nursing-leeuwarden": offered(
            hanze,
            nursing,
            200,
            "nursing-lwd",
            municipality=leeuwarden,
            location_code="25BE01",
        ),
    }


def heading(soup) -> str:
    return " ".join(soup.select_one("#results-title").get_text().split())


class Result(NamedTuple):
    name: str
    href: str  # the name's address
    meta: str  # the institution line
    links: list[tuple[str, str]]  # (variant link text, address)
    compared: str  # the programme its "Add to compare" adds


def results(soup) -> list[Result]:
    """Each result as the visitor reads it."""
    shown = []
    for result in soup.select(".result"):
        name = result.select_one(".result__name a")
        links = result.select(".result__variants a")
        shown.append(
            Result(
                name.get_text(strip=True),
                name["href"],
                " ".join(result.select_one(".result__meta").get_text().split()),
                [(a.get_text(strip=True), a["href"]) for a in links],
                result.select_one("form.compare-form")["data-programme"],
            )
        )
    return shown


def test_one_programme_in_three_forms_is_one_result_naming_them(client, variants):
    soup = get_listing(client, "q=rechtsgeleerdheid&sort=students")

    leiden, erasmus = results(soup)
    assert (leiden.name, leiden.href) == (
        "Rechtsgeleerdheid",
        variants["law"].get_absolute_url(),
    )
    assert (
        leiden.meta
        == "Universiteit Leiden · Leiden · Bachelor (wo) · Nederlands · 180 ECTS"
    )
    assert leiden.links == [
        ("Voltijd", variants["law"].get_absolute_url()),
        ("Deeltijd", variants["law-part-time"].get_absolute_url()),
        ("Duaal", variants["law-dual"].get_absolute_url()),
    ]
    assert "Voltijd · Deeltijd · Duaal" in " ".join(
        soup.select_one(".result__variants").get_text().split()
    )
    # "Add to compare" adds one programme: the variant the result shows.
    assert leiden.compared == "law"
    button = soup.select_one(".result form.compare-form button")
    assert button.get_text(" ", strip=True) == (
        "Vergelijk : Rechtsgeleerdheid (Voltijd), Universiteit Leiden"
    )
    assert soup.select_one(".result__figures-of").get_text(strip=True) == (
        "Cijfers voor Voltijd"
    )
    # The same study at another institution is a result of its own.
    assert erasmus.meta.startswith("Erasmus Universiteit Rotterdam · Rotterdam")
    assert erasmus.links == []
    assert results_counted(soup) == (2, 4)
    assert heading(soup) == "2 opleidingen, 4 varianten"


def test_a_form_filter_shows_only_the_variants_in_that_form(client, variants):
    soup = get_listing(client, "q=rechtsgeleerdheid&form=part_time")

    [result] = results(soup)
    assert result.href == variants["law-part-time"].get_absolute_url()
    assert "Deeltijd" in result.meta
    assert "Voltijd" not in soup.select_one(".results").get_text()
    assert result.links == []  # one variant: the result is that variant
    assert result.compared == "law-pt"
    assert heading(soup) == "1 opleiding"

    soup = get_listing(client, "q=rechtsgeleerdheid&form=part_time&form=dual")
    [result] = results(soup)
    assert [text for text, _href in result.links] == ["Deeltijd", "Duaal"]
    assert results_counted(soup) == (1, 2)


def test_variants_in_other_languages_and_places_are_named_by_them(client, variants):
    soup = get_listing(client, "sort=name")

    by_name = {result.name: result for result in results(soup)}
    psychology = by_name["Psychologie"]
    assert [text for text, _href in psychology.links] == ["Nederlands", "Engels"]
    assert "Voltijd" in psychology.meta and "Nederlands" not in psychology.meta
    nursing = by_name["Verpleegkunde"]
    assert [text for text, _href in nursing.links] == ["Groningen", "Leeuwarden"]
    assert (
        nursing.meta
        == "Hanzehogeschool · Bachelor (hbo) · Voltijd · Nederlands · 180 ECTS"
    )


def test_english_page_names_the_forms_and_counts_in_english(client, variants):
    soup = get_listing(client, "q=law", language="en")

    assert results_counted(soup) == (2, 4)
    assert heading(soup) == "2 programmes, 4 variants"
    links = [a.get_text(strip=True) for a in soup.select(".result__variants a")]
    assert links == ["Full-time", "Part-time", "Work-study (dual)"]


def test_counts_as_the_visitor_sees_them(client, variants):
    # Counted live (nothing stored yet), then from the stored catalogue counts.
    soup = get_listing(client)
    assert results_counted(soup) == (4, 8)
    assert len(soup.select(".result")) == 4
    # A facet counts variants: each is a programme of its own to choose.
    assert facet_options(soup, "form") == {"Voltijd": 6, "Deeltijd": 1, "Duaal": 1}

    catalogue_counts_refresh()
    soup = get_listing(client)
    assert results_counted(soup) == (4, 8)


def test_sorting_ranks_a_programme_by_its_best_variant(client, variants):
    soup = get_listing(client, "sort=students")

    # Best variants: law 900, Erasmus law 700, psychology 650 (in English),
    # nursing 300.
    assert [(r.name, r.compared) for r in results(soup)] == [
        ("Rechtsgeleerdheid", "law"),
        ("Rechtsgeleerdheid", "law-eur"),
        ("Psychologie", "psy-en"),
        ("Verpleegkunde", "nursing"),
    ]


def test_relevance_ranks_a_programme_by_its_best_variant(client, variants):
    soup = get_listing(client, "q=universiteit")

    # The universities' programmes: "universiteit" is in no programme's name, so
    # they rank alike, by their best variant's students (Leiden's law 900,
    # Erasmus's law 700, Leiden's psychology 650 in English).
    assert [(r.name, r.compared) for r in results(soup)] == [
        ("Rechtsgeleerdheid", "law"),
        ("Rechtsgeleerdheid", "law-eur"),
        ("Psychologie", "psy-en"),
    ]
    assert results_counted(soup) == (3, 6)


def test_pages_hold_whole_programmes(client, variants, monkeypatch):
    monkeypatch.setattr("public.listing.PAGE_SIZE", 2)

    first = get_listing(client, "sort=students")
    second = get_listing(client, "sort=students&page=2")

    assert [r.compared for r in results(first)] == ["law", "law-eur"]
    assert [len(r.links) for r in results(first)] == [3, 0]
    assert [r.compared for r in results(second)] == ["psy-en", "nursing"]
    assert [len(r.links) for r in results(second)] == [2, 2]
    assert second.select_one("ol.results")["start"] == "3"
    assert results_counted(second) == (4, 8)


@pytest.mark.parametrize("search", ["", "q=rechtsgeleerdheid&"])
def test_by_score_a_programme_ranks_by_its_variant_with_a_shown_score(
    client, variants, search
):
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    ProgrammeScoreFactory(
        programme=variants["law-part-time"], aspect=overall, mean="4.20"
    )

    soup = get_listing(client, f"{search}sort=score")

    # Leiden's law by its part-time score, with all its forms; then the
    # programmes without a shown score, by name.
    expected = [("Rechtsgeleerdheid", "law-pt"), ("Rechtsgeleerdheid", "law-eur")]
    if not search:
        expected[1:1] = [("Psychologie", "psy")]
        expected.append(("Verpleegkunde", "nursing"))
    assert [(r.name, r.compared) for r in results(soup)] == expected
    assert [text for text, _href in results(soup)[0].links] == [
        "Voltijd",
        "Deeltijd",
        "Duaal",
    ]


def test_a_programme_in_many_places_links_a_few_and_lists_the_rest(client):
    # One programme offered in 12 places: 8 links, then "and 4 more", which
    # lists all 12; the counts still count every variant.
    leiden = leiden_university()
    study = StudyFactory(name_nl="Pabo", name_en="Teacher training")
    places = [
        MunicipalityFactory(name_nl=f"Plaats {letter}", slug=f"plaats-{letter}")
        for letter in "ABCDEFGHIJKL"
    ]
    for number, place in enumerate(places):
        offered(
            leiden,
            study,
            100 + number,
            f"pabo-{number}",
            municipality=place,
            location_code=f"LOC{number:02}",
        )
    urls = [f"/en/programmes/pabo-{n}/" for n in range(12)]

    soup = get_listing(client, "sort=students", language="en")

    [result] = results(soup)
    more = soup.select_one(".result__variants a.result__variants-more")
    assert result.links == [
        *(
            (f"Plaats {letter}", url)
            for letter, url in zip("ABCDEFGH", urls[:8], strict=True)
        ),
        ("and 4 more", more["href"]),
    ]
    assert results_counted(soup) == (1, 12)

    response = client.get(more["href"])
    assert response.status_code == 200
    listed = BeautifulSoup(response.content, "html.parser")
    [result] = results(listed)  # every link a place: no "more" link
    assert [text for text, _href in result.links] == [
        f"Plaats {letter}" for letter in "ABCDEFGHIJKL"
    ]
    assert results_counted(listed) == (1, 12)
    # The narrowed listing says whose variants it shows, and the chip's
    # cross leads back to the listing as it was (same sort, no narrowing).
    chip = listed.select_one(".search-chip--narrowing")
    assert chip.select_one(".search-chip__text").get_text() == (
        "Only the variants of Teacher training"
    )
    assert chip.a["href"] == "/en/programmes/?sort=students"
    assert chip.a.get_text(" ", strip=True) == "× Show all programmes again"


def test_a_narrowed_listing_names_the_programme_in_dutch(client, variants):
    # Named by its part-time variant's slug: the chip names the programme, and
    # the listing holds its three forms at Leiden, not Erasmus's.
    soup = get_listing(client, "q=recht&variants=law-pt&page=1")

    chip = soup.select_one(".search-chip--narrowing")
    assert chip.select_one(".search-chip__text").get_text() == (
        "Alleen de varianten van Rechtsgeleerdheid"
    )
    assert chip.a.get_text(" ", strip=True) == "× Weer alle opleidingen tonen"
    assert chip.a["href"] == "/nl/opleidingen/?q=recht"
    assert results_counted(soup) == (1, 3)


def test_an_unknown_programme_to_list_the_variants_of_lists_all(client, variants):
    soup = get_listing(client, "variants=no-such-programme%00%ff")

    assert results_counted(soup) == (4, 8)


def test_a_variant_whose_language_is_not_known_comes_last_and_says_so(client):
    leiden = leiden_university()
    history = StudyFactory(name_nl="Geschiedenis", name_en="History")
    unknown = offered(leiden, history, 100, "history", language="")
    english = offered(
        leiden,
        history,
        80,
        "history-en",
        language=Language.ENGLISH,
        location_code="21PB02",
    )
    dutch = offered(
        leiden,
        history,
        90,
        "history-nl",
        language=Language.DUTCH,
        location_code="21PB03",
    )

    [result] = results(get_listing(client, "q=geschiedenis"))
    assert result.links == [
        ("Nederlands", dutch.get_absolute_url()),
        ("Engels", english.get_absolute_url()),
        ("taal onbekend", unknown.get_absolute_url()),
    ]


def test_a_variant_whose_place_is_not_known_says_so(client):
    leiden = leiden_university()
    history = StudyFactory(name_nl="Geschiedenis", name_en="History")
    placed = offered(leiden, history, 100, "history")
    unplaced = offered(
        leiden, history, 90, "history-x", municipality=None, location_code="21PB09"
    )

    [result] = results(get_listing(client, "q=history", language="en"))
    assert sorted(result.links) == sorted(
        [
            ("Leiden", placed.get_absolute_url()),
            ("place not known", unplaced.get_absolute_url()),
        ]
    )

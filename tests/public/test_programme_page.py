"""The public programme page: identity, texts, fees, sources, links and structure."""

import re
from itertools import pairwise

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse, translate_url
from django.utils import translation

from careers.models import CareerMetric
from programmes.models import DataSource, FeeKind, ProgrammeCodeChange
from surveys.models import Aspect
from tests.careers.factories import (
    CareerFigureFactory,
    CareerOutcomeFactory,
    GraduateJudgementFactory,
    OccupationShareFactory,
)
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    HonoursProgrammeFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    TuitionFeeFactory,
)
from tests.public.place_pages import enrol
from tests.public.programme_pages import (
    add_scores,
    get_page,
    text_of,
)
from tests.surveys.factories import (
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


def test_overview_shows_identity_and_facts(client, leiden):
    soup = get_page(client, leiden, "en")
    header = soup.select_one("article.programme > header.programme-header")
    assert text_of(header.h1) == "Biomedical Sciences"
    assert "Leiden University" in text_of(header)
    assert "Leiden University Medical Center (LUMC)" in text_of(header)
    overview = soup.find(id="overview")
    assert "interdisciplinary approaches" in text_of(overview)
    facts = text_of(overview.find("dl", class_="facts"))
    assert "English (100% English)" in facts
    assert "Government-funded" in facts
    assert "312" in facts
    assert "120 ECTS" in facts
    assert "1 programme" in facts
    assert "Master of Science" in facts
    education = overview.find("ul", class_="specialisations").li
    assert text_of(education.h3) == "Education"
    assert "fluency in Dutch is required" in text_of(education)
    assert "Dutch and English" in text_of(education)


def test_dutch_only_content_falls_back_with_lang_and_note(client, leiden):
    soup = get_page(client, leiden, "en")
    honours = soup.find("ul", class_="honours").li
    marked = honours.find(attrs={"lang": "nl"})
    assert marked is not None
    assert "leiderschap" in text_of(honours)
    assert "(only available in Dutch)" in text_of(honours)
    # Content in the page's own language carries no note.
    admission = soup.find(id="admission")
    assert "fallback-note" not in str(admission.find("p"))


def test_english_only_content_is_marked_on_the_dutch_page(client, leiden):
    soup = get_page(client, leiden, "nl")
    description = soup.find(class_="programme-description")
    assert description.find(attrs={"lang": "en"}) is not None
    assert description.find(class_="fallback-note") is not None
    assert text_of(soup.find(id="admission")).startswith("Toelating Je hebt")


def test_admission_and_bridging(client, leiden):
    section = text_of(get_page(client, leiden, "en").find(id="admission"))
    assert "A bachelor's degree is required." in section
    assert "You may need a premaster." in section


@pytest.mark.parametrize(
    ("language", "newer", "older"),
    [("nl", "€ 2.601", "€ 2.530"), ("en", "€2,601", "€2,530")],
)
def test_fees_per_year_and_kind_in_the_language_notation(
    client, leiden, language, newer, older
):
    rows = get_page(client, leiden, language).select("#fees tr.fee")
    assert [text_of(row.th) for row in rows] == ["2025–2026", "2024–2025"]
    assert [text_of(row.select_one(".fee__amount")) for row in rows] == [newer, older]
    with translation.override(language):
        kind = str(FeeKind.STATUTORY.label)
    assert kind in text_of(rows[0])


def test_demo_sources_are_labelled_on_block_and_page(client, careers):
    soup = get_page(client, careers, "en")
    label = "Demo data — not real figures"
    assert label in text_of(soup.select_one(".demo-label--page"))
    assert label in text_of(soup.find(id="careers"))
    # The real DUO figures in the fees block carry no demo label.
    assert label not in text_of(soup.find(id="fees"))


def test_real_data_page_has_no_demo_label(client):
    real = DataSourceFactory(kind=DataSource.Kind.OFFICIAL)
    programme = ProgrammeFactory(source=real)
    assert get_page(client, programme, "en").select_one(".demo-label--page") is None


def test_unpublished_programme_is_not_found(client):
    programme = ProgrammeFactory(is_published=False)
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_unknown_slug_is_not_found(client):
    url = reverse("programmes:programme_detail", kwargs={"slug": "nope"})
    assert client.get(url).status_code == 404


def test_language_switcher_lands_on_the_same_programme(client, leiden):
    soup = get_page(client, leiden, "nl")
    english = soup.select_one('.language-switcher a[hreflang="en"]')
    with translation.override("en"):
        expected = leiden.get_absolute_url()
    assert english["href"] == expected
    assert leiden.slug in translate_url(english["href"], "nl")


def test_page_is_usable_without_javascript_and_headings_are_in_order(client, careers):
    soup = get_page(client, careers, "en")
    # Structured data is a data block, which no browser runs; the one script
    # that runs (add to compare in place) is deferred and enhances a plain form.
    scripts = soup.find_all("script")
    assert [script.get("type") for script in scripts if not script.get("src")] == [
        "application/ld+json"
    ]
    assert [
        (script["src"], script.has_attr("defer"))
        for script in scripts
        if script.get("src")
    ] == [("/static/js/compare-tray.js", True)]
    button = soup.select_one("form.compare-form")
    assert (button["method"], button.find("button")["type"]) == ("post", "submit")
    levels = [int(h.name[1]) for h in soup.find_all(re.compile("^h[1-6]$"))]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def build_programme(size: int):
    programme = ProgrammeFactory()
    survey_round = SurveyRoundFactory(year=2024)
    aspects = (
        list(Aspect.Code)[:size] if size <= len(Aspect.Code) else list(Aspect.Code)
    )
    for index in range(size):
        SpecialisationFactory(programme=programme)
        HonoursProgrammeFactory(programme=programme)
        TuitionFeeFactory(programme=programme, academic_year=2000 + index)
        # A record a year, each under another former code and citing another
        # source: a break every year.
        enrol(programme, 1990 + index, 300, 100, DataSourceFactory())
        ProgrammeCodeChange.objects.create(
            programme=programme, former_code=f"{10000 + index}", first_year=1991 + index
        )
        peer = ProgrammeFactory(study=programme.study)
        add_scores(peer, survey_round, {aspects[index % len(aspects)]: "3.50"})
    add_scores(programme, survey_round, dict.fromkeys(aspects, "3.90"))
    EnrolmentFactory(programme=programme)
    outcome = CareerOutcomeFactory(study=programme.study)
    for metric in CareerMetric:
        CareerFigureFactory(outcome=outcome, metric=metric, value=4)
    for _index in range(size):
        OccupationShareFactory(outcome=outcome, share="1.0")
        other = CareerOutcomeFactory(year=outcome.year)
        CareerFigureFactory(outcome=other)
    GraduateJudgementFactory(study=programme.study)
    return programme


# 17 on SQLite and PostgreSQL: one per block, none per row (see programme_page);
# "Over the years" and the latest counts read the records once, with the former
# code each year was counted under, then their figures' and cited sources' ids,
# then those sources (programmes.trends.programme_enrolments): three queries
# however many records and sources.
MAX_QUERIES = 17


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow_with_data(
    client, django_assert_max_num_queries, size
):
    programme = build_programme(size)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(programme.get_absolute_url())
    assert response.status_code == 200


def test_links_to_study_institution_and_city(client, leiden):
    header = get_page(client, leiden, "en").select_one(".programme-header")
    hrefs = {a["href"] for a in header.find_all("a")}
    with translation.override("en"):
        expected = {
            leiden.study.get_absolute_url(),
            leiden.institution.get_absolute_url(),
            leiden.municipality.get_absolute_url(),
        }
    assert expected <= hrefs


def test_fee_source_is_cited_once_per_source(client):
    programme = ProgrammeFactory()
    duo = DataSourceFactory(name_en="DUO", kind=DataSource.Kind.OFFICIAL)
    demo = DataSourceFactory(name_en="Demo fees")
    TuitionFeeFactory(programme=programme, academic_year=2025, source=duo)
    TuitionFeeFactory(programme=programme, academic_year=2024, source=demo)
    TuitionFeeFactory(programme=programme, academic_year=2023, source=duo)
    section = get_page(client, programme, "en").find(id="fees")
    lines = [text_of(p) for p in section.select("p.source")]
    assert len(lines) == 2
    assert lines[0] == "Source: DUO"
    assert lines[1] == "Source: Demo fees Demo data — not real figures"


def test_sections_follow_the_reference_page_order(client, leiden):
    soup = get_page(client, leiden, "en")
    ids = [section["id"] for section in soup.select("article.programme > section")]
    assert ids == [
        "summary",
        "overview",
        "admission",
        "fees",
        "students",
        "trends",
        "progress",
        "satisfaction",
        "judgement",
        "careers",
    ]


def test_ids_are_unique_and_every_label_reference_exists(client, careers):
    survey_round = SurveyRoundFactory(year=2024)
    add_scores(careers, survey_round, {Aspect.Code.OVERALL: "3.90"})
    soup = get_page(client, careers, "en")
    ids = [element["id"] for element in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for element in soup.find_all(attrs={"aria-labelledby": True}):
        assert set(element["aria-labelledby"].split()) <= set(ids)


@pytest.mark.parametrize(
    ("language", "default_address", "description"),
    [
        ("nl", "/nl/opleidingen/", "bij"),
        ("en", "/nl/opleidingen/", "at"),
    ],
)
def test_the_head_describes_the_programme_and_names_the_default_address(
    client, language, default_address, description
):
    """Search engines get a description of the programme in the page's language
    and an x-default address: the Dutch page."""
    programme = ProgrammeFactory(name_nl="Biologie", name_en="Biology")
    with translation.override(language):
        url = programme.get_absolute_url()
        institution = programme.institution.display_name
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    meta = soup.select_one('meta[name="description"]')["content"]
    name = "Biologie" if language == "nl" else "Biology"
    assert meta.startswith(f"{name} (")
    assert f" {description} {institution}" in meta
    default = soup.select_one('link[rel="alternate"][hreflang="x-default"]')["href"]
    assert default == f"http://testserver{default_address}{programme.slug}/"

"""Comparing programmes side by side: the tray, the table and its shareable URL."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from careers.models import CareerMetric
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory, CareerOutcomeFactory
from tests.programmes.factories import (
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
    TuitionFeeFactory,
)
from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory

pytestmark = pytest.mark.django_db


def url(name, language="nl"):
    with translation.override(language):
        return reverse(f"programmes:{name}")


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def choose(client, programme, action="add", next_url=""):
    return client.post(
        url("compare_selection"),
        {"action": action, "programme": programme.slug, "next": next_url},
    )


def column_heads(soup):
    return [
        th.find("a").get_text(strip=True)
        for th in soup.select("#compare-table thead th")
    ]


def row_cells(soup, section, label):
    for row in soup.select(f"#compare-{section} tr"):
        if row.th.get_text(strip=True) == label:
            return row.find_all("td")
    raise AssertionError(f"no row {label!r} in {section}")


@pytest.fixture
def study():
    return StudyFactory(name_nl="Biomedische wetenschappen", slug="bmw-wo-ma")


@pytest.fixture
def pair(study):
    leiden = ProgrammeFactory(study=study, slug="bmw-leiden", name_nl="BMW Leiden")
    utrecht = ProgrammeFactory(study=study, slug="bmw-utrecht", name_nl="BMW Utrecht")
    overall = AspectFactory(code=Aspect.Code.OVERALL, name_nl="Algemeen oordeel")
    ProgrammeScoreFactory(programme=leiden, aspect=overall, mean="3.90")
    ProgrammeScoreFactory(programme=utrecht, aspect=overall, mean="4.10")
    TuitionFeeFactory(programme=leiden, amount=2601)
    EnrolmentFactory(programme=leiden, students=312)
    EnrolmentFactory(programme=utrecht, students=540)
    return leiden, utrecht


def test_add_two_programmes_then_compare_them_side_by_side(client, pair):
    leiden, utrecht = pair
    response = choose(client, leiden, next_url=url("programme_list"))
    assert response.status_code == 302
    assert response["Location"] == url("programme_list")
    choose(client, utrecht)

    listing = soup_of(client.get(url("programme_list")))
    tray = listing.select_one(".compare-tray")
    assert "BMW Leiden" in tray.get_text() and "BMW Utrecht" in tray.get_text()
    assert "Vergelijk 2 opleidingen" in tray.get_text()

    response = client.get(url("compare"))
    assert response.status_code == 302
    assert response["Location"] == f"{url('compare')}?p=bmw-leiden&p=bmw-utrecht"
    soup = soup_of(client.get(response["Location"]))
    assert column_heads(soup) == ["BMW Leiden", "BMW Utrecht"]
    cells = row_cells(soup, "students", "Studenten")
    students = [td.select_one(".compare__value").get_text(strip=True) for td in cells]
    assert students == ["312", "540"]
    # Each figure says which year it is about.
    assert [td.select_one(".figure-about__year").text for td in cells] == [
        "2024–2025",
        "2024–2025",
    ]


def test_best_survey_score_is_marked_with_text_not_colour_alone(client, pair):
    soup = soup_of(client.get(f"{url('compare')}?p=bmw-leiden&p=bmw-utrecht"))
    cells = row_cells(soup, "survey", "Algemeen oordeel")
    assert [c.select_one(".compare__value").get_text(strip=True) for c in cells] == [
        "3,9 / 5",
        "4,1 / 5",
    ]
    assert [bool(c.select_one(".best-marker")) for c in cells] == [False, True]
    assert "compare__best" in cells[1]["class"]
    # Both belong to the same study: its pooled national average is printed.
    assert "landelijk gemiddelde van de studie: 4,0" in cells[0].get_text(
        " ", strip=True
    )


def test_shared_address_shows_the_same_table_without_a_session(client, pair):
    shared = f"{url('compare')}?p=bmw-utrecht&p=bmw-leiden"
    soup = soup_of(Client().get(shared))
    assert column_heads(soup) == ["BMW Utrecht", "BMW Leiden"]


def test_withheld_figures_say_insufficient_reliable_information(client, study):
    overall = AspectFactory(code=Aspect.Code.OVERALL, name_nl="Algemeen oordeel")
    few = ProgrammeFactory(study=study, slug="few")
    many = ProgrammeFactory(slug="many")
    ProgrammeScoreFactory(programme=few, aspect=overall, respondents=3)
    ProgrammeScoreFactory(programme=many, aspect=overall, respondents=300)
    CareerFigureFactory(
        outcome__study=study, metric=CareerMetric.STARTING_SALARY, respondents=12
    )
    CareerFigureFactory(outcome__study=many.study, metric=CareerMetric.STARTING_SALARY)
    soup = soup_of(client.get(f"{url('compare')}?p=few&p=many"))
    withheld = row_cells(soup, "survey", "Algemeen oordeel")[0].get_text(" ")
    assert "Onvoldoende betrouwbare informatie" in withheld
    assert "Te weinig mensen hebben gereageerd." in withheld
    salary = row_cells(soup, "careers", "Startsalaris (euro per maand)")[0]
    assert "Onvoldoende betrouwbare informatie" in salary.get_text()


def test_at_most_ten_programmes(client, study):
    programmes = [ProgrammeFactory(study=study, slug=f"p{n}") for n in range(11)]
    for programme in programmes[:10]:
        choose(client, programme)
    response = choose(client, programmes[10], next_url=url("programme_list"))
    messages = soup_of(client.get(response["Location"])).select_one(".messages")
    assert "Je vergelijking is vol" in messages.get_text()
    assert client.session["compare"] == [p.pk for p in programmes[:10]]

    eleven = "&".join(f"p=p{n}" for n in range(11))
    soup = soup_of(client.get(f"{url('compare')}?{eleven}"))
    assert len(column_heads(soup)) == 10
    assert "hoogstens 10 opleidingen" in soup.select_one(".notes").get_text()


def test_compare_all_programmes_of_a_study(client, pair, study):
    ProgrammeFactory(study=study, slug="unpublished", is_published=False)
    soup = soup_of(client.get(f"{url('compare')}?study={study.slug}"))
    assert soup.h1.get_text(strip=True) == (
        "Vergelijk de opleidingen Biomedische wetenschappen"
    )
    assert sorted(column_heads(soup)) == ["BMW Leiden", "BMW Utrecht"]


def test_remove_and_empty_the_selection(client, pair):
    leiden, utrecht = pair
    choose(client, leiden)
    choose(client, utrecht)
    choose(client, leiden, action="remove")
    assert client.session["compare"] == [utrecht.pk]
    client.post(url("compare_selection"), {"action": "clear"})
    assert "compare" not in client.session
    soup = soup_of(client.get(url("compare")))
    assert "Er is nog niets om te vergelijken." in soup.get_text()


def test_compare_buttons_keep_pages_cacheable_and_session_cookie_same_site(
    client, pair, settings
):
    """No CSRF token on public pages (see CompareSelectionView); Lax cookies."""
    response = client.get(pair[0].get_absolute_url())
    assert b"csrfmiddlewaretoken" not in response.content
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    csrf_client = Client(enforce_csrf_checks=True)
    assert choose(csrf_client, pair[0]).status_code == 302


def test_next_never_leaves_the_site(client, pair):
    response = choose(client, pair[0], next_url="https://evil.example/")
    assert response["Location"] == url("compare")


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "programme": "does-not-exist"},
        {"action": "explode", "programme": "bmw-leiden"},
        {"action": "add", "programme": "x" * 500},
        {},
    ],
)
def test_bad_selection_requests_never_fail(client, pair, data):
    response = client.post(url("compare_selection"), data)
    assert response.status_code in {302, 404}


def test_unknown_programmes_in_the_address_are_left_out_with_a_note(client, pair):
    soup = soup_of(client.get(f"{url('compare')}?p=bmw-leiden&p=gone&p=%00"))
    assert column_heads(soup) == ["BMW Leiden"]
    assert "bestaan niet meer" in soup.select_one(".notes").get_text()


def test_english_compare_page(client, pair, english):
    soup = soup_of(client.get(f"{url('compare', 'en')}?p=bmw-leiden&p=bmw-utrecht"))
    assert soup.h1.get_text(strip=True) == "Compare programmes"
    assert [th.get_text(strip=True) for th in soup.select("#compare-facts th")][
        1:3
    ] == [
        "Institution",
        "City",
    ]


def _compare_queries(client, slugs):
    query = "&".join(f"p={slug}" for slug in slugs)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"{url('compare')}?{query}").status_code == 200
    return len(queries)


def test_query_count_is_the_same_for_two_and_ten_programmes(
    client, study, django_assert_max_num_queries
):
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    slugs = []
    for number in range(10):
        programme = ProgrammeFactory(
            slug=f"q{number}", study=study if number % 2 else StudyFactory()
        )
        ProgrammeScoreFactory(programme=programme, aspect=overall)
        TuitionFeeFactory(programme=programme)
        CareerFigureFactory(outcome__study=programme.study) if number < 2 else None
        slugs.append(programme.slug)
    two = _compare_queries(client, slugs[:2])
    assert _compare_queries(client, slugs) == two
    with django_assert_max_num_queries(12):
        client.get(f"{url('compare')}?p={slugs[0]}")


def _row(soup, label):
    for row in soup.select("#compare-table tbody tr"):
        if row.th.get_text(strip=True) == label:
            return row
    return None


@pytest.fixture
def same_career(pair, study):
    """A career figure of the study both programmes belong to: it reads the same."""
    CareerFigureFactory(
        outcome__study=study, metric=CareerMetric.STARTING_SALARY, value=3100
    )
    return pair


def test_one_aligned_table_with_a_row_group_per_section(client, pair):
    soup = soup_of(client.get(f"{url('compare')}?p=bmw-leiden&p=bmw-utrecht"))
    assert len(soup.select("table")) == 1
    table = soup.select_one("#compare-table")
    assert [th.get_text(" ", strip=True) for th in table.select("thead th")] == [
        f"{p.name} {p.institution.display_name}" for p in pair
    ]
    sections = [body["id"] for body in table.select("tbody")]
    assert sections[:3] == ["compare-facts", "compare-students", "compare-survey"]
    for body in table.select("tbody"):
        head = body.select_one("tr.compare__section-head th")
        assert head["scope"] == "colgroup" and head["colspan"] == "3"
    # Every row has its label and a cell per programme (or one spanning all).
    for row in table.select("tbody tr:not(.compare__section-head)"):
        spans = [int(td.get("colspan", 1)) for td in row.find_all("td")]
        assert sum(spans) == 2, row
    links = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assert any(href.endswith("css/compare.css") for href in links)
    assert soup.select_one("script[src$='js/compare.js']")["defer"] is not None
    assert not soup.select("script:not([src])")


def test_rows_blank_for_every_programme_are_left_out_with_a_note(client, pair, english):
    soup = soup_of(client.get(f"{url('compare', 'en')}?p=bmw-leiden&p=bmw-utrecht"))
    # Neither has an institutional fee or career figures.
    assert _row(soup, "Institutional tuition fee") is None
    assert soup.select_one("#compare-careers") is None
    note = soup.select_one(".compare-left-out").get_text(" ", strip=True)
    assert note.startswith("Left out, because none of these programmes has a figure")
    assert "Institutional tuition fee" in note
    assert "Starting salary (EUR per month)" in note
    # A row with one programme's figure stays, the other's cell says it has none.
    fee = _row(soup, "Statutory tuition fee").find_all("td")
    assert fee[0].select_one(".compare__value").get_text(strip=True) == "€2,601"
    assert fee[1].select_one(".visually-hidden").get_text() == (
        "No figures are available."
    )


def test_rows_that_read_the_same_for_every_programme_are_printed_once(
    client, same_career, english
):
    soup = soup_of(client.get(f"{url('compare', 'en')}?p=bmw-leiden&p=bmw-utrecht"))
    salary = _row(soup, "Starting salary (EUR per month)")
    assert "compare__same" in salary["class"]
    (cell,) = salary.find_all("td")
    assert cell["colspan"] == "2"
    assert cell.select_one(".compare__value").get_text(strip=True) == "€3,100"
    assert "The same for every programme" in cell.get_text()
    # Figures that differ keep a cell per programme.
    students = _row(soup, "Students")
    assert len(students.find_all("td")) == 2
    assert not students.has_attr("data-same")


def test_show_only_differences_works_without_javascript(client, same_career):
    page = f"{url('compare')}?p=bmw-leiden&p=bmw-utrecht"
    everything = soup_of(client.get(page))
    form = everything.select_one("form[data-compare-differences]")
    assert form["method"] == "get"
    assert [(i["name"], i["value"]) for i in form.select("input[type=hidden]")] == [
        ("p", "bmw-leiden"),
        ("p", "bmw-utrecht"),
    ]
    box = form.select_one("input[type=checkbox][name=differences]")
    assert box["value"] == "1" and not box.has_attr("checked")
    assert form.select_one("button[type=submit]")
    same = everything.select("tr[data-same]")
    assert same and not any(row.has_attr("hidden") for row in same)

    differences = soup_of(client.get(f"{page}&differences=1"))
    box = differences.select_one("input[name=differences]")
    assert box.has_attr("checked")
    assert all(row.has_attr("hidden") for row in differences.select("tr[data-same]"))
    shown = [
        row.th.get_text(strip=True)
        for row in differences.select("#compare-table tbody tr:not([hidden])")
        if not row.has_attr("class") or "compare__section-head" not in row["class"]
    ]
    assert "Studenten" in shown and "Niveau" not in shown
    # The careers section reads the same throughout: hidden as a whole.
    assert differences.select_one("#compare-careers").has_attr("hidden")
    # The downloads give what is shown.
    for link in differences.select("a[data-compare-link]"):
        assert "differences=1" in link["href"]


def test_differences_only_is_a_page_of_its_own_in_the_page_cache(
    client, same_career, settings
):
    settings.PAGE_CACHE_SECONDS = 600
    page = f"{url('compare')}?p=bmw-leiden&p=bmw-utrecht"
    assert not soup_of(client.get(page)).select("tr[hidden]")
    assert soup_of(client.get(f"{page}&differences=1")).select("tr[hidden]")
    assert not soup_of(client.get(f"{page}&differences=0")).select("tr[hidden]")


def test_copy_link_button_and_the_sentence_for_pages_without_javascript(
    client, pair, english
):
    soup = soup_of(client.get(f"{url('compare', 'en')}?p=bmw-leiden&p=bmw-utrecht"))
    assert (
        "copy it to share this comparison"
        in soup.select_one("[data-compare-share]").get_text()
    )
    copy = soup.select_one("[data-compare-copy]")
    assert copy.has_attr("hidden")  # compare.js shows it where it can copy
    assert copy.button["type"] == "button"
    assert copy.button.get_text(strip=True) == "Copy link"
    status = copy.select_one("[role=status]")
    assert status["aria-live"] == "polite"
    assert copy["data-copied"].startswith("The link is copied")


def test_names_in_the_page_language_without_fallback_notes(client, study):
    institution = InstitutionFactory(
        name_nl="Universiteit Leiden", name_en="", short_name_en="Leiden University"
    )
    ProgrammeFactory(
        slug="both",
        name_nl="Geneeskunde",
        name_en="Medicine",
        institution=institution,
    )
    ProgrammeFactory(slug="dutch", name_nl="Rechtsgeleerdheid", name_en="")
    query = "?p=both&p=dutch"
    dutch = soup_of(client.get(f"{url('compare')}{query}"))
    heads = dutch.select("#compare-table thead th")
    assert heads[0].a.get_text() == "Geneeskunde"
    assert "Universiteit Leiden" in heads[0].get_text()
    english = soup_of(client.get(f"{url('compare', 'en')}{query}"))
    heads = english.select("#compare-table thead th")
    assert heads[0].a.get_text() == "Medicine"
    assert "Leiden University" in heads[0].get_text()
    # The facts name each institution as the column heads do.
    for soup in (dutch, english):
        named = soup.select("#compare-table thead .compare__institution")
        row = soup.select_one("#compare-facts tr:nth-of-type(2)")
        assert row.th.get_text(strip=True) in {"Instelling", "Institution"}
        assert [td.get_text(strip=True) for td in row.find_all("td")] == [
            name.get_text(strip=True) for name in named
        ]
    # A name known only in Dutch is marked as Dutch, not as missing text.
    assert heads[1].a.select_one("span[lang=nl]").get_text() == "Rechtsgeleerdheid"
    assert "only available" not in english.get_text()


def marks(soup, section, label):
    return [
        bool(td.select_one(".best-marker")) for td in row_cells(soup, section, label)
    ]


@pytest.mark.parametrize(
    ("respondents", "expected"),
    [
        # SD 0.80 of 300 students each. n = 100: margin 1.96 × 0.08 × √(200 / 299)
        # = 0.156800 × 0.817861 = 0.128241; of the difference √2 × 0.128241 = 0.181360.
        # 4.1 − 3.9 = 0.2 is beyond it: the 4.1 is best.
        (100, [False, True]),
        # n = 60: margin 1.96 × 0.80 / √60 × √(240 / 299) = 0.202428 × 0.895922
        # = 0.181360; of the difference √2 × 0.181360 = 0.256481 ≥ 0.2: no best.
        (60, [False, False]),
    ],
)
def test_best_survey_mark_only_beyond_the_margin_of_the_difference(
    client, study, respondents, expected
):
    overall = AspectFactory(code=Aspect.Code.OVERALL, name_en="Overall")
    low, high = (ProgrammeFactory(study=study, slug=slug) for slug in ("low", "high"))
    for programme, mean in ((low, "3.90"), (high, "4.10")):
        ProgrammeScoreFactory(
            programme=programme,
            aspect=overall,
            mean=mean,
            respondents=respondents,
            std_dev="0.80",
            population=300,
        )
    soup = soup_of(client.get(f"{url('compare', 'en')}?p=low&p=high"))
    assert marks(soup, "survey", "Overall") == expected


def test_best_career_marks_need_a_margin(client):
    """A percentage has a binomial margin; months to a job, published without
    their spread, get no best mark however far apart."""
    first, second = ProgrammeFactory(slug="first"), ProgrammeFactory(slug="second")
    figures = {
        # 80% against 60% of 100 graduates: p̃ = 81/102 and 61/102,
        # margins 196 × √(0.794118 × 0.205882 / 102) = 7.8471 and
        # 196 × √(0.598039 × 0.401961 / 102) = 9.5151; of the difference
        # √(7.8471² + 9.5151²) = 12.333 < 20 points: the 80% is best.
        CareerMetric.PERMANENT_CONTRACT: (80, 60),
        CareerMetric.MONTHS_TO_JOB: (3, 9),
    }
    outcomes = [
        CareerOutcomeFactory(study=programme.study, year=2023)
        for programme in (first, second)
    ]
    for metric, values in figures.items():
        for outcome, value in zip(outcomes, values, strict=True):
            CareerFigureFactory(
                outcome=outcome, metric=metric, value=value, respondents=100
            )
    soup = soup_of(client.get(f"{url('compare', 'en')}?p=first&p=second"))
    assert marks(soup, "careers", "Permanent contract (%)") == [True, False]
    assert marks(soup, "careers", "Months to find a substantial job") == [False, False]

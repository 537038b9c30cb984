"""The summary at the top of the programme page: key facts with both fees, a
withheld figure said as such (never 0), demo figures labelled, last updated;
and the legend of the satisfaction chart."""

import datetime

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from programmes.models import FeeKind, Form
from surveys.models import Aspect
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    ProgrammeFactory,
    TuitionFeeFactory,
)
from tests.public.programme_pages import INSUFFICIENT, add_scores, get_page, text_of
from tests.surveys.factories import SurveyRoundFactory

pytestmark = pytest.mark.django_db


def translated(language: str, msgid: str, **params) -> str:
    """A new interface text as the page writes it in `language` (its Dutch
    arrives with the catalogue; until then Django falls back to the msgid)."""
    with translation.override(language):
        return gettext(msgid) % params if params else gettext(msgid)


def fact(soup, name: str):
    return soup.select_one(f'#summary .key-fact[data-fact="{name}"]')


@pytest.fixture
def summarised(careers):
    """Leiden with scores, careers and both kinds of fee in 2025."""
    TuitionFeeFactory(
        programme=careers,
        academic_year=2025,
        kind=FeeKind.INSTITUTIONAL,
        amount=22000,
    )
    add_scores(careers, SurveyRoundFactory(year=2024), {Aspect.Code.OVERALL: "3.90"})
    return careers


def test_the_summary_comes_right_after_the_title_before_every_section(
    client, summarised
):
    soup = get_page(client, summarised, "en")
    article = soup.select_one("article.programme")
    order = [child.name for child in article.find_all(recursive=False)]
    assert order.index("header") < order.index("section")
    assert article.find("section")["id"] == "summary"
    assert article.select_one("header h1 + p.programme-header__meta")


@pytest.mark.parametrize(
    ("language", "values"),
    [
        (
            "nl",
            {
                "level": "Master (wo)",
                "form": "Voltijd",
                "language": "Engels",
                "ects": "120 ECTS",
                "statutory-fee": "€ 2.601",
                "institutional-fee": "€ 22.000",
                "students": "312",
                "satisfaction": "3,9 / 5",
                "starting-salary": "€ 2.909",
            },
        ),
        (
            "en",
            {
                "level": "Master (research university)",
                "form": "Full-time",
                "language": "English",
                "ects": "120 ECTS",
                "statutory-fee": "€2,601",
                "institutional-fee": "€22,000",
                "students": "312",
                "satisfaction": "3.9 / 5",
                "starting-salary": "€2,909",
            },
        ),
    ],
)
def test_key_facts_in_the_language_of_the_page(client, summarised, language, values):
    soup = get_page(client, summarised, language)
    for name, value in values.items():
        shown = text_of(fact(soup, name).select_one(".key-fact__value"))
        assert shown == value, name


def test_each_figure_says_its_year_and_respondents(client, summarised):
    soup = get_page(client, summarised, "en")
    assert text_of(fact(soup, "statutory-fee").select_one(".figure-about")) == (
        "2025–2026"
    )
    assert text_of(fact(soup, "satisfaction").select_one(".figure-about")) == (
        "2024 · n = 100"
    )
    assert text_of(fact(soup, "starting-salary").select_one(".figure-about")) == (
        "2023 · n = 100"
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_unknown_institutional_fee_is_said_to_be_not_known(client, leiden, language):
    """Leiden has only statutory fees: the summary and the fees section say the
    institutional fee of that year is not known, and show no amount for it."""
    soup = get_page(client, leiden, language)
    year = "2025–2026"
    not_known = translated(language, "Not known for %(year)s", year=year)
    assert text_of(fact(soup, "institutional-fee").dd) == not_known
    fees = soup.find(id="fees")
    unknown = fees.select_one('[data-figure="institutional-fee"]')
    assert text_of(unknown) == translated(language, "Not known")
    note = translated(
        language,
        "We do not know the institutional fee for %(year)s; ask the institution.",
        year=year,
    )
    assert text_of(fees.select_one(".fees-unknown")) == note
    assert "€" not in text_of(fact(soup, "institutional-fee"))


def test_the_fees_section_shows_both_fees_of_the_latest_year(client, summarised):
    fees = get_page(client, summarised, "en").find(id="fees")
    statutory = fees.select_one('[data-figure="statutory-fee"]')
    institutional = fees.select_one('[data-figure="institutional-fee"]')
    assert text_of(statutory) == "€2,601"
    assert text_of(institutional) == "€22,000"
    assert fees.select_one(".fees-unknown") is None


def test_a_fee_only_in_an_older_year_is_not_shown_as_this_years(client, leiden):
    TuitionFeeFactory(
        programme=leiden, academic_year=2024, kind=FeeKind.INSTITUTIONAL, amount=1
    )
    soup = get_page(client, leiden, "en")
    assert "€1" not in text_of(fact(soup, "institutional-fee"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_withheld_figures_say_why_and_never_show_zero(client, language):
    """No enrolment, a score from three respondents, no fees, no careers."""
    programme = ProgrammeFactory(form=Form.PART_TIME)
    add_scores(
        programme,
        SurveyRoundFactory(year=2024),
        {Aspect.Code.OVERALL: "4.90"},
        respondents=3,
    )
    soup = get_page(client, programme, language)
    for name in ("students", "satisfaction", "starting-salary", "statutory-fee"):
        card = text_of(fact(soup, name))
        assert INSUFFICIENT[language] in card, name
        assert "0" not in card.replace("2024", ""), name
    too_few = {"nl": "Te weinig mensen hebben gereageerd.", "en": "Too few people"}
    assert too_few[language] in text_of(fact(soup, "satisfaction"))
    assert "4,9" not in text_of(soup.find(id="summary"))
    assert "4.9" not in text_of(soup.find(id="summary"))


@pytest.mark.parametrize(
    ("language", "label"), [("nl", "Demogegevens"), ("en", "Demo data")]
)
def test_demo_figures_stay_labelled_in_the_summary(client, leiden, language, label):
    EnrolmentFactory(programme=leiden, academic_year=2026, students=400)
    enrolment = leiden.enrolments.get(academic_year=2026)
    enrolment.sources.add(DataSourceFactory(kind="demo"))
    soup = get_page(client, leiden, language)
    assert text_of(fact(soup, "students").select_one(".demo-label")) == label
    # Leiden's fees have no demo source: no label on them.
    assert fact(soup, "statutory-fee").select_one(".demo-label") is None


@pytest.mark.parametrize(
    ("language", "written"), [("nl", "17 mei 2030"), ("en", "May 17, 2030")]
)
def test_last_updated_is_the_latest_change_written_per_language(
    client, leiden, language, written
):
    """The latest of the programme's own change and its sources' retrieval."""
    source = leiden.source
    source.retrieved_on = datetime.date(2030, 5, 17)
    source.save()
    soup = get_page(client, leiden, language)
    time = soup.select_one("#summary .programme-updated time")
    assert time["datetime"] == "2030-05-17"
    assert text_of(time) == written


def test_last_updated_is_the_programmes_own_change_without_newer_sources(
    client, leiden
):
    soup = get_page(client, leiden, "en")
    time = soup.select_one("#summary .programme-updated time")
    assert time["datetime"] == timezone.localdate(leiden.updated_at).isoformat()


def test_last_updated_is_the_date_in_the_netherlands_not_in_utc(client, leiden):
    """An edit at 23:30 UTC on 14 March was made on 15 March in Amsterdam."""
    edited = datetime.datetime(2026, 3, 14, 23, 30, tzinfo=datetime.UTC)
    type(leiden).objects.filter(pk=leiden.pk).update(updated_at=edited)
    soup = get_page(client, leiden, "en")
    time = soup.select_one("#summary .programme-updated time")
    assert time["datetime"] == "2026-03-15"
    assert text_of(time) == "March 15, 2026"


@pytest.mark.parametrize(
    ("language", "legend"),
    [
        ("nl", "Deze opleiding Landelijk gemiddelde"),
        ("en", "This programme National average"),
    ],
)
def test_the_score_chart_has_a_legend(client, summarised, language, legend):
    satisfaction = get_page(client, summarised, language).find(id="satisfaction")
    chart_legend = satisfaction.select_one(".chart-scroll + .chart-legend")
    assert text_of(chart_legend) == legend
    keys = chart_legend.select(".chart-legend__key")
    assert [key["class"][-1] for key in keys] == [
        "chart-legend__key--own",
        "chart-legend__key--line",
    ]

"""Numbers and translated content as each language writes them."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import number_format

from figures.formatting import euro, number, percent, score, whole
from tests.programmes.factories import HonoursProgrammeFactory, ProgrammeFactory


@pytest.mark.parametrize(
    ("language", "amount", "expected"),
    [
        ("nl", 2601, "€\xa02.601"),
        ("en", 2601, "€2,601"),
        ("nl", "2601.50", "€\xa02.601,50"),
        ("en", "2601.50", "€2,601.50"),
        ("nl", "2601.00", "€\xa02.601"),
    ],
)
def test_euro_follows_the_language(language, amount, expected):
    with translation.override(language):
        assert euro(amount) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", ("37.553", "3,9", "5,5%")), ("en", ("37,553", "3.9", "5.5%"))],
)
def test_counts_scores_and_percentages_follow_the_language(language, expected):
    with translation.override(language):
        assert (whole(37553), score("3.85"), percent("5.5")) == expected


def test_scores_round_half_up_like_the_difference():
    with translation.override("en"):
        assert score("3.95") == "4.0"
        assert score("3.94") == "3.9"


def test_percent_drops_a_zero_decimal():
    with translation.override("en"):
        assert percent("26.0") == "26%"


AMOUNTS = ["0", "7", "-7", "999", "1000", "-1234", "37553", "1234567", "987654321"]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_figures_are_written_as_django_writes_numbers(language):
    """Our own number writing (a compare page prints hundreds) matches Django's
    number_format for every kind, in both languages."""
    with translation.override(language):
        for amount in AMOUNTS:
            for decimals in ("", ".5", ".25", ".05"):
                value = f"{amount}{decimals}"
                rounded = Decimal(value).quantize(Decimal(1), ROUND_HALF_UP)
                assert whole(value) == number_format(rounded, 0, force_grouping=True)
                tenth = Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP)
                assert score(value) == number_format(tenth, 1)
                cents = 0 if Decimal(value) == Decimal(value).to_integral() else 2
                written = number_format(Decimal(value), cents, force_grouping=True)
                assert euro(value).endswith(written), (value, euro(value))


def test_missing_numbers_render_empty_never_zero():
    assert (euro(None), whole(None), score(None), percent(None)) == ("", "", "", "")


def render(template, **context):
    source = "{% load portal_format %}" + template
    return BeautifulSoup(Template(source).render(Context(context)), "html.parser")


@pytest.mark.django_db
def test_field_in_the_active_language_has_no_note():
    programme = ProgrammeFactory(name_nl="Geneeskunde", name_en="Medicine")
    with translation.override("en"):
        soup = render('{% translated_field p "name" %}', p=programme)
    assert soup.get_text() == "Medicine"
    assert soup.find(attrs={"lang": True}) is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("active", "fallback", "note"),
    [
        ("en", "nl", "(only available in Dutch)"),
        ("nl", "en", "(alleen beschikbaar in het Engels)"),
    ],
)
def test_fallback_is_marked_with_its_language_and_a_note(active, fallback, note):
    honours = HonoursProgrammeFactory(
        **{f"description_{active}": "", f"description_{fallback}": "Tekst"}
    )
    with translation.override(active):
        soup = render('{% translated_field h "description" block=True %}', h=honours)
    assert soup.find(attrs={"lang": fallback}).get_text(strip=True) == "Tekst"
    assert note in soup.find(class_="fallback-note").get_text()


@pytest.mark.django_db
def test_translated_content_is_escaped():
    honours = HonoursProgrammeFactory(
        description_nl="<script>x</script>", description_en=""
    )
    with translation.override("en"):
        soup = render('{% translated_field h "description" block=True %}', h=honours)
    assert soup.find("script") is None
    assert "<script>x</script>" in soup.get_text()


@pytest.mark.django_db
def test_empty_in_both_languages_renders_nothing():
    honours = HonoursProgrammeFactory(description_nl="", description_en="")
    soup = render('{% translated_field h "description" block=True %}', h=honours)
    assert soup.get_text() == ""


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [
        ("nl", "6.50", "6,5"),
        ("en", "6.50", "6.5"),
        ("en", "37.00", "37"),
        ("en", "1234", "1234"),
    ],
)
def test_measured_numbers_keep_a_meaningful_decimal(language, value, expected):
    with translation.override(language):
        assert number(value) == expected


def test_whole_rounds_halves_up():
    assert whole("2.5") == "3"


@pytest.mark.django_db
def test_a_proper_name_falls_back_with_its_language_but_no_note():
    """ "Tilburg University (only available in Dutch)" sixty times on an English
    listing: a name is no text missing in English."""
    from tests.programmes.factories import InstitutionFactory

    institution = InstitutionFactory(name_nl="Hogeschool Utrecht", name_en="")
    with translation.override("en"):
        soup = render('{% translated_name i "name" %}', i=institution)
    assert soup.get_text() == "Hogeschool Utrecht"
    assert soup.find(attrs={"lang": "nl"}) is not None
    assert "only available" not in soup.get_text()


@pytest.mark.django_db
def test_an_institution_is_named_in_the_pages_language():
    from tests.programmes.factories import InstitutionFactory

    leiden = InstitutionFactory(
        name_nl="Universiteit Leiden",
        name_en="Leiden University",
        short_name_nl="",
        short_name_en="Leiden University",
    )
    with translation.override("nl"):
        assert leiden.display_name == "Universiteit Leiden"
    with translation.override("en"):
        assert leiden.display_name == "Leiden University"

"""CBS's national labour-market context on the programme, study and compare pages.

The expected shares and wages are recomputed here from the raw CSV files with
the standard library only (csv, decimal), independent of the portal's code, and
looked up on the pages as a student reads them, in Dutch and in English.
"""

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from demo.loader import demo_load
from labour_market.importing import cbs_import
from labour_market.models import PositionCount
from programmes.models import Level, Sector
from tests.programmes.factories import ProgrammeFactory, StudyFactory

pytestmark = pytest.mark.django_db

CBS_DIR = Path(settings.OPENDATA_DIR) / "cbs-arbeidsmarkt-ho-2015-16"
POSITIONS_FILE = CBS_DIR / "85776NED-arbeidsmarktpositie-totaal.csv"
WAGES_FILE = CBS_DIR / "83815NED-uurloon-studierichting.csv"
NBSP = "\N{NO-BREAK SPACE}"

# (portal level, CBS's level, portal sector, CBS's sector) for a dozen cells.
CELLS = [
    (Level.HBO_BA, "Hbo-bachelor", Sector.ENGINEERING, "Techniek"),
    (Level.HBO_BA, "Hbo-bachelor", Sector.HEALTH_CARE, "Gezondheidszorg"),
    (Level.HBO_BA, "Hbo-bachelor", Sector.LANGUAGE_AND_CULTURE, "Taal en cultuur"),
    (Level.HBO_BA, "Hbo-bachelor", Sector.ECONOMY, "Economie"),
    (Level.HBO_BA, "Hbo-bachelor", Sector.EDUCATION, "Onderwijs"),
    (Level.WO_MA, "Wo-master", Sector.ENGINEERING, "Techniek"),
    (Level.WO_MA, "Wo-master", Sector.HEALTH_CARE, "Gezondheidszorg"),
    (Level.WO_MA, "Wo-master", Sector.LAW, "Recht"),
    (Level.WO_MA, "Wo-master", Sector.BEHAVIOUR_AND_SOCIETY, "Gedrag en Maatschappij"),
    (Level.WO_BA, "Wo-bachelor", Sector.NATURAL_SCIENCES, "Natuur"),
    (
        Level.WO_BA,
        "Wo-bachelor",
        Sector.AGRICULTURE,
        "Landbouw en natuurlijke omgeving",
    ),
    (Level.HBO_MA, "Hbo-master", Sector.ECONOMY, "Economie"),
]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def _number(text: str) -> Decimal | None:
    text = text.strip()
    return None if text in {".", ""} else Decimal(text)


def raw_share(level: str, sector: str, years: int, positions: tuple[str, ...]):
    """The share (one decimal, halves up) and the cohort, from the raw file."""
    moment = f"{years} jaar na verlaten onderwijs"
    counts = {
        row["Arbeidsmarktpositie"]: _number(row["Uitstromers ho (aantal)"])
        for row in _rows(POSITIONS_FILE)
        if row["Uitstromers ho met en zonder diploma"] == level
        and row["Studierichting"] == sector
        and row["Peilmoment"] == moment
    }
    assert len(counts) == 5
    cohort = sum(counts.values())
    part = sum(counts[position] for position in positions)
    if not cohort:
        return None, 0
    share = (part * 100 / cohort).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return share, int(cohort)


def raw_wage(level: str, sector: str) -> Decimal | None:
    (value,) = [
        _number(row["Uurloon werknemers na verlaten ho (euro)"])
        for row in _rows(WAGES_FILE)
        if row["Uitstromers ho met en zonder diploma"] == level
        and row["Studierichting"] == sector
        and row["Peilmoment"] == "1 jaar na verlaten onderwijs"
    ]
    return value


WORK = ("Met werk, zonder uitkering", "Met werk, met uitkering")
BENEFITS = ("Met werk, met uitkering", "Zonder werk, met uitkering")
EDUCATION = ("Terug in onderwijs",)


def printed_share(value: Decimal, language: str) -> str:
    text = f"{value:.1f}%"
    return text.replace(".", ",") if language == "nl" else text


def printed_wage(value: Decimal, language: str) -> str:
    if language == "nl":
        return f"€{NBSP}{value:.2f}".replace(".", ",")
    return f"€{value:.2f}"


@pytest.fixture
def cbs(cbs_labour_market):
    """The shipped cohort 2015/'16 (tests/conftest.py)."""


def page(client, obj, language: str = "nl") -> BeautifulSoup:
    with translation.override(language):
        url = obj.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def shown(soup, name: str) -> str:
    return soup.select_one(f'[data-figure="{name}"]').get_text(" ", strip=True)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_dozen_cells_show_the_shares_and_wages_of_the_raw_files(
    client, cbs, language
):
    shown_somewhere = 0
    for level, cbs_level, sector, cbs_sector in CELLS:
        study = StudyFactory(level=level, sector=sector)
        soup = page(client, ProgrammeFactory(study=study), language)
        for years in (1, 5):
            work, cohort = raw_share(cbs_level, cbs_sector, years, WORK)
            benefits, _ = raw_share(cbs_level, cbs_sector, years, BENEFITS)
            education, _ = raw_share(cbs_level, cbs_sector, years, EDUCATION)
            if cohort < 100:  # too small a cohort: withheld, and said why
                assert shown(soup, f"cbs_work_{years}").startswith(
                    "We hebben onvoldoende"
                    if language == "nl"
                    else "We have insufficient"
                )
                continue
            shown_somewhere += 1
            assert shown(soup, f"cbs_work_{years}") == printed_share(work, language)
            assert shown(soup, f"cbs_benefits_{years}") == printed_share(
                benefits, language
            )
            assert shown(soup, f"cbs_education_{years}") == printed_share(
                education, language
            )
            graduates = f"{cohort:,}".replace(",", "." if language == "nl" else ",")
            assert shown(soup, f"cbs_graduates_{years}") == graduates
        wage = raw_wage(cbs_level, cbs_sector)
        if wage is not None:
            assert shown(soup, "cbs_wage") == printed_wage(wage, language)
    assert shown_somewhere == 2 * 11  # every cell but the tiny hbo-master one


def test_the_sanity_figures_of_the_provenance_notes(client, cbs):
    """PROVENANCE.md's own check figures, typed in, not computed."""
    expected = [
        (Level.HBO_BA, Sector.ENGINEERING, "90,7%", "€\N{NO-BREAK SPACE}16,34"),
        (Level.HBO_BA, Sector.HEALTH_CARE, "94,0%", None),
        (Level.HBO_BA, Sector.LANGUAGE_AND_CULTURE, "83,6%", None),
        (Level.WO_MA, Sector.ENGINEERING, "96,2%", "€\N{NO-BREAK SPACE}18,96"),
    ]
    for level, sector, work, wage in expected:
        soup = page(
            client, ProgrammeFactory(study=StudyFactory(level=level, sector=sector))
        )
        assert shown(soup, "cbs_work_1") == work
        if wage:
            assert shown(soup, "cbs_wage") == wage


def test_a_suppressed_wage_and_an_empty_group_say_why(client, cbs, english):
    """hbo bachelors in Natuur: CBS counts no graduates and suppresses the wage
    ("." in the file): a reason, never 0."""
    assert raw_wage("Hbo-bachelor", "Natuur") is None
    study = StudyFactory(level=Level.HBO_BA, sector=Sector.NATURAL_SCIENCES)
    soup = page(client, ProgrammeFactory(study=study), "en")
    assert "Statistics Netherlands counts no graduates here." in shown(
        soup, "cbs_work_1"
    )
    assert "Statistics Netherlands publishes no figure." in shown(soup, "cbs_wage")
    assert "0.0%" not in soup.select_one("#labour-market-context").get_text()


def test_the_reference_page_shows_its_sector_beside_its_demo_career_figures(
    client, cbs
):
    reference = demo_load().reference_programme
    for language, group, demo_label, cbs_label in (
        (
            "nl",
            "afgestudeerden van wo-masteropleidingen in Gezondheidszorg "
            "(cohort 2015/'16)",
            "Demogegevens — geen echte cijfers",
            "Centraal Bureau voor de Statistiek (CBS), licentie CC BY 4.0",
        ),
        (
            "en",
            "graduates of research-university master programmes in Health care "
            "(cohort 2015/'16)",
            "Demo data — not real figures",
            "Statistics Netherlands (CBS), licence CC BY 4.0",
        ),
    ):
        soup = page(client, reference, language)
        careers = soup.select_one("#careers")
        context = careers.select_one("#labour-market-context")
        # The study's own (demo) figures come first, labelled as demo data...
        own = careers.get_text(" ", strip=True).split(
            context.get_text(" ", strip=True)[:40]
        )[0]
        assert demo_label in own
        assert shown(soup, "starting_salary")
        # ...then the national context, with its own source and licence.
        text = context.get_text(" ", strip=True)
        assert group in text
        assert cbs_label in text
        assert demo_label not in text
        links = [a["href"] for a in context.select(".source a")]
        assert links == [
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/85776NED/table",
            "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/83815NED/table",
        ]
        work, cohort = raw_share("Wo-master", "Gezondheidszorg", 1, WORK)
        assert shown(soup, "cbs_work_1") == printed_share(work, language)
        assert cohort == 1310


def test_a_level_cbs_does_not_publish_shows_the_reason(client, cbs, english):
    study = StudyFactory(level=Level.HBO_AD, sector=Sector.ECONOMY)
    soup = page(client, ProgrammeFactory(study=study), "en")
    text = soup.select_one("#labour-market-context").get_text(" ", strip=True)
    assert "No national CBS figures for this study." in text
    assert "CBS publishes no labour-market figures for associate degrees." in text
    assert soup.select('[data-figure^="cbs_"]') == []


def test_the_study_page_shows_the_context_and_its_chart(client, cbs, english):
    study = StudyFactory(level=Level.WO_MA, sector=Sector.LAW)
    ProgrammeFactory(study=study)
    soup = page(client, study, "en")
    context = soup.select_one("#labour-market-context")
    work, _ = raw_share("Wo-master", "Recht", 1, WORK)
    assert shown(soup, "cbs_work_1") == printed_share(work, "en")
    chart = context.select_one("svg.work-share-chart")
    assert chart["role"] == "img"
    assert chart.select_one("title").get_text() == (
        "Share with work, year by year after leaving"
    )
    # The text equivalent: the same shares, this sector against all sectors.
    every_sector = [
        raw_share("Wo-master", s, 3, WORK)[1]
        for s in (
            "Economie",
            "Gedrag en Maatschappij",
            "Gezondheidszorg",
            "Landbouw en natuurlijke omgeving",
            "Natuur",
            "Onderwijs",
            "Recht",
            "Sectoroverstijgend",
            "Taal en cultuur",
            "Techniek",
        )
    ]
    assert sum(every_sector) > 0
    rows = {
        tr.th.get_text(strip=True): [
            td.get_text(" ", strip=True) for td in tr.find_all("td")
        ]
        for tr in context.select("table")[1].select("tbody tr")
    }
    assert set(rows) == {"1 year", "2 years", "3 years", "4 years", "5 years"}
    assert rows["1 year"][0] == printed_share(work, "en")
    bars = [text.get_text() for text in chart.select("text")]
    assert printed_share(work, "en") in bars


def test_compare_shows_the_context_without_best_marks(client, cbs, english):
    law = ProgrammeFactory(study=StudyFactory(level=Level.WO_MA, sector=Sector.LAW))
    ad = ProgrammeFactory(study=StudyFactory(level=Level.HBO_AD, sector=Sector.LAW))
    with translation.override("en"):
        url = f"{reverse('programmes:compare')}?p={law.slug}&p={ad.slug}"
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    section = soup.select_one("#compare-labour-market-context")
    text = section.get_text(" ", strip=True)
    assert "not of the programme" in text
    assert "CBS publishes no labour-market figures for associate degrees." in text
    work, cohort = raw_share("Wo-master", "Recht", 1, WORK)
    assert printed_share(work, "en") in text
    assert f"n = {cohort:,}" in text
    assert "CBS, StatLine 85776NED" in text
    assert section.select(".compare__best") == []


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_more_cohorts_cost_no_more_queries(client, cbs):
    """The pages read the latest cohort only, whatever number is stored."""
    study = StudyFactory(level=Level.WO_MA, sector=Sector.LAW)
    programme = ProgrammeFactory(study=study)
    urls = [programme.get_absolute_url(), study.get_absolute_url()]
    before = [_queries(client, url) for url in urls]
    older = [
        PositionCount(
            **{
                f: getattr(cell, f)
                for f in ("level", "sector", "gender", "years_after")
            },
            position=cell.position,
            cohort=cohort,
            graduates=cell.graduates,
            source=cell.source,
        )
        for cohort in (2012, 2013, 2014)
        for cell in PositionCount.objects.all()
    ]
    PositionCount.objects.bulk_create(older)
    assert [_queries(client, url) for url in urls] == before


def test_a_newer_cohort_replaces_the_older_on_the_page_and_both_stay(client, cbs):
    """CBS's next period, imported on top: the page moves to it, the database
    keeps the 2015/'16 cohort."""
    row = (
        '"Wo-master";"Met werk, zonder uitkering";"Recht";'
        '"1 jaar na verlaten onderwijs";"{period}";"{count}"'
    )
    older = row.format(period="2015/'16", count="    2760").encode()
    newer = row.format(period="2016/'17", count="    2000").encode()
    data = POSITIONS_FILE.read_bytes()
    assert older in data
    data = data.replace(older, newer).replace(b"2015/'16", b"2016/'17")
    cbs_import(data=data, file_name="85776NED-2016.csv")
    study = StudyFactory(level=Level.WO_MA, sector=Sector.LAW)
    soup = page(client, ProgrammeFactory(study=study))
    text = soup.select_one("#labour-market-context").get_text(" ", strip=True)
    assert "cohort 2016/'17" in text and "2015/'16" not in text
    assert shown(soup, "cbs_work_1") != printed_share(
        raw_share("Wo-master", "Recht", 1, WORK)[0], "nl"
    )
    assert set(PositionCount.objects.values_list("cohort", flat=True)) == {2015, 2016}


def test_figures_from_two_cohorts_each_say_their_cohort(client, cbs, english):
    """CBS's newest cohort has its one-year figures only: "1 year after" comes
    from it, "5 years after" and the chart from the older one, and each says so."""
    lines = POSITIONS_FILE.read_bytes().split(b"\r\n")
    newer = [lines[0]] + [
        line.replace(b"2015/'16", b"2022/'23")
        for line in lines[1:]
        if b'"1 jaar na verlaten onderwijs"' in line
    ]
    cbs_import(data=b"\r\n".join([*newer, b""]), file_name="85776NED-2022.csv")
    study = StudyFactory(level=Level.WO_MA, sector=Sector.LAW)
    soup = page(client, ProgrammeFactory(study=study), "en")
    context = soup.select_one("#labour-market-context")
    headers = [th.get_text(" ", strip=True) for th in context.select("thead th")][:2]
    assert headers == [
        "1 year after leaving cohort 2022/'23",
        "5 years after leaving cohort 2015/'16",
    ]
    text = context.get_text(" ", strip=True)
    assert "Share with work, year by year after leaving cohort 2015/'16" in text
    assert "Cohorts 2015/'16, 2022/'23: graduates by the year they left" in text


def test_the_context_is_kept_until_cbss_tables_are_imported_again(
    client, cbs, settings
):
    """With the content cache on (as in production), a page computes the context
    once; an import of a newer cohort renews it at once, in each language."""
    from django.core.cache import cache

    cache.clear()
    settings.LABOUR_MARKET_CACHE_SECONDS = 3600
    study = StudyFactory(level=Level.WO_MA, sector=Sector.LAW)
    url = ProgrammeFactory(study=study).get_absolute_url()
    first = _queries(client, url)
    assert _queries(client, url) == first - 5  # the context's five queries
    data = POSITIONS_FILE.read_bytes().replace(b"2015/'16", b"2016/'17")
    cbs_import(data=data, file_name="85776NED-2016.csv")
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    assert "cohort 2016/'17" in soup.select_one("#labour-market-context").get_text()
    ad = ProgrammeFactory(study=StudyFactory(level=Level.HBO_AD, sector=Sector.LAW))
    for language, reason in (
        ("nl", "Het CBS publiceert geen arbeidsmarktcijfers voor associate degrees."),
        ("en", "CBS publishes no labour-market figures for associate degrees."),
    ):
        soup = page(client, ad, language)
        assert reason in soup.select_one("#labour-market-context").get_text()

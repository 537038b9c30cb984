"""CBS's five shipped files, imported once, against the same figures rebuilt from
the raw CSV with the standard library alone: what a study's page shows for a
dozen sectors and levels, and for all sectors of a level.

The expected figures never come from the app: the files are read with the csv
module, counts summed and shares rounded here (one decimal, halves up; a share
rests on published counts only and a cohort of at least
LABOUR_MARKET_MIN_COHORT graduates, figures/cohorts.py's rule as PROVENANCE.md
and the brief state it).
"""

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from figures.publication import Withheld
from labour_market.importing import cbs_import
from labour_market.selectors import labour_market_contexts
from programmes.models import ImportRun
from programmes.models.choices import Level, Sector
from tests.programmes.factories import StudyFactory

pytestmark = pytest.mark.django_db

DATA = Path(settings.BASE_DIR) / "data" / "cbs-arbeidsmarkt-ho-2015-16"
FILES = (
    "85776NED-arbeidsmarktpositie-totaal.csv",
    "85776NED-arbeidsmarktpositie-geslacht.csv",
    "83815NED-uurloon-studierichting.csv",
    "83815NED-uurloon-geslacht.csv",
    "83815NED-uurloon-totaal.csv",
)
COUNT = "Uitstromers ho (aantal)"
WAGE = "Uurloon werknemers na verlaten ho (euro)"
WITH_WORK = ("Met werk, zonder uitkering", "Met werk, met uitkering")
WITH_BENEFITS = ("Met werk, met uitkering", "Zonder werk, met uitkering")
BACK_IN_EDUCATION = ("Terug in onderwijs",)
ALL_POSITIONS = (
    "Met werk, zonder uitkering",
    "Met werk, met uitkering",
    "Zonder werk, met uitkering",
    "Zonder werk, zonder uitkering",
    "Terug in onderwijs",
)
SECTORS = {  # CBS's word: the study's CROHO sector
    "Economie": Sector.ECONOMY,
    "Gedrag en Maatschappij": Sector.BEHAVIOUR_AND_SOCIETY,
    "Gezondheidszorg": Sector.HEALTH_CARE,
    "Landbouw en natuurlijke omgeving": Sector.AGRICULTURE,
    "Natuur": Sector.NATURAL_SCIENCES,
    "Onderwijs": Sector.EDUCATION,
    "Recht": Sector.LAW,
    "Sectoroverstijgend": Sector.INTERDISCIPLINARY,
    "Taal en cultuur": Sector.LANGUAGE_AND_CULTURE,
    "Techniek": Sector.ENGINEERING,
}
LEVELS = {
    "Hbo-bachelor": Level.HBO_BA,
    "Hbo-master": Level.HBO_MA,
    "Wo-bachelor": Level.WO_BA,
    "Wo-master": Level.WO_MA,
}
CELLS = [
    ("Hbo-bachelor", "Techniek"),
    ("Hbo-bachelor", "Gezondheidszorg"),
    ("Hbo-bachelor", "Taal en cultuur"),
    ("Hbo-bachelor", "Natuur"),  # its wage is suppressed
    ("Hbo-bachelor", "Recht"),  # its wage is suppressed
    ("Wo-master", "Techniek"),
    ("Wo-master", "Gezondheidszorg"),
    ("Wo-master", "Recht"),
    ("Wo-bachelor", "Economie"),
    ("Wo-bachelor", "Gedrag en Maatschappij"),
    ("Hbo-master", "Economie"),  # a cohort of 10: withheld
    ("Hbo-master", "Onderwijs"),
    ("Hbo-master", "Techniek"),  # no graduates at all
]


def moment(years: int) -> str:
    return (
        "Direct na verlaten onderwijs"
        if years == 0
        else f"{years} jaar na verlaten onderwijs"
    )


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file, delimiter=";"))


def number(text: str) -> str | None:
    """None for CBS's "." (suppressed) and an empty cell, else the number."""
    text = text.strip()
    return None if text in (".", "") else text


def counts_from_csv() -> dict[tuple[str, str, str, str], int | None]:
    """{(level, sector, moment, position): graduates} of men and women together."""
    counts = {}
    for row in read("85776NED-arbeidsmarktpositie-totaal.csv"):
        assert row["Geslacht"] == "Totaal"
        assert row["Persoonskenmerken"] == "Geen internationale student"
        assert row["Perioden"] == "2015/'16"
        key = (
            row["Uitstromers ho met en zonder diploma"],
            row["Studierichting"],
            row["Peilmoment"],
            row["Arbeidsmarktpositie"],
        )
        value = number(row[COUNT])
        counts[key] = None if value is None else int(value)
    return counts


def wages_from_csv() -> dict[tuple[str, str, str], Decimal | None]:
    """{(level, sector or "Totaal", moment): euro} of men and women together."""
    wages = {}
    for name in ("83815NED-uurloon-studierichting.csv", "83815NED-uurloon-totaal.csv"):
        for row in read(name):
            assert row["Geslacht"] == "Totaal"
            assert (
                row["Bedrijfstakken (SBI 2008)"] == "A-U Alle economische activiteiten"
            )
            key = (
                row["Uitstromers ho met en zonder diploma"],
                row["Studierichting"],
                row["Peilmoment"],
            )
            value = number(row[WAGE])
            wages[key] = None if value is None else Decimal(value)
    return wages


COUNTS = counts_from_csv()
WAGES = wages_from_csv()


def expected_share(level: str, sectors, years: int, positions) -> tuple:
    """(shown value or None, why not or None, cohort) rebuilt from the CSV."""
    whole = [
        COUNTS[(level, sector, moment(years), position)]
        for sector in sectors
        for position in ALL_POSITIONS
    ]
    part = [
        COUNTS[(level, sector, moment(years), position)]
        for sector in sectors
        for position in positions
    ]
    if None in whole:
        return None, Withheld.NOT_PUBLISHED, None
    cohort = sum(whole)
    if cohort == 0:
        return None, Withheld.NO_GRADUATES, 0
    share = (Decimal(sum(part)) * 100 / Decimal(cohort)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    if cohort < settings.LABOUR_MARKET_MIN_COHORT:
        return None, Withheld.SMALL_GROUP, cohort
    return share, None, cohort


def shown(figure) -> tuple:
    return figure.shown_value, figure.withheld, figure.respondents


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The five shipped files imported once for this module, inside a transaction
    rolled back at the end; each test runs in a savepoint of it."""
    with django_db_blocker.unblock(), transaction.atomic():
        results = {
            name: cbs_import(data=(DATA / name).read_bytes(), file_name=name)
            for name in FILES
        }
        yield results
        transaction.set_rollback(True)


def context_for(level: str, sector: str):
    study = StudyFactory(level=LEVELS[level], sector=SECTORS[sector])
    return labour_market_contexts([study])[study.pk]


def test_every_row_of_the_five_files_is_imported(imported):
    for name in FILES:
        with (DATA / name).open(encoding="utf-8-sig", newline="") as file:
            lines = sum(1 for _row in csv.DictReader(file, delimiter=";"))
        result = imported[name]
        assert (result.rows, result.created, result.rejected) == (lines, lines, 0)
    assert ImportRun.objects.filter(rejected=0).count() == 5


def test_the_sanity_figures_of_provenance(imported):
    """PROVENANCE.md's figures, literally."""
    hbo_techniek = context_for("Hbo-bachelor", "Techniek")
    assert hbo_techniek.moments[0].years_after == 1
    assert hbo_techniek.moments[0].work.shown_value == Decimal("90.7")
    assert hbo_techniek.wage.shown_value == Decimal("16.34")
    health = context_for("Hbo-bachelor", "Gezondheidszorg")
    assert health.moments[0].work.shown_value == Decimal("94.0")
    language = context_for("Hbo-bachelor", "Taal en cultuur")
    assert language.moments[0].work.shown_value == Decimal("83.6")
    wo_techniek = context_for("Wo-master", "Techniek")
    assert wo_techniek.moments[0].work.shown_value == Decimal("96.2")
    assert wo_techniek.wage.shown_value == Decimal("18.96")


@pytest.mark.parametrize(("level", "sector"), CELLS)
def test_a_studys_context_is_cbs_figure_recomputed_from_the_csv(
    imported, level, sector
):
    context = context_for(level, sector)

    assert context.is_shown
    assert (context.cohort, context.cohort_label) == (2015, "2015/'16")
    assert [point.years_after for point in context.moments] == [1, 5]
    for shares in context.moments:
        years = shares.years_after
        assert shown(shares.work) == expected_share(level, [sector], years, WITH_WORK)
        assert shown(shares.benefits) == expected_share(
            level, [sector], years, WITH_BENEFITS
        )
        assert shown(shares.education) == expected_share(
            level, [sector], years, BACK_IN_EDUCATION
        )
        assert shares.graduates == expected_share(level, [sector], years, ())[2]
    wage = WAGES[(level, sector, moment(1))]
    assert context.wage.shown_value == wage
    assert context.wage.withheld == (None if wage else Withheld.NOT_PUBLISHED)
    assert context.wage_level.shown_value == WAGES[(level, "Totaal", moment(1))]
    assert context.wage.year == "2015/'16"
    assert context.wage.source.name_nl == "CBS, StatLine 83815NED"
    assert context.moments[0].work.source.name_nl == "CBS, StatLine 85776NED"


def test_the_cells_cover_what_a_page_must_handle(imported):
    """The chosen cells include every way a figure can be withheld."""
    economy = context_for("Hbo-master", "Economie").moments[0].work
    assert (economy.withheld, economy.value, economy.respondents) == (
        Withheld.SMALL_GROUP,
        Decimal("100.0"),
        10,
    )
    assert context_for("Hbo-master", "Techniek").moments[0].work.is_missing
    education = context_for("Hbo-master", "Onderwijs").moments[0].work
    assert (education.shown_value, education.respondents) == (Decimal("100.0"), 100)
    for sector in ("Natuur", "Recht"):
        wage = context_for("Hbo-bachelor", sector).wage
        assert wage.withheld == Withheld.NOT_PUBLISHED


@pytest.mark.parametrize("level", list(LEVELS))
def test_the_series_year_by_year_against_all_sectors_of_the_level(imported, level):
    context = context_for(level, "Techniek")

    assert [point.years_after for point in context.work_by_year] == [1, 2, 3, 4, 5]
    for point in context.work_by_year:
        years = point.years_after
        assert shown(point.sector) == expected_share(
            level, ["Techniek"], years, WITH_WORK
        )
        assert shown(point.level) == expected_share(level, SECTORS, years, WITH_WORK)


def test_all_sectors_of_the_hbo_bachelor_literally(imported):
    """The sum of the ten sectors' counts, one year after leaving."""
    point = context_for("Hbo-bachelor", "Techniek").work_by_year[0]
    share, withheld, cohort = expected_share("Hbo-bachelor", SECTORS, 1, WITH_WORK)
    assert withheld is None
    assert (point.level.shown_value, point.level.respondents) == (share, cohort)


def test_a_study_of_a_level_cbs_does_not_publish_has_no_figures(imported):
    study = StudyFactory(level=Level.HBO_AD, sector=Sector.ENGINEERING)
    context = labour_market_contexts([study])[study.pk]
    assert not context.is_shown
    assert context.moments == ()
    assert context.reason


def studies_of_every_kind(number: int) -> list:
    kinds = [(level, sector) for sector in Sector for level in Level]
    return [
        StudyFactory(level=level, sector=sector) for level, sector in kinds[:number]
    ]


def test_one_study_or_thirty_take_the_same_few_queries(imported):
    one = [StudyFactory(level=Level.HBO_BA, sector=Sector.ECONOMY)]
    thirty = studies_of_every_kind(30)
    assert len({(study.level, study.sector) for study in thirty}) == 30
    assert {study.level for study in thirty} == set(Level)

    with CaptureQueriesContext(connection) as for_one:
        alone = labour_market_contexts(one)
    with CaptureQueriesContext(connection) as for_thirty:
        together = labour_market_contexts(thirty)

    assert len(for_one.captured_queries) == len(for_thirty.captured_queries) <= 5
    published = {Level.HBO_BA, Level.HBO_MA, Level.WO_BA, Level.WO_MA}
    assert [together[study.pk].is_shown for study in thirty] == [
        study.level in published for study in thirty
    ]
    same_kind = next(
        study
        for study in thirty
        if (study.level, study.sector) == (Level.HBO_BA, Sector.ECONOMY)
    )
    assert together[same_kind.pk] == alone[one[0].pk]
    assert alone[one[0].pk].is_shown

"""Each figure of an enrolment year cites the one series it came from and the
import run that wrote it; where two series cover a year, the newer wins and the
older is neither written nor cited (docs/IMPORT.md, "Which series wins")."""

from importlib import import_module
from unittest import mock

import pytest
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.urls import reverse

from programmes.importing import base
from programmes.importing.statistics import enrolments_import
from programmes.models import Enrolment, EnrolmentFigureSource, ImportRun
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    leiden_law_programme,
)

pytestmark = pytest.mark.django_db

OLDER, NEWER = "eerstejaars.csv", "wo_inscriptions_2019.csv"
OLDER_KEY, NEWER_KEY = "duo-eerstejaars-wo-2013-2017", "duo-eerstejaars-wo-2015-2019"
GRADUATES, GRADUATES_KEY = (
    "wo_gediplomeerden_2019.csv",
    "duo-gediplomeerden-wo-2014-2018",
)
KEY = "0546;Leiden;21PB;50700;voltijd onderwijs"
# The older, wide series: 2016 and 2017 by gender, per phase.
OLDER_FILE = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;OPLEIDINGSFASE ACTUEEL;2015 MAN;2015 VROUW;2016 MAN;2016 VROUW\n"
    f"{KEY};propedeuse bachelor;11;12;13;14\n"
).encode()
# The newer, long series: 2016 and 2017, one row per gender.
LONG_HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;GESLACHT;2016;2017\n"
)
NEWER_FILE = (LONG_HEADER + f"{KEY};man;30;31\n{KEY};vrouw;40;41\n").encode()
GRADUATES_FILE = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;SOORT DIPLOMA;GESLACHT;2016\n"
    f"{KEY};wo bachelor;man;5\n{KEY};wo bachelor;vrouw;6\n"
).encode()


@pytest.fixture
def programme():
    return leiden_law_programme()


def enrolment(programme, year=2016) -> Enrolment:
    return Enrolment.objects.get(programme=programme, academic_year=year)


def figure_sources(record: Enrolment) -> dict[str, tuple[str, int | None]]:
    return {
        f.figure: (f.source.key, f.import_run_id)
        for f in record.figure_sources.select_related("source")
    }


def cited(record: Enrolment) -> set[str]:
    return set(record.sources.values_list("key", flat=True))


def last_run() -> ImportRun:
    return ImportRun.objects.latest("pk")


def test_the_2016_first_years_cite_only_the_newer_series(programme):
    """A full import reads the older series first: the newer one replaces its
    2016 first-years and becomes their only source."""
    enrolments_import(data=OLDER_FILE, file_name=OLDER)
    assert figure_sources(enrolment(programme)) == {
        "first_years": (OLDER_KEY, last_run().pk)
    }
    enrolments_import(data=NEWER_FILE, file_name=NEWER)
    newer_run = last_run()
    record = enrolment(programme)
    assert (record.first_years_men, record.first_years_women) == (30, 40)
    assert record.first_years == 70
    assert figure_sources(record) == {"first_years": (NEWER_KEY, newer_run.pk)}
    assert cited(record) == {NEWER_KEY}
    assert newer_run.dataset.key == NEWER_KEY
    # 2015 is the older series' alone: it keeps it.
    assert cited(enrolment(programme, 2015)) == {OLDER_KEY}


def test_the_older_series_after_the_newer_changes_nothing(programme):
    enrolments_import(data=NEWER_FILE, file_name=NEWER)
    newer_run = last_run()
    result = enrolments_import(data=OLDER_FILE, file_name=OLDER)
    record = enrolment(programme)
    assert (record.first_years_men, record.first_years_women) == (30, 40)
    assert figure_sources(record) == {"first_years": (NEWER_KEY, newer_run.pk)}
    assert cited(record) == {NEWER_KEY}
    # Only 2015, which the newer series lacks, is new.
    assert (result.created, result.changed, result.unchanged) == (1, 0, 1)
    assert cited(enrolment(programme, 2015)) == {OLDER_KEY}


def test_each_figure_cites_its_own_series(programme):
    enrolments_import(data=NEWER_FILE, file_name=NEWER)
    first_years_run = last_run()
    enrolments_import(data=GRADUATES_FILE, file_name=GRADUATES)
    record = enrolment(programme)
    assert figure_sources(record) == {
        "first_years": (NEWER_KEY, first_years_run.pk),
        "graduates": (GRADUATES_KEY, last_run().pk),
    }
    assert cited(record) == {NEWER_KEY, GRADUATES_KEY}
    assert record.graduates == 11


def test_a_reimport_that_changes_a_figure_cites_its_run(programme):
    """The run cited is the one that wrote the figure's value: a re-import that
    leaves it as it was does not claim it."""
    enrolments_import(data=NEWER_FILE, file_name=NEWER)
    first_run = last_run()
    result = enrolments_import(data=NEWER_FILE, file_name=NEWER)
    assert (result.created, result.changed) == (0, 0)
    assert figure_sources(enrolment(programme)) == {
        "first_years": (NEWER_KEY, first_run.pk)
    }
    changed = NEWER_FILE.replace(b"man;30;31", b"man;32;31")
    enrolments_import(data=changed, file_name=NEWER)
    assert figure_sources(enrolment(programme)) == {
        "first_years": (NEWER_KEY, last_run().pk)
    }
    assert figure_sources(enrolment(programme, 2017)) == {
        "first_years": (NEWER_KEY, first_run.pk)
    }


def test_the_import_run_counts_what_it_wrote(programme):
    """The run is made before the rows are written (they point to it) and gets
    its counts at the end."""
    result = enrolments_import(data=NEWER_FILE, file_name=NEWER)
    run = last_run()
    assert (run.created, run.changed, run.unchanged) == (result.created, 0, 0)
    assert result.created == 2
    assert run.finished_at >= run.started_at
    assert ImportRun.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_failed_import_leaves_neither_its_run_nor_its_figure_sources(programme):
    """The run is written first, in the import's transaction: an import that fails
    at the end takes its run and the figures' sources with it."""
    with (
        mock.patch.object(base, "import_run_finish", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        enrolments_import(data=NEWER_FILE, file_name=NEWER)
    assert not ImportRun.objects.exists()
    assert not EnrolmentFigureSource.objects.exists()
    assert not Enrolment.objects.exists()


def test_the_enrolment_admin_shows_the_figure_sources_read_only(
    programme, admin_client, english
):
    enrolments_import(data=NEWER_FILE, file_name=NEWER)
    record = enrolment(programme)
    page = admin_client.get(
        reverse("admin:programmes_enrolment_change", args=[record.pk])
    )
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    group = soup.select_one("#figure_sources-group")
    assert group is not None
    text = group.get_text(" ", strip=True)
    assert "first-year students" in text
    assert "DUO, eerstejaars ingeschrevenen wo 2015–2019" in text
    assert "wo_inscriptions_2019.csv" in text
    # Read-only: no field to edit, no row to add or delete.
    assert not group.select("input[type=text], select, input[type=checkbox]")


def test_the_programme_admin_lists_each_enrolment_figure_with_its_source(
    programme, admin_client, english
):
    enrolments_import(data=NEWER_FILE, file_name=NEWER)
    page = admin_client.get(
        reverse("admin:programmes_programme_change", args=[programme.pk])
    )
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    cells = [
        cell.get_text(" ", strip=True)
        for cell in soup.select(
            "#enrolments-group tr:not(.empty-form) td.field-figure_sources"
        )
    ]
    run = last_run()
    assert (
        cells
        == [
            f"first-year students: DUO, eerstejaars ingeschrevenen wo 2015–2019 ({run})"
        ]
        * 2
    )


def test_the_migration_gives_earlier_imports_their_figure_sources(programme):
    """Enrolments imported before figure sources existed cited both first-year
    series for 2015-2017 (the newer one's figures): the migration cites the newer
    for the first-years, each other series for its own figure, and drops the
    older series' citation."""
    migration = import_module(
        "programmes.migrations.0015_enrolment_figure_sources_backfill"
    )
    sources = {
        key: DataSourceFactory(key=key)
        for key in (OLDER_KEY, NEWER_KEY, GRADUATES_KEY, "demo-enrolments")
    }
    both = EnrolmentFactory(programme=programme, academic_year=2016, graduates=9)
    both.sources.set([sources[OLDER_KEY], sources[NEWER_KEY], sources[GRADUATES_KEY]])
    demo = EnrolmentFactory(programme=programme, academic_year=2024)
    demo.sources.set([sources["demo-enrolments"]])
    migration.figure_sources_backfill(django_apps, None)
    assert figure_sources(both) == {
        "first_years": (NEWER_KEY, None),
        "graduates": (GRADUATES_KEY, None),
    }
    assert cited(both) == {NEWER_KEY, GRADUATES_KEY}
    # A source that is not one of DUO's series is left as it is.
    assert (figure_sources(demo), cited(demo)) == ({}, {"demo-enrolments"})

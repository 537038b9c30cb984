"""The open data files: what a researcher downloading them gets."""

import csv
import hashlib
import io
import json
import zipfile

import pytest

from programmes.models import DataSource
from surveys.models import Aspect
from tests.opendata.conftest import read_csv
from tests.programmes.factories import (
    DataSourceFactory,
    EnrolmentFactory,
    ProgrammeFactory,
)
from tests.surveys.factories import (
    AspectFactory,
    ProgrammeScoreFactory,
    SurveyRoundFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_programmes():
    """An official survey score from 3 respondents (withheld) and a demo score
    from 120 (shown), 3.87 printed as 3.9; an unpublished programme."""
    official = DataSourceFactory(
        key="duo-nse", kind=DataSource.Kind.OFFICIAL, publisher="DUO (test)"
    )
    demo = DataSourceFactory(key="demo-nse", kind=DataSource.Kind.DEMO)
    overall = AspectFactory(code=Aspect.Code.OVERALL)
    withheld = ProgrammeFactory(ects=180)
    shown = ProgrammeFactory(ects=60)
    ProgrammeFactory(is_published=False)
    ProgrammeScoreFactory(
        programme=withheld,
        aspect=overall,
        survey_round=SurveyRoundFactory(year=2023, source=official),
        mean="4.10",
        respondents=3,
    )
    ProgrammeScoreFactory(
        programme=shown,
        aspect=overall,
        survey_round=SurveyRoundFactory(year=2024, source=demo),
        mean="3.87",
        respondents=120,
    )
    EnrolmentFactory(programme=shown, academic_year=2024, students=0)
    return {"withheld": withheld, "shown": shown}


def test_a_withheld_figure_is_empty_with_its_reason_never_0(two_programmes, exported):
    row = exported()[two_programmes["withheld"].slug]
    assert row["overall_score_value"] == ""
    assert row["overall_score_status"] == "withheld"
    assert row["overall_score_reason"] == "too_few_respondents"
    assert row["overall_score_n"] == "3"
    assert row["overall_score_source"] == "duo-nse"
    # No enrolment at all: missing, for want of data.
    assert (row["students_value"], row["students_reason"]) == ("", "no_data")


def test_a_shown_figure_as_the_page_prints_it_and_a_real_0_stays_0(
    two_programmes, exported
):
    row = exported()[two_programmes["shown"].slug]
    assert (row["overall_score_value"], row["overall_score_n"]) == ("3.9", "120")
    assert row["overall_score_year"] == "2024"
    assert (row["overall_score_status"], row["overall_score_reason"]) == (
        "published",
        "",
    )
    assert (row["students_value"], row["students_status"]) == ("0", "published")
    assert row["ects"] == "60"


def test_demo_figures_and_their_programmes_are_flagged(two_programmes, exported):
    rows = exported()
    shown, withheld = (
        rows[two_programmes["shown"].slug],
        rows[two_programmes["withheld"].slug],
    )
    assert (shown["demo"], shown["overall_score_demo"]) == ("true", "true")
    assert (withheld["demo"], withheld["overall_score_demo"]) == ("false", "false")


def test_only_published_programmes_are_written(two_programmes, exported):
    assert set(exported()) == {p.slug for p in two_programmes.values()}


def test_the_dictionary_names_every_column_and_only_those(
    two_programmes, exported, open_data_root
):
    exported()
    data = (open_data_root / "programmes.csv").read_bytes().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(data)))
    dictionary = read_csv(open_data_root / "dictionary.csv")
    assert [entry["column"] for entry in dictionary] == header
    by_column = {entry["column"]: entry for entry in dictionary}
    assert by_column["students_value"]["unit"] == "people"
    assert by_column["starting_salary_value"]["unit"] == "euro per month"
    assert by_column["brin"]["source"] == "DUO"
    assert all(entry["meaning_en"] for entry in dictionary)


def test_the_sources_give_each_datasets_licence(
    two_programmes, exported, open_data_root
):
    exported()
    sources = {row["key"]: row for row in read_csv(open_data_root / "sources.csv")}
    assert (sources["duo-nse"]["licence"], sources["duo-nse"]["demo"]) == (
        "CC0-1.0",
        "false",
    )
    assert (sources["demo-nse"]["licence"], sources["demo-nse"]["demo"]) == (
        "demo",
        "true",
    )


def test_the_zip_holds_every_file_and_the_manifest_describes_them(
    two_programmes, exported, open_data_root
):
    exported()
    with zipfile.ZipFile(open_data_root / "keuzewijzer-open-data.zip") as archive:
        assert sorted(archive.namelist()) == [
            "README.txt",
            "dictionary.csv",
            "programmes.csv",
            "sources.csv",
        ]
        assert (
            archive.read("programmes.csv")
            == (open_data_root / "programmes.csv").read_bytes()
        )
        assert "CC BY 4.0" in archive.read("README.txt").decode()
    manifest = json.loads((open_data_root / "manifest.json").read_text())
    for entry in manifest["files"]:
        data = (open_data_root / entry["name"]).read_bytes()
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
    # Nothing half-written left behind.
    assert not [path for path in open_data_root.iterdir() if path.name.startswith(".")]

"""Importing graduate outcomes per study from the documented long CSV format."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from careers.importing import career_outcomes_import
from careers.models import (
    CareerFigure,
    CareerOutcome,
    GraduateJudgement,
    Occupation,
    OccupationShare,
)
from demo.loader import DEMO_DIR, demo_load
from programmes.importing.csvfile import ImportFileError
from programmes.models import DataSource, ImportRun
from tests.careers.factories import OccupationFactory
from tests.programmes.factories import StudyFactory

pytestmark = pytest.mark.django_db

HEADER = ("croho_code", "level", "year", "record", "code", "value", "respondents")
HEADER += ("name_nl", "name_en")
ROWS = [
    ("66990", "WO-MA", "2023", "outcome", "", "", "150", "", ""),
    ("66990", "WO-MA", "2023", "figure", "starting_salary", "2909", "150", "", ""),
    ("66990", "WO-MA", "2023", "figure", "job_in_field", "84", "140", "", ""),
    ("66990", "WO-MA", "2023", "figure", "job_satisfaction", "4.0", "140", "", ""),
    ("66990", "WO-MA", "2023", "occupation", "2310", "48", "", "Docenten", "Teachers"),
    ("66990", "WO-MA", "2023", "occupation", "2131", "6", "", "Biologen", "Biologists"),
    ("66990", "WO-MA", "2023", "judgement", "good_basis", "60", "150", "", ""),
    ("66990", "WO-MA", "2023", "judgement", "would_choose_again", "79", "150", "", ""),
]


def csv_bytes(rows, *, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def study():
    return StudyFactory(croho_code="66990", level="WO-MA")


def stored(study):
    outcome = CareerOutcome.objects.get(study=study, year=2023)
    judgement = GraduateJudgement.objects.get(study=study, year=2023)
    return {
        "respondents": outcome.respondents,
        "figures": {f.metric: (f.value, f.respondents) for f in outcome.figures.all()},
        "occupations": [
            (s.occupation.isco_code, s.occupation.name_en, s.share)
            for s in outcome.occupation_shares.order_by("position")
        ],
        "judgement": (
            judgement.good_basis,
            judgement.would_choose_again,
            judgement.respondents,
        ),
    }


EXPECTED = {
    "respondents": 150,
    "figures": {
        "starting_salary": (Decimal("2909"), 150),
        "job_in_field": (Decimal("84"), 140),
        "job_satisfaction": (Decimal("4.0"), 140),
    },
    "occupations": [
        ("2310", "Teachers", Decimal("48")),
        ("2131", "Biologists", Decimal("6")),
    ],
    "judgement": (Decimal("60"), Decimal("79"), 150),
}


def test_outcome_figures_occupations_and_judgement_as_the_file_gives_them(study):
    result = career_outcomes_import(data=csv_bytes(ROWS), file_name="wo-2023.csv")
    assert (result.created, result.changed, result.rejected) == (8, 0, 0)
    assert stored(study) == EXPECTED
    run = ImportRun.objects.get()
    assert (run.kind, run.created) == ("careers", 8)
    assert run.dataset.kind == DataSource.Kind.OFFICIAL
    assert CareerOutcome.objects.get().source == run.dataset


def test_importing_the_same_file_twice_changes_nothing(study):
    data = csv_bytes(ROWS)
    career_outcomes_import(data=data, file_name="wo-2023.csv")
    result = career_outcomes_import(data=data, file_name="wo-2023.csv")
    assert (result.created, result.changed, result.unchanged) == (0, 0, 8)
    assert OccupationShare.objects.count() == 2


def test_a_new_occupation_list_replaces_the_old_one(study):
    career_outcomes_import(data=csv_bytes(ROWS), file_name="wo.csv")
    rows = [row for row in ROWS if row[4] != "2131"]
    rows[4] = (*rows[4][:5], "50", *rows[4][6:])
    result = career_outcomes_import(data=csv_bytes(rows), file_name="wo.csv")
    assert result.changed == 1
    assert stored(study)["occupations"] == [("2310", "Teachers", Decimal("50"))]


def test_known_occupations_keep_their_edited_names(study):
    OccupationFactory(isco_code="2310", name_nl="Hoogleraren", name_en="Professors")
    career_outcomes_import(data=csv_bytes(ROWS), file_name="wo.csv")
    assert Occupation.objects.filter(isco_code="2310").count() == 1
    assert stored(study)["occupations"][0][1] == "Professors"


def test_cp1252_semicolons_and_decimal_commas(study):
    rows = [(*row[:5], row[5].replace(".", ","), *row[6:]) for row in ROWS]
    rows[4] = (*rows[4][:7], "Docenten (hbo/wo) – één", *rows[4][8:])
    result = career_outcomes_import(
        data=csv_bytes(rows, encoding="cp1252"), file_name="wo.csv"
    )
    assert result.created == 8
    assert stored(study) == EXPECTED
    assert Occupation.objects.get(isco_code="2310").name_nl.endswith("één")


def test_utf8_bom_and_commas(study):
    data = b"\xef\xbb\xbf" + csv_bytes(ROWS, delimiter=",")
    assert career_outcomes_import(data=data, file_name="wo.csv").created == 8
    assert stored(study) == EXPECTED


def test_bad_rows_are_rejected_and_counted(study):
    rows = [
        *ROWS,
        ("12345", "WO-MA", "2023", "figure", "starting_salary", "3000", "10", "", ""),
        ("66990", "WO-MA", "2023", "figure", "happiness", "4", "10", "", ""),
        ("66990", "WO-MA", "2023", "figure", "job_at_level", "120", "10", "", ""),
        ("66990", "WO-MA", "2022", "figure", "job_at_level", "70", "10", "", ""),
        ("66990", "WO-MA", "2023", "salary", "", "3000", "10", "", ""),
        ("66990", "WO-MA", "2023", "occupation", "9999", "3", "", "", ""),
    ]
    result = career_outcomes_import(data=csv_bytes(rows), file_name="wo.csv")
    assert (result.created, result.rejected) == (8, 6)
    assert dict(result.rejected_rows) == {
        10: "no study with this CROHO code and level",
        11: "unknown figure code",
        12: "value out of range for this figure",
        13: "no outcome row (respondents) for this study and year",
        14: "unknown record (outcome, figure, occupation, judgement)",
        15: "a new occupation needs a name_nl",
    }


def test_occupation_shares_above_100_are_all_rejected(study):
    rows = [*ROWS]
    rows[4] = (*rows[4][:5], "97", *rows[4][6:])
    result = career_outcomes_import(data=csv_bytes(rows), file_name="wo.csv")
    assert result.rejected == 2
    assert not OccupationShare.objects.exists()


def test_a_missing_column_is_named_and_nothing_changes(study):
    header = HEADER[:6] + HEADER[7:]
    rows = [row[:6] + row[7:] for row in ROWS]
    with pytest.raises(ImportFileError) as error:
        career_outcomes_import(data=csv_bytes(rows, header=header), file_name="x.csv")
    assert error.value.column == "respondents"
    assert not CareerOutcome.objects.exists()


def test_a_value_that_is_no_number_names_line_and_column(study):
    rows = [*ROWS, ("66990", "WO-MA", "2023", "figure", "weekly_hours", "veel", "1")]
    rows[-1] += ("", "")
    with pytest.raises(ImportFileError) as error:
        career_outcomes_import(data=csv_bytes(rows), file_name="x.csv")
    assert (error.value.line, error.value.column) == (10, "value")
    assert not CareerOutcome.objects.exists()
    assert not Occupation.objects.exists()


def test_a_truncated_file_changes_nothing(study):
    career_outcomes_import(data=csv_bytes(ROWS), file_name="wo.csv")
    rows = [(*ROWS[0][:6], "999", *ROWS[0][7:]), *ROWS[1:]]
    data = csv_bytes(rows)
    data = data[: data.rindex(b";150;;")]
    with pytest.raises(ImportFileError):
        career_outcomes_import(data=data, file_name="wo.csv")
    assert stored(study) == EXPECTED


def test_command_imports_synthetic_data_and_reports_rejections(study, tmp_path, capsys):
    path = tmp_path / "careers.csv"
    rows = [*ROWS, ("66990", "WO-MA", "2023", "figure", "happiness", "4", "1", "", "")]
    path.write_bytes(csv_bytes(rows))
    call_command("import_careers", str(path), "--source-kind", "synthetic")
    out = capsys.readouterr().out
    assert (
        "rijen: 9 gelezen, 8 geïmporteerd, 1 afgewezen; records: 8 nieuw, 0 gewijzigd, "
        "0 ongewijzigd" in out
    )
    assert "regel 10: onbekende code voor het cijfer" in out
    assert CareerOutcome.objects.get().source.kind == DataSource.Kind.SYNTHETIC


def test_command_refuses_a_bad_file(study, tmp_path):
    path = tmp_path / "careers.csv"
    path.write_bytes(b"croho_code|level|year\n66990|WO-MA|2023\n")
    with pytest.raises(CommandError, match=r"careers\.csv: "):
        call_command("import_careers", str(path))
    assert not ImportRun.objects.exists()


def test_the_shipped_demo_file_is_in_the_database_as_written():
    demo_load()
    with (DEMO_DIR / "careers.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    figures = [row for row in rows if row["record"] == "figure"]
    assert CareerFigure.objects.count() == len(figures) == 13
    for row in figures:
        figure = CareerFigure.objects.get(
            outcome__study__croho_code=row["croho_code"], metric=row["code"]
        )
        assert figure.value == Decimal(row["value"])
        assert figure.respondents == int(row["respondents"])
        assert figure.outcome.source.kind == DataSource.Kind.DEMO
    shares = [row for row in rows if row["record"] == "occupation"]
    assert [
        (s.occupation.isco_code, s.share)
        for s in OccupationShare.objects.order_by("position")
    ] == [(row["code"], Decimal(row["value"])) for row in shares]


@pytest.mark.parametrize("count", [3, 30])
def test_queries_do_not_grow_with_the_rows(count, django_assert_max_num_queries):
    rows = []
    for number in range(count):
        croho = f"{70000 + number}"
        StudyFactory(croho_code=croho, level="WO-MA")
        rows += [
            (croho, "WO-MA", "2023", "outcome", "", "", "150", "", ""),
            (croho, "WO-MA", "2023", "figure", "weekly_hours", "38", "150", "", ""),
            (croho, "WO-MA", "2023", "occupation", "2310", "40", "", "Docent", ""),
            (croho, "WO-MA", "2023", "judgement", "good_basis", "60", "150", "", ""),
        ]
    with django_assert_max_num_queries(22):  # incl. the source's history row
        result = career_outcomes_import(data=csv_bytes(rows), file_name="wo.csv")
    assert result.created == 4 * count

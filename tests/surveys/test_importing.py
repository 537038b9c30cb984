"""Importing NSE scores per programme from the documented CSV format."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from demo.loader import DEMO_DIR, demo_load
from programmes.importing.csvfile import ImportFileError
from programmes.models import DataSource, Form, ImportRun
from surveys.importing import SURVEY_COLUMNS, survey_scores_import
from surveys.models import ProgrammeScore, SurveyRound
from tests.programmes.factories import (
    InstitutionFactory,
    ProgrammeFactory,
    StudyFactory,
)

pytestmark = pytest.mark.django_db

HEADER = ("brin", "croho_code", "form", "year", "aspect", "mean", "respondents")
HEADER += ("std_dev", "population")


def csv_bytes(rows, *, header=HEADER, delimiter=";", encoding="utf-8") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.fixture
def programmes():
    study = StudyFactory(croho_code="66990")
    return {
        brin: ProgrammeFactory(study=study, institution=InstitutionFactory(brin=brin))
        for brin in ("21PB", "21PC")
    }


ROWS = [
    ("21PB", "66990", "voltijd", "2024", "overall", "3.9", "143", "0.80", "300"),
    ("21PB", "66990", "voltijd", "2024", "atmosphere", "4.0", "143", "0.80", "300"),
    ("21PC", "66990", "voltijd", "2024", "overall", "3.8", "120", "0.75", ""),
]


def scores():
    return {
        (s.programme.institution.brin, s.aspect.code): (
            s.mean,
            s.respondents,
            s.std_dev,
            s.population,
        )
        for s in ProgrammeScore.objects.select_related(
            "programme__institution", "aspect"
        )
    }


def expected_from(rows):
    return {
        (brin, aspect): (
            Decimal(mean.replace(",", ".")),
            int(respondents),
            Decimal(std_dev.replace(",", ".")),
            int(population) if population else None,
        )
        for brin, _croho, _form, _year, aspect, mean, respondents, std_dev, population in rows
    }


def test_scores_are_stored_as_the_file_gives_them(programmes):
    result = survey_scores_import(data=csv_bytes(ROWS), file_name="nse-2024.csv")
    assert (result.created, result.changed, result.rejected) == (3, 0, 0)
    assert scores() == expected_from(ROWS)
    survey_round = SurveyRound.objects.get(year=2024)
    assert survey_round.name_en == "NSE 2024"
    assert survey_round.source.kind == DataSource.Kind.OFFICIAL
    run = ImportRun.objects.get()
    assert (run.kind, run.created, run.dataset) == ("surveys", 3, survey_round.source)


def test_importing_the_same_file_twice_changes_nothing(programmes):
    data = csv_bytes(ROWS)
    survey_scores_import(data=data, file_name="nse-2024.csv")
    result = survey_scores_import(data=data, file_name="nse-2024.csv")
    assert (result.created, result.changed, result.unchanged) == (0, 0, 3)
    assert ProgrammeScore.objects.count() == 3


def test_a_corrected_file_updates_in_place(programmes):
    survey_scores_import(data=csv_bytes(ROWS), file_name="nse-2024.csv")
    corrected = [(*ROWS[0][:5], "3.7", *ROWS[0][6:]), *ROWS[1:]]
    result = survey_scores_import(data=csv_bytes(corrected), file_name="nse-2024.csv")
    assert (result.created, result.changed, result.unchanged) == (0, 1, 2)
    assert scores()[("21PB", "overall")][0] == Decimal("3.7")


def test_cp1252_semicolons_and_decimal_commas(programmes):
    rows = [(*row[:5], row[5].replace(".", ","), *row[6:]) for row in ROWS]
    data = csv_bytes(rows, encoding="cp1252").replace(b"voltijd", b"Voltijd")
    result = survey_scores_import(data=data, file_name="nse.csv")
    assert result.created == 3
    assert scores() == expected_from(ROWS)


def test_utf8_bom_and_commas(programmes):
    data = b"\xef\xbb\xbf" + csv_bytes(ROWS, delimiter=",")
    result = survey_scores_import(data=data, file_name="nse.csv")
    assert result.created == 3
    assert scores() == expected_from(ROWS)


def test_unknown_programmes_and_aspects_are_rejected_and_counted(programmes):
    rows = [
        *ROWS,
        ("99XX", "66990", "voltijd", "2024", "overall", "3.9", "10", "0.8", ""),
        ("21PB", "66990", "deeltijd", "2024", "overall", "3.9", "10", "0.8", ""),
        ("21PB", "66990", "voltijd", "2024", "weather", "3.9", "10", "0.8", ""),
        ("21PB", "66990", "voltijd", "2024", "content", "6.5", "10", "0.8", ""),
        ("21PB", "66990", "voltijd", "2024", "practice", "3.5", "50", "0.8", "40"),
    ]
    result = survey_scores_import(data=csv_bytes(rows), file_name="nse.csv")
    assert (result.created, result.rejected) == (3, 5)
    lines = dict(result.rejected_rows)
    assert lines[5] == "no programme with this BRIN and CROHO code"
    assert lines[6] == "no programme in this form, level or location"
    assert lines[7] == "unknown aspect code"
    assert lines[8].startswith("mean:")
    assert lines[9].startswith("respondents:")
    assert ImportRun.objects.get().rejected == 5


def test_a_programme_at_two_places_needs_its_location_code(programmes):
    leiden = programmes["21PB"]
    ProgrammeFactory(
        study=leiden.study,
        institution=leiden.institution,
        location_code="21PB01",
        form=Form.FULL_TIME,
    )
    header = (*HEADER, "location_code")
    rows = [
        (*ROWS[0], ""),
        (*ROWS[1], leiden.location_code or "21PB00"),
    ]
    leiden.location_code = "21PB00"
    leiden.save()
    result = survey_scores_import(
        data=csv_bytes(rows, header=header), file_name="nse.csv"
    )
    assert dict(result.rejected_rows) == {
        2: "several programmes match: give the location code"
    }
    assert ProgrammeScore.objects.get().programme == leiden


def test_a_missing_column_is_named_and_nothing_changes(programmes):
    header = tuple(name for name in HEADER if name != "std_dev")
    rows = [row[:7] + row[8:] for row in ROWS]
    with pytest.raises(ImportFileError) as error:
        survey_scores_import(data=csv_bytes(rows, header=header), file_name="x.csv")
    assert error.value.column == "std_dev"
    assert "std_dev" in str(error.value)
    assert not ProgrammeScore.objects.exists()
    assert not ImportRun.objects.exists()


def test_a_value_that_is_no_number_names_line_and_column(programmes):
    rows = [
        *ROWS,
        ("21PC", "66990", "voltijd", "2024", "content", "goed", "1", "1", ""),
    ]
    with pytest.raises(ImportFileError) as error:
        survey_scores_import(data=csv_bytes(rows), file_name="x.csv")
    assert (error.value.line, error.value.column) == (5, "mean")
    assert not ProgrammeScore.objects.exists()
    assert not SurveyRound.objects.exists()


def test_a_truncated_file_changes_nothing(programmes):
    survey_scores_import(data=csv_bytes(ROWS[:1]), file_name="nse.csv")
    before = scores()
    corrected = [(*ROWS[0][:5], "3.1", *ROWS[0][6:]), *ROWS[1:]]
    data = csv_bytes(corrected)
    data = data[: data.rindex(b";0.75")]
    with pytest.raises(ImportFileError) as error:
        survey_scores_import(data=data, file_name="nse.csv")
    assert error.value.line == 4
    assert scores() == before
    assert ImportRun.objects.count() == 1


def test_command_imports_with_the_given_source_kind(programmes, tmp_path, capsys):
    path = tmp_path / "nse-demo.csv"
    path.write_bytes(csv_bytes(ROWS))
    call_command("import_surveys", str(path), "--source-kind", "demo", "--no-progress")
    assert (
        "rijen: 3 gelezen, 3 geïmporteerd, 0 afgewezen; records: 3 nieuw, 0 gewijzigd, "
        "0 ongewijzigd" in capsys.readouterr().out
    )
    assert SurveyRound.objects.get().source.kind == DataSource.Kind.DEMO


def test_command_names_line_and_column_of_a_bad_file(programmes, tmp_path):
    path = tmp_path / "nse.csv"
    path.write_bytes(csv_bytes([(*ROWS[0][:6], "veel", *ROWS[0][7:])]))
    with pytest.raises(
        CommandError, match=r"Regel 2, kolom respondents: 'veel' is geen geheel getal"
    ):
        call_command("import_surveys", str(path), "--no-progress")
    assert not ProgrammeScore.objects.exists()


def test_the_shipped_demo_file_is_in_the_database_as_written():
    demo_load()
    with Path(DEMO_DIR / "surveys.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    assert set(SURVEY_COLUMNS) <= set(rows[0])
    assert ProgrammeScore.objects.count() == len(rows) == 42
    stored = {
        (s.programme.institution.brin, s.aspect.code): s
        for s in ProgrammeScore.objects.select_related(
            "programme__institution", "aspect"
        )
    }
    for row in rows:
        score = stored[(row["brin"], row["aspect"])]
        assert score.mean == Decimal(row["mean"])
        assert score.respondents == int(row["respondents"])
        assert score.population == int(row["population"])
        assert score.survey_round.source.kind == DataSource.Kind.DEMO


@pytest.mark.parametrize("count", [3, 30])
def test_queries_do_not_grow_with_the_rows(count, django_assert_max_num_queries):
    study = StudyFactory(croho_code="66990")
    rows = []
    for number in range(count):
        brin = f"{number:02d}AA"
        ProgrammeFactory(study=study, institution=InstitutionFactory(brin=brin))
        rows.append((brin, "66990", "voltijd", "2024", "overall", "3.9", "9", "1", ""))
    with django_assert_max_num_queries(30):  # incl. history rows of new rounds
        result = survey_scores_import(data=csv_bytes(rows), file_name="nse.csv")
    assert result.created == count


def test_scores_applied_through_the_admin_upload_reach_the_listing(programmes):
    from programmes.importing.uploads import import_apply
    from public.models import ProgrammeSummary

    import_apply(kind="surveys", data=csv_bytes(ROWS), file_name="nse.csv")
    summary = ProgrammeSummary.objects.get(programme=programmes["21PB"])
    assert summary.overall_score == Decimal("3.9")

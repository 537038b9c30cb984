"""The CSV reading layer copes with every quirk of DUO's files, and says where not."""

import pytest
from django.core.management import CommandError, call_command

from programmes.importing.csvfile import ImportFileError, read_csv
from programmes.importing.institutions import (
    institutions_import,
    municipalities_import,
)
from programmes.importing.normalise import (
    degree_title,
    language_of_instruction,
    municipality_key,
    municipality_name,
)
from programmes.importing.programmes import programmes_import
from programmes.importing.statistics import enrolments_import
from programmes.models import (
    Enrolment,
    ImportRun,
    Institution,
    Municipality,
    Programme,
)


def test_utf8_with_bom_and_comma_and_quotes():
    data = '\ufeff"BRIN","NAAM"\n"21PB","Universiteit Leiden"\n'.encode()
    table = read_csv(data, required=["BRIN"])
    assert table.encoding == "utf-8-sig"
    assert table.delimiter == ","
    assert table.rows[0]["NAAM"] == "Universiteit Leiden"


def test_cp1252_with_semicolons_and_crlf():
    data = "CODE;NAAM\r\n04;Fryslân\r\n".encode("cp1252")
    table = read_csv(data)
    assert table.encoding == "cp1252"
    assert table.rows[0]["NAAM"] == "Fryslân"


def test_latin1_is_read_through_cp1252():
    data = "FASE;AANTAL\ninitiële opleiding;3\n".encode("latin-1")
    assert read_csv(data).rows[0]["FASE"] == "initiële opleiding"


def test_leading_zeros_stay_text():
    table = read_csv(b"GEMEENTENUMMER;CODE\n0080;06551\n")
    assert table.rows[0]["GEMEENTENUMMER"] == "0080"
    assert table.rows[0]["CODE"] == "06551"


def test_artefact_blank_and_totals_lines_are_skipped_and_counted():
    data = (
        b'A;B;FASE;2013 MAN;\r\nx;y;bachelor;5;\r\n""\r\n\r\n;;;;\r\n;;totalen;5;\r\n'
    )
    table = read_csv(data)
    assert [row.line for row in table] == [2]
    # The artefact, the blank line, the empty row and the totals row.
    assert table.skipped_lines == 4
    assert table.totals_lines == [6]
    assert table.header[-1] == ""


def test_wrong_delimiter_names_the_missing_columns():
    with pytest.raises(ImportFileError) as error:
        read_csv(b"BRIN|NAAM\n21PB|Leiden\n", required=["BRIN", "NAAM"])
    assert "BRIN" in str(error.value)
    assert error.value.line == 1


@pytest.mark.usefixtures("english")
def test_non_numeric_count_names_line_and_column():
    table = read_csv(b"BRIN;2015\n21PB;12\n21PC;twaalf\n")
    assert table.rows[0].count("2015") == 12
    with pytest.raises(ImportFileError) as error:
        table.rows[1].count("2015")
    assert error.value.line == 3
    assert error.value.column == "2015"
    assert "Line 3" in str(error.value)


def test_suppressed_count_is_unknown():
    assert read_csv(b"A;N\nx;-1\n").rows[0].count("N") is None


@pytest.mark.usefixtures("english")
def test_truncated_file_is_refused():
    with pytest.raises(ImportFileError, match="truncated"):
        read_csv(b"A;B;C\n1;2;3\n4;5")


@pytest.mark.usefixtures("english")
def test_a_header_repeated_further_down_is_refused():
    """What joining two files (`cat a.csv b.csv`) leaves in the middle."""
    data = b"A;B\n1;2\nA;B\n3;4\n"
    with pytest.raises(ImportFileError) as error:
        read_csv(data)
    assert str(error.value) == (
        "Line 3 repeats the header of line 1: is this several files joined "
        "together? The file is refused."
    )
    assert error.value.line == 3


def test_empty_file_is_refused():
    with pytest.raises(ImportFileError):
        read_csv(b"  \n")


def test_degree_titles():
    assert degree_title("MASTER", "OF_SCIENCE") == "Master of Science"
    assert degree_title("BACHELOR", "OF_ARTS,OF_SCIENCE") == (
        "Bachelor of Arts / Bachelor of Science"
    )
    assert degree_title("ASSOCIATE_DEGREE", "") == "Associate degree"


def test_languages_of_instruction():
    assert language_of_instruction(["ENG", "NLD"]) == "nl_en"
    assert language_of_instruction(["NLD"]) == "nl"
    assert language_of_instruction(["DEU"]) == "de"
    assert language_of_instruction(["FRA"]) == "other"


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("LEEUWARDEN", "Leeuwarden"),
        ("Leeuwarden", "Leeuwarden"),
        ("'S-HERTOGENBOSCH", "’s-Hertogenbosch"),
        ("S HERTOGENBOSCH", "’s-Hertogenbosch"),  # DUO's addresses file
        ("'s-Hertogenbosch", "’s-Hertogenbosch"),  # RIO, the statistics files
        ("S GRAVENHAGE", "’s-Gravenhage"),
        ("’s-Gravenhage", "’s-Gravenhage"),
        ("SINT-MICHIELSGESTEL", "Sint-Michielsgestel"),
        ("Súdwest-Fryslân", "Súdwest-Fryslân"),
    ],
)
def test_municipality_names_are_written_officially(written, official):
    assert municipality_name(written) == official
    assert municipality_key(written) == municipality_key(official)


def test_municipality_keys_tell_different_places_apart():
    assert municipality_key("S GRAVENHAGE") != municipality_key("Gravenhage")
    assert municipality_key("Hengelo") != municipality_key("Hengelo (O)")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        b"BRIN NUMMER ACTUEEL,OPLEIDINGSCODE ACTUEEL,GESLACHT,2015\n21PB,1,man,3\n",
        b"BRIN NUMMER ACTUEEL;GEMEENTENUMMER;GEMEENTENAAM;OPLEIDINGSCODE ACTUEEL;"
        b"OPLEIDINGSVORM;GESLACHT;2015\n"
        b"21PB;0546;Leiden;66990;voltijd onderwijs;man;drie\n",
        b"STUDIEJAAR;INSTELLINGSCODE_ACTUEEL;OPLEIDINGSCODE_ACTUEEL;GEMEENTENUMMER;"
        b"GEMEENTENAAM;AANTAL_INGESCHREVENEN\n2020;21PB;66990;0546;Leiden;4\n"
        b"2021;21PB",
    ],
    ids=["missing-column", "non-numeric", "truncated"],
)
def test_bad_statistics_file_changes_nothing(data):
    with pytest.raises(ImportFileError):
        enrolments_import(data=data, file_name="bad.csv")
    assert not Enrolment.objects.exists()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_command_reports_a_bad_file_without_traceback(tmp_path):
    path = tmp_path / "instellingen.csv"
    path.write_bytes(b"SOORT HO,INSTELLINGSCODE\nhbo,31FR\n")
    with pytest.raises(CommandError, match="lacks the column"):
        call_command("import_institutions", str(path))
    assert not Institution.objects.exists()


@pytest.mark.django_db
def test_institutions_import_twice_changes_nothing():
    data = (
        "SOORT HO;INSTELLINGSCODE;INSTELLINGSNAAM;STRAATNAAM;HUISNUMMER-TOEVOEGING;"
        "POSTCODE;GEMEENTENUMMER;GEMEENTENAAM;INTERNETADRES\n"
        "hbo;31FR;NHL Stenden Hogeschool;Rengerslaan;10;8917 DD;0080;LEEUWARDEN;"
        "www.nhl.nl\n"
    ).encode("cp1252")
    first = institutions_import(data=data, file_name="01.-instellingen-hbo-en-wo.csv")
    second = institutions_import(data=data, file_name="01.-instellingen-hbo-en-wo.csv")
    assert (first.created, second.created, second.changed) == (1, 0, 0)
    institution = Institution.objects.get()
    assert institution.website == "https://www.nhl.nl"
    assert institution.municipality.name_nl == "Leeuwarden"
    assert ImportRun.objects.count() == 2


@pytest.mark.django_db
def test_a_municipality_stored_without_its_apostrophe_gets_its_official_name():
    """Earlier imports stored DUO's addresses' "S GRAVENHAGE" as "S Gravenhage";
    the next import that names the code writes the official name."""
    Municipality.objects.create(
        code="0518", name_nl="S Gravenhage", slug="s-gravenhage"
    )
    data = (
        b"GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
        b"OPLEIDINGSVORM;GESLACHT;2019\n"
        b"0518;'s-Gravenhage;21PB;50700;voltijd onderwijs;man;3\n"
        b"0796;'s-Hertogenbosch;21PB;50700;voltijd onderwijs;man;3\n"
    )
    result = municipalities_import(data=data, file_name="wo_inscriptions_2019.csv")
    assert (result.created, result.changed, result.unchanged) == (1, 1, 0)
    assert dict(Municipality.objects.values_list("code", "name_nl")) == {
        "0518": "’s-Gravenhage",
        "0796": "’s-Hertogenbosch",
    }
    assert Municipality.objects.get(code="0518").slug == "s-gravenhage"


@pytest.mark.django_db
def test_programmes_file_without_a_required_column_changes_nothing():
    data = b'"INSTELLINGSCODE","ERKENDEOPLEIDINGSCODE"\n"21PB","66990"\n'
    with pytest.raises(ImportFileError, match="OPLEIDINGSEENHEID_NAAM"):
        programmes_import(data=data, file_name="ho_erkenningen_rio.csv")
    assert not Programme.objects.exists()
    assert not Institution.objects.exists()


@pytest.mark.django_db
@pytest.mark.usefixtures("english")
def test_statistics_command_reports_a_wrong_separator(tmp_path):
    path = tmp_path / "ingeschrevenenhbo.csv"
    path.write_bytes(b"STUDIEJAAR|INSTELLINGSCODE_ACTUEEL\n2020|21PB\n")
    with pytest.raises(CommandError, match="none of the statistics layouts completely"):
        call_command("import_statistics", str(path))


def test_a_trailing_separator_on_the_rows_or_the_header_only_loses_nothing():
    assert read_csv(b"A;B;C\n1;2;3;\n").rows[0].values == {"A": "1", "B": "2", "C": "3"}
    table = read_csv(b"A;B;C;\n1;2;3\n")
    assert table.rows[0].values == {"A": "1", "B": "2", "C": "3", "": ""}
    assert table.skipped_lines == 0


@pytest.mark.usefixtures("english")
def test_an_empty_value_more_beyond_a_trailing_separator_is_refused():
    """The header ends with `;` and so does the row, once more than it should:
    a value split in two (a name with a comma, `;` turned into `,`), which
    would move every count after it one column on."""
    with pytest.raises(ImportFileError) as error:
        read_csv(b"A;B;\nx, y;2;\n".replace(b";", b","))
    assert "line 2: 4 values, more than the columns (the last column is B)" in str(
        error.value
    )


@pytest.mark.usefixtures("english")
def test_a_row_with_a_value_more_under_a_trailing_separator_is_refused():
    """A value after the unnamed last column names the last named one."""
    with pytest.raises(ImportFileError) as error:
        read_csv(b"A;B;\n1;2;;x\n")
    assert "line 2: 4 values, more than the columns (the last column is B)" in str(
        error.value
    )

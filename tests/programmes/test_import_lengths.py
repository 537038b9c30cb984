"""A text longer than its field is a rejected row with the reason, never a cut.

The limit is the model field's max_length (200 for names, 100 for a
municipality's, 7 for a postcode); SQLite would have stored the text whole and
PostgreSQL refused the whole file.
"""

import csv
import io

import pytest
from django.core.management import call_command

from careers.importing import career_outcomes_import
from careers.models import Occupation
from programmes.importing.institutions import institutions_import
from programmes.importing.programme_details import programmes_enrich
from programmes.importing.programmes import programmes_import
from programmes.models import Institution, Municipality, Programme, Study
from tests.programmes.factories import ProgrammeFactory, StudyFactory
from tests.programmes.test_import_numbers import ERKENNINGEN_HEADER, erkenning

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

NAME_200 = "Biologie " + "x" * 191


def csv_bytes(header, *rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_programme_name_over_200_characters_is_rejected_with_the_reason():
    data = csv_bytes(
        ERKENNINGEN_HEADER,
        erkenning(OPLEIDINGSEENHEID_NAAM=NAME_200),
        erkenning(ERKENDEOPLEIDINGSCODE="66991", OPLEIDINGSEENHEID_NAAM=NAME_200 + "y"),
    )
    result = programmes_import(data=data, file_name="ho_erkenningen_rio.csv")
    assert (result.created, result.rejected) == (1, 1)
    assert result.rejected_rows == [(3, "name [nl] is longer than 200 characters")]
    assert Programme.objects.get().name_nl == NAME_200  # 200 fit, whole
    # The rejected row creates no study either.
    assert list(Study.objects.values_list("croho_code", flat=True)) == ["66990"]


def test_an_over_long_institution_name_rejects_the_row_in_the_programmes_file():
    data = csv_bytes(ERKENNINGEN_HEADER, erkenning(INSTELLINGSNAAM="U" * 201))
    result = programmes_import(data=data, file_name="ho_erkenningen_rio.csv")
    assert result.rejected_rows == [(2, "name [nl] is longer than 200 characters")]
    assert not Institution.objects.exists()
    assert not Programme.objects.exists()


INSTITUTION_HEADER = (
    "SOORT HO",
    "INSTELLINGSCODE",
    "INSTELLINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "INTERNETADRES",
)


def instelling(brin, **changes):
    row = {
        "SOORT HO": "hbo",
        "INSTELLINGSCODE": brin,
        "INSTELLINGSNAAM": "NHL Stenden",
        "STRAATNAAM": "Rengerslaan",
        "HUISNUMMER-TOEVOEGING": "10",
        "POSTCODE": "8917 DD",
        "GEMEENTENUMMER": "0080",
        "GEMEENTENAAM": "LEEUWARDEN",
        "INTERNETADRES": "www.nhl.nl",
    }
    return tuple({**row, **changes}[name] for name in INSTITUTION_HEADER)


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"INSTELLINGSNAAM": "N" * 201}, "name [nl] is longer than 200 characters"),
        # A postcode used to be cut to its first seven characters.
        ({"POSTCODE": "8917 DD LEEUWARDEN"}, "postcode is longer than 7 characters"),
        (
            {"GEMEENTENUMMER": "0081", "GEMEENTENAAM": "L" * 101},
            "name [nl] is longer than 100 characters",
        ),
    ],
)
def test_over_long_institution_texts_are_rejected_with_the_fields_limit(
    changes, reason
):
    data = csv_bytes(
        INSTITUTION_HEADER, instelling("31FR"), instelling("30GB", **changes)
    )
    result = institutions_import(data=data, file_name="01.-instellingen-hbo-en-wo.csv")
    assert (result.created, result.rejected) == (1, 1)
    assert result.rejected_rows == [(3, reason)]
    assert list(Institution.objects.values_list("brin", flat=True)) == ["31FR"]
    assert list(Municipality.objects.values_list("code", flat=True)) == ["0080"]


def test_an_over_long_english_name_from_the_catalogue_is_rejected():
    programme = ProgrammeFactory(rio_code="1009O1234", name_en="Biology")
    header = ("SOORT", "OPLEIDINGSEENHEIDCODE", "VARIANT_VAN", "INTERNATIONALE_NAAM")
    header += ("BEGINDATUM", "VORM", "VOERTAAL", "WEBSITE", "OMSCHRIJVING")
    row = ("OPLEIDING", "1009O1234", "", "B" * 201, "", "", "ENG", "", "")
    result = programmes_enrich(
        data=csv_bytes(header, row), file_name="ho_opleidingsoverzicht.csv"
    )
    assert result.rejected_rows == [(2, "name [en] is longer than 200 characters")]
    programme.refresh_from_db()
    assert programme.name_en == "Biology"


CAREER_HEADER = ("croho_code", "level", "year", "record", "code", "value")
CAREER_HEADER += ("respondents", "name_nl", "name_en")


def career_rows(name_nl):
    return (
        ("66990", "WO-MA", "2023", "outcome", "", "", "150", "", ""),
        ("66990", "WO-MA", "2023", "occupation", "2310", "48", "", name_nl, ""),
    )


def test_an_over_long_occupation_name_is_rejected_with_the_reason():
    StudyFactory(croho_code="66990", level="WO-MA")
    data = csv_bytes(CAREER_HEADER, *career_rows("D" * 201))
    result = career_outcomes_import(data=data, file_name="careers.csv")
    assert result.rejected_rows == [(3, "name [nl] is longer than 200 characters")]
    assert not Occupation.objects.exists()


def test_the_command_lists_the_over_long_row_with_its_reason(tmp_path, capsys):
    StudyFactory(croho_code="66990", level="WO-MA")
    path = tmp_path / "careers.csv"
    path.write_bytes(csv_bytes(CAREER_HEADER, *career_rows("D" * 201)))
    call_command("import_careers", str(path), "--no-progress")
    out = capsys.readouterr().out
    assert (
        "rows: 2 read, 1 imported, 1 rejected; records: 1 new, 0 changed, 0 unchanged"
        in out
    )
    assert "line 3: name [nl] is longer than 200 characters" in out

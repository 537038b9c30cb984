"""A statistics file is read by the layout its header matches completely: a
renamed column never makes a file mean something else, it refuses the file."""

import pytest

from programmes.importing.statistics import enrolments_import
from programmes.models import Enrolment
from tests.programmes import test_import_refused_files as refused
from tests.programmes.test_import_refused_files import database_state, refusal

# The same programme and the good file already imported: what a refusal must keep.
programme = refused.programme
imported = refused.imported

GRADUATES_HEADER = (
    "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
    "OPLEIDINGSVORM;SOORT DIPLOMA;GESLACHT;2018;2019\n"
)
GRADUATES_ROWS = (
    "0546;Leiden;21PB;50700;voltijd onderwijs;wo bachelor;man;7;8\n"
    "0546;Leiden;21PB;50700;voltijd onderwijs;wo bachelor;vrouw;5;6\n"
)
FOUND = (
    "GEMEENTENUMMER, GEMEENTENAAM, BRIN NUMMER ACTUEEL, OPLEIDINGSCODE ACTUEEL, "
    "OPLEIDINGSVORM"
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_graduates_file_with_soort_diploma_renamed_is_refused(imported):
    """Read as first-years, it would overwrite every first-years count."""
    header = GRADUATES_HEADER.replace("SOORT DIPLOMA", "SOORT_DIPLOMA")
    assert refusal((header + GRADUATES_ROWS).encode()) == (
        "Line 1: column SOORT_DIPLOMA is not one of the layout first-years "
        "(long, by gender) (GEMEENTENUMMER, GEMEENTENAAM, BRIN NUMMER ACTUEEL, "
        "OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, GESLACHT, and one column per "
        "year such as 2019): was it renamed? The file is refused."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_graduates_file_is_still_read_as_graduates(programme):
    enrolments_import(
        data=(GRADUATES_HEADER + GRADUATES_ROWS).encode(), file_name="grad.csv"
    )
    assert sorted(Enrolment.objects.values_list("academic_year", "graduates")) == [
        (2018, 12),
        (2019, 14),
    ]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("renamed", ["Jaar 2019", "2O19", "0219"])
def test_a_year_column_that_is_not_a_year_is_refused(imported, renamed):
    data = (
        "GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
        f"OPLEIDINGSVORM;GESLACHT;2018;{renamed}\n"
        "0546;Leiden;21PB;50700;voltijd onderwijs;man;30;31\n"
        "0546;Leiden;21PB;50700;voltijd onderwijs;vrouw;4;3\n"
    ).encode()
    assert refusal(data) == (
        f"Line 1: column {renamed} is not one of the layout first-years "
        "(long, by gender) (GEMEENTENUMMER, GEMEENTENAAM, BRIN NUMMER ACTUEEL, "
        "OPLEIDINGSCODE ACTUEEL, OPLEIDINGSVORM, GESLACHT, and one column per "
        "year such as 2019): was it renamed? The file is refused."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_header_matching_no_layout_names_what_was_expected_and_found(imported):
    """GESLACHT renamed: no layout has all its columns; the separator is fine."""
    data = (
        b"GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
        b"OPLEIDINGSVORM;SEKSE;2018;2019\n"
        b"0546;Leiden;21PB;50700;voltijd onderwijs;man;30;31\n"
    )
    assert refusal(data) == (
        "Line 1: the header matches none of the statistics layouts completely. "
        "The closest, first-years (long, by gender), expects the columns "
        f"{FOUND}, GESLACHT, and one column per year such as 2019; missing: "
        f"GESLACHT. Columns found: {FOUND}, SEKSE, 2018, 2019."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_genders_written_m_and_v_leave_the_first_years_unknown(programme):
    """M/V is not DUO's man/vrouw: nobody is counted as a woman, the total is
    unknown and each row is rejected with its reason."""
    data = (
        b"GEMEENTENUMMER;GEMEENTENAAM;BRIN NUMMER ACTUEEL;OPLEIDINGSCODE ACTUEEL;"
        b"OPLEIDINGSVORM;GESLACHT;2018;2019\n"
        b"0546;Leiden;21PB;50700;voltijd onderwijs;M;30;31\n"
        b"0546;Leiden;21PB;50700;voltijd onderwijs;V;4;3\n"
    )
    result = enrolments_import(data=data, file_name="wo_inscriptions_2019.csv")
    assert result.rejected_rows == [
        (2, "unknown gender (man or vrouw)"),
        (3, "unknown gender (man or vrouw)"),
    ]
    assert not Enrolment.objects.exclude(first_years=None).exists()
    assert not Enrolment.objects.exclude(first_years_women=None).exists()

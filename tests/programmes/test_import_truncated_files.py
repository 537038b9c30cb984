"""A DUO file cut short, by a download or an editor, is refused: it ends as DUO's
files never do (every shipped file ends with a line break), or its last row is
shorter than the header."""

import pytest

from tests.programmes import test_import_refused_files as refused
from tests.programmes.test_import_refused_files import (
    GOOD,
    HBO,
    HEADER,
    database_state,
    refusal,
)

programme = refused.programme
imported = refused.imported

TWENTY_TWO = (
    HEADER
    + "0546;Leiden;21PB;50700;voltijd onderwijs;man;30;31\n"
    + "0546;Leiden;21PB;50700;voltijd onderwijs;vrouw;4;22\n"
).encode()
NO_LINE_BREAK = (
    "Line 3: the file does not end with a line break, as DUO's files do: its last "
    "value may be cut off, so it looks truncated. The file is refused."
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_cut_inside_the_last_number_is_refused(imported):
    """22 cut to 2: the row has all its columns, but no line break after it."""
    assert refusal(TWENTY_TWO[: -len("2\n")]) == NO_LINE_BREAK
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_file_with_windows_line_ends_cut_between_them_is_refused(imported):
    """DUO's wo files end every line with CR LF; one ending in CR alone was cut."""
    assert refusal(TWENTY_TWO.replace(b"\n", b"\r\n")[:-1]) == NO_LINE_BREAK
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_last_row_cut_short_and_followed_by_a_line_break_is_refused(imported):
    data = GOOD + b"0546;Leiden;21PB;50700\n"
    assert refusal(data) == (
        "Line 4: the file ends in the middle of a row (4 of 8 columns); it looks "
        "truncated."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_quoted_file_cut_inside_a_value_is_refused(programme):
    """The hbo layout quotes its values: a cut inside one, then a line break."""
    before = database_state()
    data = HBO + b'"2022","0546","Lei\n'
    assert refusal(data, "ingeschrevenenhbo.csv") == (
        "Line 4: the file ends in the middle of a row (3 of 6 columns); it looks "
        "truncated."
    )
    assert database_state() == before


@pytest.mark.django_db(transaction=True)
def test_a_complete_file_with_windows_line_ends_is_imported(programme):
    refused.enrolments_import(
        data=GOOD.replace(b"\n", b"\r\n"), file_name="wo_inscriptions_2019.csv"
    )
    assert refused.Enrolment.objects.count() == 2

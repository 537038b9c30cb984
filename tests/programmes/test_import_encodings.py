"""A file in an encoding the importer does not read (UTF-16, as Excel's "Unicode
text" saves it) is refused for its encoding, not as a truncated or malformed
file, and changes nothing."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.programmes import test_import_refused_files as refused
from tests.programmes.test_import_refused_files import GOOD, database_state, refusal

programme = refused.programme
imported = refused.imported

GRADUATES = "duo-gediplomeerden-wo-2014-2018/wo_gediplomeerden_2019.csv"
UTF_16 = (
    "The file cannot be read as text: expected UTF-8 (or Windows-1252, as in "
    "DUO's older files), found UTF-16. Save it as CSV in UTF-8 and try again. "
    "The file is refused."
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf_16_file_is_refused_for_its_encoding(imported, encoding):
    """With a byte order mark (utf-16) or without one (its NUL bytes tell)."""
    assert refusal(GOOD.decode().encode(encoding)) == UTF_16
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_the_command_refuses_a_shipped_file_saved_as_utf_16(programme, tmp_path):
    path = tmp_path / Path(GRADUATES).name
    shutil.copy(Path(settings.BASE_DIR) / "data" / GRADUATES, path)
    path.write_bytes(path.read_bytes().decode("utf-8").encode("utf-16"))
    before = database_state()
    with pytest.raises(CommandError) as error:
        call_command("import_statistics", str(path), "--no-progress")
    assert str(error.value) == f"{path.name}: {UTF_16}"
    assert database_state() == before


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("english")
def test_a_file_with_nul_bytes_is_refused_as_not_text(imported):
    data = GOOD.replace(b"Leiden", b"Lei\x00den", 1)
    assert refusal(data) == (
        "The file cannot be read as text: expected UTF-8 (or Windows-1252, as in "
        "DUO's older files), found binary data (NUL bytes, line 2). Save it as "
        "CSV in UTF-8 and try again. The file is refused."
    )
    assert database_state() == imported


@pytest.mark.django_db(transaction=True)
def test_the_refusal_is_in_dutch_for_a_dutch_user(imported):
    assert refusal(GOOD.decode().encode("utf-16")) == (
        "Het bestand is niet als tekst te lezen: verwacht is UTF-8 (of "
        "Windows-1252, zoals in de oudere bestanden van DUO), gevonden is UTF-16. "
        "Sla het op als CSV in UTF-8 en probeer het opnieuw. Het bestand is "
        "geweigerd."
    )
    assert database_state() == imported

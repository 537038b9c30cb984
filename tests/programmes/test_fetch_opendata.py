"""manage.py fetch_opendata against a local HTTP server, never the internet.

A good download replaces its file, keeps the previous copy, updates the manifest and
is imported; anything else (an HTML page, a 404, a file cut short, a wrong header, an
empty body) is refused with a message, a non-zero exit code and the data folder
byte for byte as it was.
"""

import hashlib
import io
import json
import shutil
import socket
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import ManagementUtility, call_command
from django.utils import translation

from programmes.models import ImportRun, Institution

ADRESSEN = "duo-adressen-ho/01.-instellingen-hbo-en-wo.csv"
ERKENNINGEN = "duo-rio-ho-erkenningen/ho_erkenningen_rio.csv"
SHIPPED = Path(settings.BASE_DIR) / "data"


@pytest.fixture(autouse=True)
def english(english):
    """The messages in their msgid form."""
    return english


@pytest.fixture
def opendata(tmp_path, settings):
    """A copy of the shipped institutions and programmes datasets as OPENDATA_DIR
    (importing just the small institutions file keeps the import tests quick)."""
    directory = tmp_path / "data"
    for folder in ("duo-adressen-ho", "duo-rio-ho-erkenningen"):
        shutil.copytree(SHIPPED / folder, directory / folder)
    shutil.copy(SHIPPED / "MANIFEST.json", directory / "MANIFEST.json")
    settings.OPENDATA_DIR = directory
    return directory


def serve(httpserver, settings, files: dict[str, bytes | tuple]):
    """Point OPENDATA_SOURCES at the local server, one URL per file.

    A value is the body (served as CSV) or (body, status, content type).
    """
    sources = []
    for number, (path, response) in enumerate(files.items()):
        body, status, content_type = (
            response if isinstance(response, tuple) else (response, 200, "text/csv")
        )
        url = f"/download/{number}/{Path(path).name}"
        httpserver.expect_request(url).respond_with_data(
            body, status=status, content_type=content_type
        )
        sources.append({"path": path, "url": httpserver.url_for(url)})
    settings.OPENDATA_SOURCES = sources


def snapshot(directory: Path) -> dict[str, bytes]:
    return {
        path.relative_to(directory).as_posix(): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def shipped(path: str) -> bytes:
    return (SHIPPED / path).read_bytes()


def renamed_leiden() -> bytes:
    """The institutions file as DUO might publish it next: one name changed."""
    data = shipped(ADRESSEN)
    assert data.count(b";Universiteit Leiden;") == 1
    return data.replace(b";Universiteit Leiden;", b";Universiteit Leiden (nieuw);")


def call(*args) -> str:
    """Run the command in this test's database; its standard output."""
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def fetch(capsys, *args) -> tuple[int, str, str]:
    """Run the command as `manage.py fetch_opendata` would: exit code, output."""
    try:
        ManagementUtility(["manage.py", "fetch_opendata", *args]).execute()
        code = 0
    except SystemExit as exit:
        code = exit.code
    out, err = capsys.readouterr()
    return code, out, err


def manifest_entry(directory: Path, path: str) -> dict:
    manifest = json.loads((directory / "MANIFEST.json").read_text(encoding="utf-8"))
    return next(entry for entry in manifest["files"] if entry["path"] == path)


# --- A good download -------------------------------------------------------------


@pytest.mark.django_db
def test_a_changed_file_replaces_the_old_one_which_is_kept_and_then_imported(
    opendata, httpserver, settings
):
    shutil.rmtree(opendata / "duo-rio-ho-erkenningen")
    new = renamed_leiden()
    serve(httpserver, settings, {ADRESSEN: new})
    out = call("fetch_opendata", "--no-progress")

    assert (opendata / ADRESSEN).read_bytes() == new
    previous = opendata / (ADRESSEN + ".previous")
    assert previous.read_bytes() == shipped(ADRESSEN)
    assert "54 rows, 15764 bytes; checksum changed (SHA-256 400fdfcf2bf2… → " in out
    assert (
        "Replaced duo-adressen-ho/01.-instellingen-hbo-en-wo.csv; the previous " in out
    )
    # The import ran on the new file.
    assert Institution.objects.get(brin="21PB").name_nl == "Universiteit Leiden (nieuw)"
    assert ImportRun.objects.get().checksum == hashlib.sha256(new).hexdigest()
    assert (
        "Done: rows: 54 read, 54 imported, 0 rejected; records: 54 new, 0 changed, "
        "0 unchanged." in out
    )


def test_the_manifest_records_the_new_size_checksum_and_address(
    opendata, httpserver, settings, capsys
):
    new = renamed_leiden()
    serve(httpserver, settings, {ADRESSEN: new})
    code, _out, err = fetch(capsys, "--no-import")

    assert code == 0, err
    entry = manifest_entry(opendata, ADRESSEN)
    assert entry["size"] == len(new)
    assert entry["sha256"] == hashlib.sha256(new).hexdigest()
    assert entry["source_url"] == settings.OPENDATA_SOURCES[0]["url"]
    assert entry["obtained_from"].startswith("manage.py fetch_opendata, ")
    assert entry["licence"] == "CC0-1.0"
    # The other entries are as they were.
    assert manifest_entry(opendata, ERKENNINGEN) == manifest_entry(SHIPPED, ERKENNINGEN)


@pytest.mark.django_db
def test_no_import_replaces_the_file_and_imports_nothing(
    opendata, httpserver, settings
):
    serve(httpserver, settings, {ADRESSEN: renamed_leiden()})
    out = call("fetch_opendata", "--no-import")

    assert (opendata / ADRESSEN).read_bytes() == renamed_leiden()
    assert "Not imported (--no-import): run import_opendata." in out
    assert not Institution.objects.exists()
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_an_unchanged_file_is_said_to_be_unchanged_and_nothing_is_done(
    opendata, httpserver, settings
):
    before = snapshot(opendata)
    serve(httpserver, settings, {ADRESSEN: shipped(ADRESSEN)})
    out = call("fetch_opendata")

    assert "54 rows, 15756 bytes; checksum unchanged (SHA-256 400fdfcf2bf2…)." in out
    assert "No file changed: nothing replaced or imported." in out
    assert snapshot(opendata) == before
    assert not ImportRun.objects.exists()


@pytest.mark.django_db
def test_a_dry_run_downloads_and_checks_but_changes_nothing(
    opendata, httpserver, settings
):
    before = snapshot(opendata)
    serve(httpserver, settings, {ADRESSEN: renamed_leiden()})
    out = call("fetch_opendata", "--dry-run")

    assert "checksum changed" in out
    assert "Dry run: no file was changed, nothing imported." in out
    assert snapshot(opendata) == before
    assert not Institution.objects.exists()


def test_a_file_without_a_known_address_is_skipped_with_the_reason(
    opendata, httpserver, settings, capsys
):
    serve(httpserver, settings, {ADRESSEN: shipped(ADRESSEN)})
    settings.OPENDATA_SOURCES = [
        *settings.OPENDATA_SOURCES,
        {"path": "duo-x/x.csv", "url": None, "why_no_url": "DUO never published it"},
    ]
    code, out, _err = fetch(capsys)

    assert code == 0
    assert "duo-x/x.csv: skipped, no download address (DUO never published it)." in out


def test_only_the_named_datasets_are_fetched(opendata, httpserver, settings, capsys):
    serve(
        httpserver,
        settings,
        {ADRESSEN: renamed_leiden(), ERKENNINGEN: ("gone", 404, "text/plain")},
    )
    code, out, err = fetch(capsys, "--no-import", "duo-adressen-ho")

    assert code == 0, err
    assert (opendata / ADRESSEN).read_bytes() == renamed_leiden()
    assert ERKENNINGEN not in out


def test_an_unknown_dataset_name_is_refused(opendata, capsys):
    code, _out, err = fetch(capsys, "duo-nonsense")

    assert code == 1
    assert "Unknown dataset(s) duo-nonsense; known: duo-adressen-ho" in err


# --- Refused downloads: nothing changes, exit code 1 -----------------------------


def cut_at_line(data: bytes, share: float) -> bytes:
    """The file up to the end of the line at about `share` of its length."""
    return data[: data.index(b"\n", int(len(data) * share)) + 1]


HTML_PAGE = b"<!DOCTYPE html><html><body><h1>Er ging iets mis</h1></body></html>"
REFUSED = {
    "an HTML error page": (
        (HTML_PAGE, 200, "text/html"),
        "sent an HTML page, not a CSV file (an error or login page?).",
    ),
    "an HTML page said to be CSV": (
        (b"\n  " + HTML_PAGE, 200, "text/csv"),
        "sent an HTML page, not a CSV file",
    ),
    "a 404": (("Not Found", 404, "text/plain"), "answered HTTP 404 (NOT FOUND)."),
    "a server error": (("oops", 500, "text/plain"), "answered HTTP 500"),
    "an empty body": ((b"", 200, "text/csv"), f"{ADRESSEN}: the download is empty."),
    "a file cut in the middle of a row": (
        shipped(ADRESSEN)[:-700],
        f"{ADRESSEN}: Line 53: the file ends in the middle of a row (9 of 30 columns)",
    ),
    "a file cut at a line end to a fraction": (
        cut_at_line(shipped(ADRESSEN), 0.3),
        f"{ADRESSEN}: the download has 4",
    ),
    "a renamed column": (
        shipped(ADRESSEN).replace(b";INSTELLINGSNAAM;", b";NAAM;", 1),
        f"{ADRESSEN}: Line 1: the header lacks the column(s) INSTELLINGSNAAM",
    ),
    "another separator": (
        shipped(ADRESSEN).replace(b";", b"|"),
        "the header lacks the column(s) SOORT HO, INSTELLINGSCODE",
    ),
    "another dataset's file": (
        shipped(ERKENNINGEN),
        "the header lacks the column(s) SOORT HO",
    ),
}


@pytest.mark.parametrize("response, message", REFUSED.values(), ids=REFUSED.keys())
def test_a_bad_download_is_refused_and_changes_nothing(
    opendata, httpserver, settings, capsys, response, message
):
    before = snapshot(opendata)
    serve(httpserver, settings, {ADRESSEN: response})
    code, out, err = fetch(capsys)

    assert code == 1
    assert message in err
    assert f"1 download(s) refused: nothing was changed in {opendata}." in err
    assert "Replaced" not in out
    assert snapshot(opendata) == before


def test_a_statistics_file_is_checked_against_its_layout(
    tmp_path, httpserver, settings, capsys
):
    """The importer's own layout rules: an enrolment file without its BRIN column."""
    path = "duo-ingeschrevenen-hbo-2020-2024/ingeschrevenenhbo.csv"
    directory = tmp_path / "data"
    shutil.copytree(SHIPPED / Path(path).parent, directory / Path(path).parent)
    settings.OPENDATA_DIR = directory
    before = snapshot(directory)
    bad = shipped(path).replace(b'"INSTELLINGSCODE_ACTUEEL"', b'"BRIN"', 1)
    serve(httpserver, settings, {path: bad})
    code, _out, err = fetch(capsys)

    assert code == 1
    assert "missing: INSTELLINGSCODE_ACTUEEL." in err
    assert snapshot(directory) == before


def test_one_bad_download_keeps_the_good_ones_out_too(
    opendata, httpserver, settings, capsys
):
    """Files are replaced together or not at all: no new programmes file beside
    institutions that could not be refreshed."""
    before = snapshot(opendata)
    serve(
        httpserver,
        settings,
        {ADRESSEN: ("Not Found", 404, "text/plain"), ERKENNINGEN: shipped(ERKENNINGEN)},
    )
    code, out, err = fetch(capsys)

    assert code == 1
    assert "6747 rows" in out
    assert "answered HTTP 404" in err
    assert snapshot(opendata) == before


def test_a_download_larger_than_the_limit_is_refused(
    opendata, httpserver, settings, capsys
):
    settings.OPENDATA_FETCH_MAX_BYTES = 10_000
    before = snapshot(opendata)
    serve(httpserver, settings, {ADRESSEN: renamed_leiden()})
    code, _out, err = fetch(capsys)

    assert code == 1
    assert "sent more than 10000 bytes; refused." in err
    assert snapshot(opendata) == before


@pytest.fixture
def cut_off_server():
    """A server that promises the whole file and closes the connection after 2 kB
    (pytest-httpserver always sends what it promises). Yields its URL."""
    listener = socket.create_server(("127.0.0.1", 0))
    body = renamed_leiden()

    def answer_once():
        connection, _address = listener.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/csv\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body) + body[:2048]
            )

    thread = threading.Thread(target=answer_once, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/adressen.csv"
    thread.join(timeout=5)
    listener.close()


def test_a_transfer_cut_off_by_the_server_is_refused(
    opendata, settings, capsys, cut_off_server
):
    """A closed connection reads as a short file without an error: the length
    the server announced gives it away, before any check of the content."""
    settings.OPENDATA_SOURCES = [{"path": ADRESSEN, "url": cut_off_server}]
    before = snapshot(opendata)
    code, _out, err = fetch(capsys)

    assert code == 1
    assert f"{cut_off_server} stopped sending after 2048 of 15764 bytes." in err
    assert snapshot(opendata) == before


def test_an_address_that_is_not_http_is_refused(opendata, settings, capsys):
    settings.OPENDATA_SOURCES = [
        {"path": ADRESSEN, "url": f"file://{SHIPPED / ADRESSEN}"}
    ]
    code, _out, err = fetch(capsys)

    assert code == 1
    assert "is not an http(s) address." in err


def test_an_unreachable_server_is_refused(opendata, settings, capsys):
    settings.OPENDATA_SOURCES = [{"path": ADRESSEN, "url": "http://127.0.0.1:9/x.csv"}]
    before = snapshot(opendata)
    code, _out, err = fetch(capsys)

    assert code == 1
    assert "Could not download http://127.0.0.1:9/x.csv: " in err
    assert snapshot(opendata) == before


def test_a_refusal_is_explained_in_dutch_too(opendata, httpserver, settings, capsys):
    serve(httpserver, settings, {ADRESSEN: (HTML_PAGE, 200, "text/html")})
    with translation.override("nl"):
        code, _out, err = fetch(capsys)

    assert code == 1
    assert (
        "stuurde een HTML-pagina, geen CSV-bestand (een fout- of inlogpagina?)" in err
    )

"""The DUO files shipped in data/ are exactly the ones MANIFEST.json describes.

Editing, adding or removing a file without updating the manifest fails here, and so
does git rewriting a file's line endings on checkout (data/.gitattributes).
"""

import hashlib
import json
from pathlib import Path

import pytest
from django.conf import settings

from programmes.importing.runner import SERVICES, opendata_files

DATA = Path(settings.BASE_DIR) / "data"
# Documentation beside the data; PROVENANCE.md describes the snapshot first shipped.
# DUO publishes CC0; CBS (StatLine) CC BY 4.0, which obliges every page to name it.
LICENCES = {
    ("DUO (Dienst Uitvoering Onderwijs)", "CC0-1.0"),
    ("CBS (Centraal Bureau voor de Statistiek)", "CC-BY-4.0"),
    # Coordinates of places (data/geonames-nl), for distances: CC BY 4.0 too.
    ("GeoNames (geonames.org)", "CC-BY-4.0"),
}
NOT_DATA = {"README.md", "MANIFEST.json", ".gitattributes", "PROVENANCE.md"}


def manifest() -> dict:
    return json.loads((DATA / "MANIFEST.json").read_text(encoding="utf-8"))


def shipped_files() -> set[str]:
    """Every data file in data/, except the previous copies fetch_opendata keeps
    (ignored by git)."""
    return {
        path.relative_to(DATA).as_posix()
        for path in DATA.rglob("*")
        if path.is_file()
        and path.name not in NOT_DATA
        and not path.name.endswith(".previous")
    }


def test_opendata_dir_is_the_repositorys_data_folder_by_default():
    assert Path(settings.OPENDATA_DIR).resolve() == DATA.resolve()


def test_the_manifest_lists_every_shipped_file_and_no_other():
    listed = [entry["path"] for entry in manifest()["files"]]
    assert len(listed) == len(set(listed))
    assert set(listed) == shipped_files()


@pytest.mark.parametrize("entry", manifest()["files"], ids=lambda entry: entry["path"])
def test_each_file_has_the_size_and_checksum_in_the_manifest(entry):
    data = (DATA / entry["path"]).read_bytes()
    assert len(data) == entry["size"]
    assert hashlib.sha256(data).hexdigest() == entry["sha256"]


@pytest.mark.parametrize("entry", manifest()["files"], ids=lambda entry: entry["path"])
def test_each_file_says_its_licence_publisher_and_origin(entry):
    assert (entry["publisher"], entry["licence"]) in LICENCES
    assert entry["obtained_from"]
    assert entry["source_url"] is None or entry["source_url"].startswith("https://")
    assert (DATA / entry["path"]).parent.joinpath("PROVENANCE.md").is_file()


def test_every_imported_duo_dataset_is_shipped():
    imported = {
        path.parent.name
        for path, service in opendata_files(DATA)
        if service in SERVICES.values()
    }
    assert imported == set(SERVICES)


def test_every_download_address_is_the_one_the_manifest_records():
    """settings.OPENDATA_SOURCES is the one list fetch_opendata reads; the manifest
    records where each shipped copy came from: they must not disagree."""
    recorded = {entry["path"]: entry["source_url"] for entry in manifest()["files"]}
    for source in settings.OPENDATA_SOURCES:
        assert source["path"] in recorded, source["path"]
        assert recorded[source["path"]] == source["url"], source["path"]
        if source["url"] is None:
            assert source["why_no_url"]


def test_every_imported_file_has_a_download_source():
    sources = {source["path"] for source in settings.OPENDATA_SOURCES}
    imported = {
        path.relative_to(DATA).as_posix()
        for path, service in opendata_files(DATA)
        if service in SERVICES.values()
    }
    assert sources == imported


def test_git_never_converts_the_data_files():
    """`* -text`: line endings and encodings reach a clone exactly as DUO wrote them
    (some files are cp1252 or latin-1 with CRLF)."""
    rules = (DATA / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "* -text" in rules
    crlf = DATA / "duo-eerstejaars-wo-2013-2017" / "eerstejaars.csv"
    assert crlf.read_bytes().count(b"\r\n") == 1463

"""Where the open data files live and what the manifest says of them.

The files are written under settings.OPEN_DATA_ROOT (MEDIA_ROOT/opendata by
default) each to a temporary name first and then renamed (`os.replace`, atomic
on one file system), so a download never reads a half-written file; the
manifest is renamed last, so it only names finished files.
"""

import datetime
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

PROGRAMMES = "programmes.csv"
DICTIONARY = "dictionary.csv"
SOURCES = "sources.csv"
README = "README.txt"
ARCHIVE = "keuzewijzer-open-data.zip"
MANIFEST = "manifest.json"
# The files the page offers, in its order; the archive holds the others.
OFFERED = (ARCHIVE, PROGRAMMES, DICTIONARY, SOURCES)


@dataclass(frozen=True)
class GeneratedFile:
    name: str
    size: int
    sha256: str
    generated_at: datetime.datetime


def open_data_root() -> Path:
    return Path(settings.OPEN_DATA_ROOT)


def atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)  # mkstemp's 0600: public files, readable
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def describe(name: str, data: bytes, generated_at: datetime.datetime) -> dict:
    return {
        "name": name,
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "generated_at": generated_at.isoformat(),
    }


def generated_files() -> dict[str, GeneratedFile]:
    """The files of the last export, by name; empty when none was made yet."""
    try:
        manifest = json.loads((open_data_root() / MANIFEST).read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return {
        entry["name"]: GeneratedFile(
            name=entry["name"],
            size=entry["size"],
            sha256=entry["sha256"],
            generated_at=datetime.datetime.fromisoformat(entry["generated_at"]),
        )
        for entry in manifest["files"]
    }

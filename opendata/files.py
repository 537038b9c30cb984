"""Where the open data files live and what the manifest says of them.

They are in the storage STORAGES["opendata"], the same for every app server: a
folder (settings.OPEN_DATA_ROOT, MEDIA_ROOT/opendata by default) or, with
AWS_STORAGE_BUCKET_NAME, the bucket under "open-data/" (portal/settings/env.py).
Each file replaces the old one whole (opendata/storage.py; an S3 PUT), so a
download never reads a half-written file; the manifest is written last, so it
only names finished files.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages

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


def open_data_storage() -> Storage:
    return storages["opendata"]


def write(name: str, data: bytes) -> None:
    """Store `data` as `name`, replacing the file of the last export."""
    saved = open_data_storage().save(name, ContentFile(data))
    if saved != name:  # a storage that renames instead of replacing
        raise RuntimeError(f"The open data storage saved {name} as {saved}")


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
        with open_data_storage().open(MANIFEST, "rb") as file:
            manifest = json.loads(file.read().decode("utf-8"))
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

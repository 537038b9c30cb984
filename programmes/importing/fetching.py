"""Fetching DUO's current files into OPENDATA_DIR, checked before they replace any.

A download is held in a temporary folder until every check has passed: it must be
a non-empty CSV file, not an HTML page, not much smaller than the copy it would
replace, and readable by its own import service (the same header and truncation
checks, runner.dataset_file_check). Only then is the current copy kept beside it as
`<name>.previous`, the file replaced in one rename and its entry in MANIFEST.json
(size, SHA-256, where it came from) rewritten.
"""

import hashlib
import json
import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from http.client import HTTPException
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from .csvfile import ImportFileError
from .runner import SERVICES, dataset_file_check
from .sources import DUO

MANIFEST = "MANIFEST.json"
PREVIOUS_SUFFIX = ".previous"
LICENCE = "CC0-1.0"
# A download less than half the size of the copy it replaces is far more likely an
# interrupted transfer than DUO dropping half its rows.
MIN_SHARE_OF_CURRENT = 0.5
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body")
USER_AGENT = "keuzewijzer fetch_opendata"


class FetchError(Exception):
    """A download that must not replace its dataset file; the message says why."""


@dataclass(frozen=True)
class Source:
    """One file of OPENDATA_SOURCES: its path under OPENDATA_DIR and DUO's URL."""

    path: str
    url: str | None
    why_no_url: str = ""

    @property
    def dataset(self) -> str:
        return self.path.split("/", 1)[0]


@dataclass(frozen=True)
class Download:
    """A checked download, waiting in a temporary folder."""

    source: Source
    file: Path
    size: int
    sha256: str
    rows: int
    current_sha256: str | None  # None when there is no copy yet

    @property
    def changed(self) -> bool:
        return self.sha256 != self.current_sha256


def opendata_sources(*, only: Iterable[str] = ()) -> list[Source]:
    """The sources in settings.OPENDATA_SOURCES; with `only`, those whose dataset
    folder or path is named there (an unknown name is a FetchError)."""
    sources = [Source(**entry) for entry in settings.OPENDATA_SOURCES]
    names = list(only)
    if not names:
        return sources
    known = {source.dataset for source in sources} | {s.path for s in sources}
    if unknown := [name for name in names if name not in known]:
        raise FetchError(
            _("Unknown dataset(s) %(names)s; known: %(known)s.")
            % {
                "names": ", ".join(unknown),
                "known": ", ".join(sorted(s.dataset for s in sources)),
            }
        )
    return [s for s in sources if s.dataset in names or s.path in names]


def source_download(
    *,
    source: Source,
    directory: Path,
    into: Path,
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Download:
    """Download `source` into the folder `into` and check it; FetchError if bad.

    `directory` is OPENDATA_DIR, whose current copy the download is compared with;
    nothing in it is changed.
    """
    if source.url is None:
        raise FetchError(
            _("%(path)s has no download address: %(reason)s.")
            % {"path": source.path, "reason": source.why_no_url}
        )
    data = _get(
        source.url,
        timeout=timeout or settings.OPENDATA_FETCH_TIMEOUT,
        max_bytes=max_bytes or settings.OPENDATA_FETCH_MAX_BYTES,
    )
    current = directory / source.path
    current_data = current.read_bytes() if current.exists() else None
    rows = _check(source, data, current_data)
    file = into / source.path.replace("/", "__")
    file.write_bytes(data)
    return Download(
        source=source,
        file=file,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        rows=rows,
        current_sha256=(
            hashlib.sha256(current_data).hexdigest()
            if current_data is not None
            else None
        ),
    )


def downloads_install(
    *, downloads: Iterable[Download], directory: Path, when: datetime
) -> list[Path]:
    """Replace each changed file by its download, keeping the current copy as
    `<name>.previous`, and record it in MANIFEST.json. Returns the replaced paths."""
    downloads = list(downloads)
    replaced = []
    for download in downloads:
        if not download.changed:
            continue
        target = directory / download.source.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            _copy_atomically(target, target.with_name(target.name + PREVIOUS_SUFFIX))
        _copy_atomically(download.file, target)
        replaced.append(target)
    manifest_record(
        directory=directory,
        downloads=[d for d in downloads if d.changed],
        when=when,
    )
    return replaced


def manifest_record(
    *, directory: Path, downloads: Iterable[Download], when: datetime
) -> None:
    """Write each download's size, checksum and origin into MANIFEST.json."""
    downloads = list(downloads)
    if not downloads:
        return
    path = directory / MANIFEST
    manifest = (
        json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"files": []}
    )
    entries = {entry["path"]: entry for entry in manifest["files"]}
    for download in downloads:
        entry = entries.get(download.source.path)
        if entry is None:
            entry = {"path": download.source.path, "licence": LICENCE, "publisher": DUO}
            manifest["files"].append(entry)
        entry.update(
            size=download.size,
            sha256=download.sha256,
            source_url=download.source.url,
            obtained_from=f"manage.py fetch_opendata, {when:%Y-%m-%d %H:%M %Z}".strip(),
        )
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    _write_atomically(path, text.encode("utf-8"))


def _get(url: str, *, timeout: float, max_bytes: int) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise FetchError(_("%(url)s is not an http(s) address.") % {"url": url})
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            declared = response.headers.get("Content-Length", "")
            data = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise FetchError(
            _("%(url)s answered HTTP %(status)s (%(reason)s).")
            % {"url": url, "status": error.code, "reason": error.reason}
        ) from None
    except (urllib.error.URLError, HTTPException, OSError) as error:
        reason = getattr(error, "reason", None) or error
        raise FetchError(
            _("Could not download %(url)s: %(error)s.") % {"url": url, "error": reason}
        ) from None
    if len(data) > max_bytes:
        raise FetchError(
            _("%(url)s sent more than %(limit)s bytes; refused.")
            % {"url": url, "limit": max_bytes}
        )
    if declared.isdigit() and len(data) < int(declared):
        # A connection closed early reads as a short body, without an error.
        raise FetchError(
            _("%(url)s stopped sending after %(size)s of %(declared)s bytes.")
            % {"url": url, "size": len(data), "declared": declared}
        )
    if content_type == "text/html" or data.lstrip()[:16].lower().startswith(
        HTML_STARTS
    ):
        raise FetchError(
            _("%(url)s sent an HTML page, not a CSV file (an error or login page?).")
            % {"url": url}
        )
    return data


def _check(source: Source, data: bytes, current: bytes | None) -> int:
    """The number of data rows; FetchError when the download cannot replace the
    current copy."""
    if not data.strip():
        raise FetchError(_("%(path)s: the download is empty.") % {"path": source.path})
    if current is not None and len(data) < len(current) * MIN_SHARE_OF_CURRENT:
        raise FetchError(
            _(
                "%(path)s: the download has %(size)s bytes, less than half of the "
                "current copy's %(current)s; it may be cut short."
            )
            % {"path": source.path, "size": len(data), "current": len(current)}
        )
    if source.dataset not in SERVICES:
        raise FetchError(
            _("%(path)s: no import reads the folder %(folder)s.")
            % {"path": source.path, "folder": source.dataset}
        )
    try:
        table = dataset_file_check(dataset=source.dataset, data=data)
    except ImportFileError as error:
        raise FetchError(f"{source.path}: {error}") from None
    return len(table)


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy beside the target, then rename: a reader sees the old or the new file."""
    temporary = _beside(target)
    try:
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = _beside(target)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _beside(target: Path) -> Path:
    """A temporary name in the target's folder (a rename never crosses disks)."""
    return target.with_name(f".{target.name}.{os.getpid()}.new")

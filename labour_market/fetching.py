"""CBS's current labour-market tables fetched into OPENDATA_DIR, checked first.

Like DUO's files (programmes/importing/fetching.py), a fetched table replaces
nothing until every file of both tables has been written and read back by the
importer: then each changed file's current copy is kept beside it as
`<name>.previous`, the file is replaced in one rename, the folder's
PROVENANCE.md is rewritten (when, from where, the licence) and MANIFEST.json
gets the file's size, SHA-256 and origin. The files go to their own folder,
FOLDER: the shipped 2015/'16 copies stay as they were obtained, and the full
import, which takes files by path, reads the fetched folder after them.
"""

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from programmes.importing.fetching import MANIFEST, PREVIOUS_SUFFIX

from .importing import CBS, CbsTable
from .odata import FetchedTable, table_fetch
from .statline_csv import file_check, file_contents

FOLDER = "cbs-arbeidsmarkt-ho-current"
PROVENANCE = "PROVENANCE.md"
LICENCE = "CC-BY-4.0"


@dataclass(frozen=True)
class CbsDownload:
    """One of the shipped files, written from a fetched table and checked."""

    path: str  # under OPENDATA_DIR
    fetched: FetchedTable
    data: bytes
    rows: int
    current_sha256: str | None  # None when there is no copy yet

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def changed(self) -> bool:
        return self.sha256 != self.current_sha256


def table_downloads(*, table: CbsTable, directory: Path) -> list[CbsDownload]:
    """The table fetched from CBS and split into its files, each read back as the
    import reads it; FetchError if anything is wrong. Nothing is written."""
    fetched = table_fetch(table=table)
    downloads = []
    for name, data in file_contents(fetched).items():
        path = f"{FOLDER}/{name}"
        current = directory / path
        downloads.append(
            CbsDownload(
                path=path,
                fetched=fetched,
                data=data,
                rows=file_check(name, data, table),
                current_sha256=(
                    hashlib.sha256(current.read_bytes()).hexdigest()
                    if current.is_file()
                    else None
                ),
            )
        )
    return downloads


def downloads_install(
    *, downloads: Iterable[CbsDownload], directory: Path, when: datetime
) -> list[Path]:
    """Replace each changed file, keeping its current copy as `<name>.previous`;
    rewrite PROVENANCE.md and the files' MANIFEST.json entries. The replaced paths."""
    downloads = list(downloads)
    changed = [download for download in downloads if download.changed]
    replaced = []
    for download in changed:
        target = directory / download.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            previous = target.with_name(target.name + PREVIOUS_SUFFIX)
            _write_atomically(previous, target.read_bytes())
        _write_atomically(target, download.data)
        replaced.append(target)
    if changed:
        provenance = directory / FOLDER / PROVENANCE
        _write_atomically(provenance, provenance_text(downloads, when).encode("utf-8"))
        _manifest_record(directory=directory, downloads=changed, when=when)
    return replaced


def provenance_text(downloads: list[CbsDownload], when: datetime) -> str:
    """The folder's PROVENANCE.md: a repository document, in English like the others."""
    tables = list({d.fetched.table.code: d.fetched for d in downloads}.values())
    lines = [
        "# CBS – graduates of higher education on the labour market, current "
        "periods, national, per sector and level",
        "",
        f"Written by `manage.py fetch_cbs` on {when:%Y-%m-%d %H:%M %Z}; the next "
        "fetch rewrites it.",
        "",
        "Real figures from Statistics Netherlands (CBS, StatLine), **licence CC BY "
        '4.0**: any use must name the source, e.g. "Bron: CBS, StatLine 85776NED" / '
        '"Source: Statistics Netherlands (CBS)". They are national figures per sector '
        '(CBS "studierichting") and level, never a figure of one programme.',
        "",
        "Fetched from CBS's OData service with `cbsodata` (CBS's client), filtered "
        "to the slice of `cbs-arbeidsmarkt-ho-2015-16/`: Persoonskenmerken "
        '"Geen internationale student"; Bedrijfstakken "A-U Alle economische '
        'activiteiten"; hbo and wo bachelors and masters; the ten CROHO sectors '
        "(CBS's Totaal of them in the wage total file); Geslacht Totaal, Mannen, "
        "Vrouwen; every Peilmoment; every period.",
        "",
        "| table | title | modified by CBS | address | periods |",
        "| --- | --- | --- | --- | --- |",
        *(
            f"| {t.table.code} | {t.title} | {t.modified or '-'} | {t.url} | "
            f"{', '.join(t.periods)} |"
            for t in tables
        ),
        "",
        "## Files",
        "Written as StatLine exports them, like the shipped 2015/'16 files: UTF-8 with "
        "BOM, `;`-separated, every field quoted, CRLF; values right-aligned in eight "
        'characters (`"    1240"`); a suppressed cell is `"       ."` (no value, '
        "never 0), and so is a cell that cannot occur, which StatLine's export "
        "leaves empty (CBS's data set gives null for both).",
        "",
        "| file | CBS table | rows | sha256 |",
        "| --- | --- | ---: | --- |",
        *(
            f"| `{Path(d.path).name}` | {d.fetched.table.code} | {d.rows:,} | "
            f"`{d.sha256}` |"
            for d in downloads
        ),
        "",
    ]
    return "\n".join(lines)


def _manifest_record(
    *, directory: Path, downloads: list[CbsDownload], when: datetime
) -> None:
    path = directory / MANIFEST
    manifest = (
        json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"files": []}
    )
    entries = {entry["path"]: entry for entry in manifest["files"]}
    for download in downloads:
        entry = entries.get(download.path)
        if entry is None:
            entry = {"path": download.path, "licence": LICENCE, "publisher": CBS}
            manifest["files"].append(entry)
        fetched = download.fetched
        entry.update(
            size=download.size,
            sha256=download.sha256,
            source_url=fetched.url,
            obtained_from=(
                f"manage.py fetch_cbs, {when:%Y-%m-%d %H:%M %Z}".strip()
                + f" (CBS OData with cbsodata; table modified {fetched.modified or '?'})"
            ),
        )
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    _write_atomically(path, text.encode("utf-8"))


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a reader sees the old or the new file."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.new")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)

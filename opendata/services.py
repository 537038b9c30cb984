"""Writing the open data files: the published catalogue with its figures.

Every programme is read as its page reads it (`public.presenters.programme_page`)
and written as the API writes it (`api.representations.programme_detail_data`),
so the files, the API and the pages cannot disagree. That costs the page's
queries per programme (docs/API.md, "Bulk downloads", has the time on the real
catalogue): fine for a job that runs after an import, not in a request.
"""

import io
import json
import logging
import zipfile
from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils import timezone, translation

from api.licences import source_licence
from api.representations import programme_detail_data
from exports.writers import Column, csv_stream
from programmes.models import DataSource, Programme
from public.presenters import programme_page, programmes_for_page

from . import files
from .columns import FIGURES, PROGRAMME_COLUMNS, programme_figure, programme_row

logger = logging.getLogger(__name__)
DICTIONARY_HEADER = ("column", "meaning_en", "meaning_nl", "unit", "source")
SOURCES_HEADER = (
    "key",
    "name_en",
    "name_nl",
    "publisher",
    "kind",
    "url",
    "demo",
    "licence",
    "licence_url",
    "attribution",
)


class _Table:
    def __init__(self, header, rows):
        self.title = ""
        self.columns = [Column(label) for label in header]
        self.rows = rows


def _csv(header, rows) -> bytes:
    return b"".join(csv_stream(_Table(header, rows)))


def published_details() -> Iterator[dict]:
    """Every published programme as the API writes it, in a stable order."""
    programmes = programmes_for_page(Programme.objects).order_by(
        "institution__brin", "study__croho_code", "form", "location_code", "pk"
    )
    for programme in programmes.iterator(chunk_size=500):
        yield programme_detail_data(programme_page(programme))


def _dictionary_rows():
    for column in PROGRAMME_COLUMNS:
        meanings = {}
        for language in ("en", "nl"):
            with translation.override(language):
                meanings[language] = column.meaning()
        yield (
            column.name,
            meanings["en"],
            meanings["nl"],
            column.unit,
            column.source,
        )


def _source_rows(source_keys: set[str]):
    for source in DataSource.objects.filter(key__in=source_keys).order_by("key"):
        licence = source_licence(source)
        with translation.override("en"):
            licence_name, attribution = str(licence.name), str(licence.attribution)
        yield (
            source.key,
            source.name_en,
            source.name_nl,
            source.publisher,
            source.kind,
            source.url,
            "false" if source.is_real else "true",
            licence.code or licence_name,
            licence.url,
            attribution,
        )


def open_data_export() -> dict[str, files.GeneratedFile]:
    """Write every open data file and the manifest; return what was written."""
    generated_at = timezone.now().replace(microsecond=0)
    rows, source_keys = [], set()
    for detail in published_details():
        rows.append(programme_row(detail))
        # The figures' sources and the page's others (CBS's labour-market
        # context), which decide the row's demo flag too.
        cited = [programme_figure(detail, figure)["source"] for figure in FIGURES]
        source_keys.update(s["key"] for s in (*cited, *detail["sources"]) if s)
    contents = {
        files.PROGRAMMES: _csv([c.name for c in PROGRAMME_COLUMNS], rows),
        files.DICTIONARY: _csv(DICTIONARY_HEADER, _dictionary_rows()),
        files.SOURCES: _csv(SOURCES_HEADER, _source_rows(source_keys)),
    }
    with translation.override("en"):
        contents[files.README] = render_to_string(
            "opendata/README.txt",
            {"generated_at": generated_at, "programme_count": len(rows)},
        ).encode()
    contents[files.ARCHIVE] = _zip(contents)
    for name, data in contents.items():
        files.write(name, data)
    entries = [
        files.describe(name, data, generated_at) for name, data in contents.items()
    ]
    files.write(
        files.MANIFEST,
        json.dumps(
            {"generated_at": generated_at.isoformat(), "files": entries}, indent=2
        ).encode(),
    )
    logger.info("Open data written: %s programmes", len(rows))
    return files.generated_files()


def _zip(contents: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    return buffer.getvalue()

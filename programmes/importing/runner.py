"""Which service imports which file, and the order of a full import."""

from collections.abc import Callable
from functools import partial
from pathlib import Path

from programmes.signals import records_imported

from .base import ImportResult
from .csvfile import CsvTable, ImportFileError, read_csv
from .institutions import (
    INSTITUTION_COLUMNS,
    institutions_import,
    municipalities_import,
)
from .programme_details import CATALOGUE_COLUMNS, programmes_enrich
from .programmes import PROGRAMME_COLUMNS, programmes_import
from .sources import DATASETS
from .statistics import enrolments_import, statistics_read

SERVICES: dict[str, Callable[..., ImportResult]] = {
    "duo-adressen-ho": institutions_import,
    "duo-rio-ho-erkenningen": programmes_import,
    "duo-rio-ho-opleidingsoverzicht": programmes_enrich,
    "duo-eerstejaars-wo-2013-2017": enrolments_import,
    "duo-eerstejaars-wo-2015-2019": enrolments_import,
    "duo-gediplomeerden-wo-2014-2018": enrolments_import,
    "duo-ingeschrevenen-hbo-2020-2024": enrolments_import,
}

# How each service reads and checks its file before writing anything: a download
# is checked with these before it replaces a dataset file (fetching.py).
READERS: dict[Callable[..., ImportResult], Callable[[bytes], CsvTable]] = {
    institutions_import: partial(
        read_csv, required=INSTITUTION_COLUMNS, final_line_break=True
    ),
    programmes_import: partial(
        read_csv, required=PROGRAMME_COLUMNS, final_line_break=True
    ),
    programmes_enrich: partial(
        read_csv, required=CATALOGUE_COLUMNS, final_line_break=True
    ),
    enrolments_import: lambda data: statistics_read(data)[0],
}


def dataset_file_check(*, dataset: str, data: bytes) -> CsvTable:
    """Read a dataset's file as its import would; ImportFileError if it cannot be.

    `dataset` is the dataset's folder (a key of SERVICES).
    """
    return READERS[SERVICES[dataset]](data)


def opendata_files(directory: Path) -> list[tuple[Path, Callable[..., ImportResult]]]:
    """The dataset files in import order: institutions, programmes, statistics.

    The statistics files are read once before the programmes for their municipality
    codes (RIO names municipalities without a code). The older first-years series
    comes before the newer one, which replaces the years they share (see
    enrolments_import).
    """
    files = []
    for dataset in DATASETS:
        path = directory / dataset.directory / dataset.file_name
        if path.exists():
            files.append((path, SERVICES[dataset.key]))
    statistics = [
        (path, municipalities_import)
        for path, service in files
        if service is enrolments_import
    ]
    return files[:1] + statistics + files[1:]


def import_file(
    path: Path, service, *, user=None, progress=None, refresh=True, **options
) -> ImportResult:
    """Import one file; then bring the listing summaries up to date (unless told not
    to, e.g. by a run of several files that refreshes once at the end)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(str(error)) from None
    result = service(
        data=data, file_name=path.name, user=user, progress=progress, **options
    )
    if refresh:
        records_imported.send(sender=import_file)
    return result

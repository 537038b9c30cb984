"""Which service imports which file, and the order of a full import."""

from collections.abc import Callable
from pathlib import Path

from programmes.signals import records_imported

from .base import ImportResult
from .csvfile import ImportFileError
from .institutions import institutions_import, municipalities_import
from .programme_details import programmes_enrich
from .programmes import programmes_import
from .sources import DATASETS
from .statistics import enrolments_import

SERVICES: dict[str, Callable[..., ImportResult]] = {
    "duo-adressen-ho": institutions_import,
    "duo-rio-ho-erkenningen": programmes_import,
    "duo-rio-ho-opleidingsoverzicht": programmes_enrich,
    "duo-eerstejaars-wo-2013-2017": enrolments_import,
    "duo-eerstejaars-wo-2015-2019": enrolments_import,
    "duo-gediplomeerden-wo-2014-2018": enrolments_import,
    "duo-ingeschrevenen-hbo-2020-2024": enrolments_import,
}


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

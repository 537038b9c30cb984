"""Which service imports which file, and the order of a full import."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.utils.translation import gettext, gettext_noop

from programmes.geography import PLACES_FILE
from programmes.signals import records_imported

from .base import ImportResult
from .csvfile import CsvTable, ImportFileError, read_csv, read_header
from .institutions import (
    INSTITUTION_COLUMNS,
    institutions_import,
    municipalities_import,
)
from .planner import planner_statistics_refresh
from .programme_details import CATALOGUE_COLUMNS, programmes_enrich
from .programmes import PROGRAMME_COLUMNS, programmes_import
from .statistics import enrolments_import, statistics_read
from .statistics_layouts import PER_YEAR_LAYOUTS, is_statistics_header, other_series

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


# The columns that tell which of DUO's files a header belongs to (the others
# each import needs are checked when it reads the file): the governing boards
# file shares most of its columns with the institutions, but not INSTELLINGSCODE.
SIGNATURES: tuple[tuple[Callable[..., ImportResult], tuple[str, ...]], ...] = (
    (institutions_import, ("SOORT HO", "INSTELLINGSCODE")),
    (programmes_import, ("ERKENDEOPLEIDINGSCODE", "VESTIGINGSCODE")),
    (programmes_enrich, ("OPLEIDINGSEENHEIDCODE", "VARIANT_VAN")),
)
# Other apps' imports that take files from OPENDATA_DIR (CBS's tables, from
# labour_market's ready()), each with the columns its header is known by: the
# full import runs them after DUO's files.
REGISTERED_SIGNATURES: list[tuple[Callable[..., ImportResult], tuple[str, ...]]] = []


def opendata_service_register(
    service: Callable[..., ImportResult], columns: tuple[str, ...]
) -> None:
    """Let the full import take a file with these header columns to `service`."""
    if (service, tuple(columns)) not in REGISTERED_SIGNATURES:
        REGISTERED_SIGNATURES.append((service, tuple(columns)))


NOT_IMPORTED = gettext_noop("its header matches none of the files the portal imports")
OTHER_SERIES = gettext_noop(
    "its count column %(columns)s is none of the series the portal imports (%(known)s)"
)


def file_service(header: list[str]) -> Callable[..., ImportResult] | None:
    """The import a file with this header is for, or None when it is none's."""
    for service, columns in (*SIGNATURES, *REGISTERED_SIGNATURES):
        if all(name in header for name in columns):
            return service
    if is_statistics_header(header):
        return enrolments_import
    return None


@dataclass
class OpendataPlan:
    """What a full import does with each CSV file of a folder."""

    # In import order; a statistics file twice (its municipalities, its figures).
    files: list[tuple[Path, Callable[..., ImportResult]]] = field(default_factory=list)
    # Files no import is for, with the reason (in the active language).
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    # Files an import is for that cannot be read: nothing is written from them.
    refused: list[tuple[Path, ImportFileError]] = field(default_factory=list)


# Shipped beside DUO's files but read as they are, never imported: GeoNames'
# places (programmes.geography, the ranking's distances).
READ_AS_IS = (PLACES_FILE,)


def opendata_plan(directory: Path) -> OpendataPlan:
    """Every `*.csv` under the folder, taken by its header whatever its name.

    Import order: institutions, the municipalities of the statistics files (RIO
    names municipalities without a CBS code), programmes, catalogue details,
    statistics, then the other apps' registered files (CBS's tables). The statistics go from the older series to the newer (the wide
    first-years before the long and the per-year ones), then by path; which
    series wins a year they share does not depend on this order
    (statistics_writing.SERIES_PRECEDENCE). A statistics file is
    read whole here: one that is refused gives neither municipalities nor
    figures. fetch_opendata's `.previous` copies do not end in `.csv`.
    """
    plan = OpendataPlan()
    found: dict[Callable[..., ImportResult], list[tuple[int, Path]]] = defaultdict(list)
    paths = sorted(
        (
            path
            for path in directory.rglob("*.csv")
            if path.is_file() and path.relative_to(directory) not in READ_AS_IS
        ),
        key=lambda path: path.relative_to(directory).as_posix(),
    )
    for path in paths:
        try:
            service, generation, reason = _file_service(path.read_bytes())
        except OSError as error:
            plan.refused.append((path, ImportFileError(str(error))))
        except ImportFileError as error:
            plan.refused.append((path, error))
        else:
            if service is None:
                plan.skipped.append((path, reason))
            else:
                found[service].append((generation, path))
    by_generation = sorted(found[enrolments_import], key=lambda item: item[0])
    statistics = [path for _generation, path in by_generation]

    def taken_by(service):
        return [(path, service) for _generation, path in found[service]]

    plan.files = [
        *taken_by(institutions_import),
        *((path, municipalities_import) for path in statistics),
        *taken_by(programmes_import),
        *taken_by(programmes_enrich),
        *((path, enrolments_import) for path in statistics),
    ]
    registered = dict.fromkeys(service for service, _ in REGISTERED_SIGNATURES)
    for service in registered:
        plan.files.extend(taken_by(service))
    return plan


def _file_service(
    data: bytes,
) -> tuple[Callable[..., ImportResult] | None, int, str]:
    """The file's import, for statistics its series' generation, and why no
    import is for it (translated) when none is."""
    header = read_header(data)
    service = file_service(header)
    if service is None:
        return None, 0, gettext(NOT_IMPORTED)
    if service is not enrolments_import:
        return service, 0, ""
    if columns := other_series(header):
        # Another of DUO's series in the same family (AANTAL_INSCHRIJVINGEN:
        # enrolments, a student once per programme): not ours to import, so not
        # refused either.
        reason = gettext(OTHER_SERIES) % {
            "columns": ", ".join(columns),
            "known": ", ".join(PER_YEAR_LAYOUTS),
        }
        return None, 0, reason
    _table, layout = statistics_read(data)
    return service, layout.generation, ""


def opendata_files(directory: Path) -> list[tuple[Path, Callable[..., ImportResult]]]:
    """The files a full import reads, in order (opendata_plan)."""
    return opendata_plan(directory).files


def import_file(
    path: Path, service, *, user=None, progress=None, refresh=True, **options
) -> ImportResult:
    """Import one file; then bring the listing summaries up to date (unless told not
    to, e.g. by a run of several files that refreshes once at the end), planned
    on statistics of what was loaded (`planner_statistics_refresh`)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(str(error)) from None
    result = service(
        data=data, file_name=path.name, user=user, progress=progress, **options
    )
    if refresh:
        planner_statistics_refresh(vacuum=False)
        records_imported.send(sender=import_file)
    return result

"""What every importer shares: its result, its log entry and its progress reports.

The DUO services (services.py) and the survey and career importers
(surveys/importing.py, careers/importing.py) all read a whole file with
csvfile.read_csv, count each row as new, changed, unchanged or rejected, and log
one ImportRun.
"""

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from programmes.models import DataSource, ImportRun, RejectedRow

from .csvfile import CsvTable, Row, read_csv

# How many rejected rows a preview or a command lists (the import run keeps all).
REJECTED_ROWS_SHOWN = 20

Progress = Callable[[int, int], None]
"""Called as progress(rows_done, rows_total) while an import works through a file."""


@dataclass(frozen=True)
class Rejection:
    """A row that wrote nothing: its line, the column at fault (if one), why, and
    the row as it was in the file."""

    line: int | None
    reason: str  # untranslated (gettext_noop): translated where it is shown
    column: str = ""
    values: tuple[tuple[str, str], ...] = ()


@dataclass
class ImportResult:
    """What an import did, row by row and record by record.

    Rows are the file's data rows: each one is imported or rejected
    (`rows == rows_imported + rejected`). Records are what the rows wrote: new,
    changed or unchanged; several rows can add up to one record (DUO's counts per
    gender, location or diploma) and one row can write several (a row per year).
    """

    file_name: str
    rows: int = 0
    created: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    skipped_lines: int = 0
    rejected_reasons: Counter = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    layout: str = ""
    # When the run began, for its ImportRun (an import starts by reading the file).
    started_at: datetime = field(default_factory=timezone.now)
    # The source the accepted rows cite (None when none was accepted), and the
    # records now citing it that cited another source before: the dry run shows
    # both, so staff see which labels a file changes before it changes them.
    source: DataSource | None = None
    recited: list[str] = field(default_factory=list)
    # The programmes whose records the run may have written, when the importer
    # knows them (None: any programme), so the listing refreshes only those.
    programme_ids: set[int] | None = None

    def reject(
        self,
        reason: str,
        *,
        row: Row | None = None,
        line: int | None = None,
        column: str = "",
    ) -> None:
        """Count a row as rejected, keeping it (from `row`, or only its `line`)."""
        self.rejected += 1
        self.rejected_reasons[reason] += 1
        values = tuple(row.values.items()) if row is not None else ()
        line = row.line if row is not None else line
        self.rejections.append(Rejection(line, reason, column, values))

    @property
    def rows_imported(self) -> int:
        return self.rows - self.rejected

    @property
    def records(self) -> int:
        return self.created + self.changed + self.unchanged

    @property
    def rejected_rows(self) -> list[tuple[int, str]]:
        """The first rejected rows' lines and reasons, for a preview or a command."""
        return [
            (rejection.line, rejection.reason)
            for rejection in self.rejections[:REJECTED_ROWS_SHOWN]
            if rejection.line is not None
        ]


def import_start(
    *,
    file_name: str,
    data: bytes,
    required: Iterable[str],
    final_line_break: bool = False,
    totals_rows: bool = True,
) -> tuple[CsvTable, ImportResult]:
    started_at = timezone.now()
    table = read_csv(
        data,
        required=required,
        final_line_break=final_line_break,
        totals_rows=totals_rows,
    )
    result = ImportResult(
        file_name=file_name,
        rows=len(table),
        skipped_lines=table.skipped_lines,
        started_at=started_at,
    )
    return table, result


def import_run_log(result, *, data, source, kind, user) -> ImportRun:
    """The run's log entry, with its counts and every row it rejected."""
    run = import_run_start(result, data=data, source=source, kind=kind, user=user)
    return import_run_finish(run, result)


def import_run_start(result, *, data, source, kind, user) -> ImportRun:
    """The run's log entry, written before the records so that they can point to
    it (the statistics import cites it for every figure); import_run_finish gives
    it its counts, in the same transaction."""
    return ImportRun.objects.create(
        file_name=result.file_name,
        checksum=hashlib.sha256(data).hexdigest(),
        dataset=source,
        kind=kind,
        user=user,
        started_at=result.started_at,
        finished_at=result.started_at,
    )


def import_run_finish(run: ImportRun, result: ImportResult) -> ImportRun:
    """The run's counts, and every row it rejected with its line and reason."""
    for name in (
        "rows",
        "created",
        "changed",
        "unchanged",
        "rejected",
        "skipped_lines",
    ):
        setattr(run, name, getattr(result, name))
    run.finished_at = timezone.now()
    run.save()
    RejectedRow.objects.bulk_create(
        [
            RejectedRow(
                import_run=run,
                line=rejection.line or 0,
                column=rejection.column,
                reason=rejection.reason,
                values=row_text(rejection.values),
            )
            for rejection in result.rejections
        ],
        batch_size=500,
    )
    return run


def row_text(values: tuple[tuple[str, str], ...]) -> str:
    """A rejected row as it was in the file, as a JSON object of its columns."""
    return json.dumps(dict(values), ensure_ascii=False) if values else ""


def assign_changed(obj, values: dict, *, protected: Iterable[str] = ()) -> list[str]:
    """Set the values that differ, except protected fields; return what changed."""
    changed = []
    for name, value in values.items():
        if name in protected:
            continue
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def tracked(rows: Sequence[Row], progress: Progress | None) -> Iterator[Row]:
    """The rows, reporting progress after each hundredth of them and at the end."""
    if progress is None:
        yield from rows
        return
    total = len(rows)
    step = max(1, total // 100)
    for done, row in enumerate(rows, start=1):
        yield row
        if done % step == 0 or done == total:
            progress(done, total)

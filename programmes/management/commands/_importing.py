"""Shared output for the import_* commands."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext

from programmes.importing.csvfile import ImportFileError
from programmes.importing.progress import ProgressBar
from programmes.importing.runner import import_file
from programmes.models import DataSource


class ImportCommand(BaseCommand):
    service = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the CSV file.")
        self.add_common_arguments(parser)

    def add_common_arguments(self, parser):
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Do not draw a progress bar on standard error.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Import, report and roll everything back: the same counts as a "
            "real run, and the database left as it was.",
        )

    def handle(self, *args, file, **options):
        self.run(Path(file), type(self).service, **self.service_options(options))

    def service_options(self, options) -> dict:
        """Extra keyword arguments for the service, from the command's options."""
        return {}

    def run(self, path, service, *, refresh=True, **service_options):
        try:
            return self.run_reported(path, service, refresh=refresh, **service_options)
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from None

    def run_reported(self, path, service, *, refresh=True, **service_options):
        """Import one file and report what it did; ImportFileError if refused."""
        progress = None if self.no_progress else ProgressBar(self.stderr)
        result = import_file(
            path,
            service,
            progress=progress,
            refresh=refresh and not self.dry_run,
            **service_options,
        )
        self.report(result)
        return result

    def execute(self, *args, **options):
        self.no_progress = options.get("no_progress", False)
        self.dry_run = options.get("dry_run", False)
        if not self.dry_run:
            return super().execute(*args, **options)
        # A dry run is the real run, rolled back: its counts are the real ones.
        with transaction.atomic():
            output = super().execute(*args, **options)
            transaction.set_rollback(True)
        self.stdout.write(gettext("Dry run: nothing was saved."))
        return output

    def report(self, result):
        layout = f" [{gettext(result.layout)}]" if result.layout else ""
        skipped = gettext("%(count)s lines skipped (blank or totals)") % {
            "count": result.skipped_lines
        }
        self.stdout.write(
            f"{result.file_name}{layout}: {rows_and_records(result)}; {skipped}"
        )
        for reason, count in result.rejected_reasons.most_common():
            self.stdout.write(
                "    "
                + gettext("rejected: %(count)s × %(reason)s")
                % {"count": count, "reason": gettext(reason)}
            )
        for line, reason in result.rejected_rows[:5]:
            self.stdout.write(
                "    "
                + gettext("line %(line)s: %(reason)s")
                % {"line": line, "reason": gettext(reason)}
            )


def rows_and_records(result) -> str:
    """Rows (each imported or rejected) apart from records (what rows wrote)."""
    return gettext(
        "rows: %(rows)s read, %(imported)s imported, %(rejected)s rejected; "
        "records: %(created)s new, %(changed)s changed, %(unchanged)s unchanged"
    ) % {
        "rows": result.rows,
        "imported": result.rows_imported,
        "rejected": result.rejected,
        "created": result.created,
        "changed": result.changed,
        "unchanged": result.unchanged,
    }


class SourcedImportCommand(ImportCommand):
    """An import of our own formats, whose file says nothing about its source."""

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--source-kind",
            choices=DataSource.Kind.values,
            default=DataSource.Kind.OFFICIAL,
            help="What the figures are: official (default), editorial, demo or "
            "synthetic. Demo and synthetic figures are labelled as not real.",
        )

    def service_options(self, options) -> dict:
        return {"source_kind": options["source_kind"]}

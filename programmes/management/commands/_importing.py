"""Shared output for the import_* commands."""

from django.core.management.base import BaseCommand, CommandError

from programmes.importing.csvfile import ImportFileError
from programmes.importing.runner import import_file


class ImportCommand(BaseCommand):
    service = None

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to the DUO CSV file.")

    def handle(self, *args, file, **options):
        from pathlib import Path

        self.run(Path(file), type(self).service)

    def run(self, path, service, *, refresh=True):
        try:
            result = import_file(path, service, refresh=refresh)
        except ImportFileError as error:
            raise CommandError(f"{path.name}: {error}") from None
        self.report(result)
        return result

    def report(self, result):
        layout = f" [{result.layout}]" if result.layout else ""
        self.stdout.write(
            f"{result.file_name}{layout}: {result.created} new, {result.changed} "
            f"changed, {result.unchanged} unchanged, {result.rejected} rejected, "
            f"{result.skipped_lines} lines skipped"
        )
        for reason, count in result.rejected_reasons.most_common():
            self.stdout.write(f"    rejected: {count} × {reason}")

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from programmes.importing.base import ImportResult
from programmes.importing.runner import opendata_files
from programmes.signals import records_imported

from ._importing import ImportCommand, rows_and_records


class Command(ImportCommand):
    help = "Import every DUO dataset in OPENDATA_DIR in order (institutions first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="Directory of datasets (OPENDATA_DIR)."
        )
        self.add_common_arguments(parser)

    def handle(self, *args, dir=None, **options):
        directory = Path(dir or settings.OPENDATA_DIR)
        files = opendata_files(directory)
        if not files:
            raise CommandError(f"No DUO dataset files found in {directory}.")
        total = ImportResult(file_name=str(directory))
        for number, (path, service) in enumerate(files, start=1):
            self.stdout.write(f"[{number}/{len(files)}] {path.name} …")
            result = self.run(path, service, refresh=False)
            for name in ("rows", "created", "changed", "unchanged", "rejected"):
                setattr(total, name, getattr(total, name) + getattr(result, name))
        if not options["dry_run"]:
            records_imported.send(sender=self.__class__)
        self.stdout.write(self.style.SUCCESS(f"Done: {rows_and_records(total)}."))

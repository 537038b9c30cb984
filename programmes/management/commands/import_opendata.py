from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from programmes.importing.runner import opendata_files
from programmes.signals import records_imported

from ._importing import ImportCommand


class Command(ImportCommand):
    help = "Import every DUO dataset in OPENDATA_DIR in order (institutions first)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="Directory of datasets (OPENDATA_DIR)."
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Do not draw a progress bar on standard error.",
        )

    def handle(self, *args, dir=None, **options):
        directory = Path(dir or settings.OPENDATA_DIR)
        files = opendata_files(directory)
        if not files:
            raise CommandError(f"No DUO dataset files found in {directory}.")
        totals = [0, 0, 0, 0]
        for number, (path, service) in enumerate(files, start=1):
            self.stdout.write(f"[{number}/{len(files)}] {path.name} …")
            result = self.run(path, service, refresh=False)
            for index, value in enumerate(
                (result.created, result.changed, result.unchanged, result.rejected)
            ):
                totals[index] += value
        records_imported.send(sender=self.__class__)
        created, changed, unchanged, rejected = totals
        self.stdout.write(
            self.style.SUCCESS(
                f"Done: {created} new, {changed} changed, {unchanged} unchanged, "
                f"{rejected} rejected."
            )
        )

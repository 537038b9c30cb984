from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext

from labour_market.fetching import (
    FOLDER,
    CbsDownload,
    downloads_install,
    table_downloads,
)
from labour_market.importing import TABLES, cbs_import
from programmes.importing.base import ImportResult
from programmes.importing.csvfile import ImportFileError
from programmes.importing.fetching import PREVIOUS_SUFFIX, FetchError
from programmes.management.commands._importing import ImportCommand, rows_and_records


class Command(ImportCommand):
    help = (
        "Fetch the current periods of CBS's tables 85776NED and 83815NED (settings."
        "CBS_ODATA_URL) into OPENDATA_DIR/" + FOLDER + ", written like the shipped "
        "StatLine exports; check them, keep the previous copies and import them. A "
        "bad answer changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="Directory of datasets (OPENDATA_DIR)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Fetch and check, but write no file and import nothing.",
        )
        parser.add_argument(
            "--no-import",
            action="store_true",
            help="Write the files but do not import them.",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Do not draw the import's progress bar on standard error.",
        )

    def execute(self, *args, **options):
        # Not ImportCommand's dry run (an import rolled back): here a dry run
        # fetches and checks, and stops before anything is written.
        self.no_progress = options.get("no_progress", False)
        self.dry_run = False
        return BaseCommand.execute(self, *args, **options)

    def handle(self, *args, dir=None, **options):
        directory = Path(dir or settings.OPENDATA_DIR)
        downloads = self.fetch(directory)
        if options["dry_run"]:
            self.stdout.write(
                gettext("Dry run: no file was changed, nothing imported.")
            )
            return
        if not any(download.changed for download in downloads):
            self.stdout.write(gettext("No file changed: nothing replaced or imported."))
            return
        replaced = downloads_install(
            downloads=downloads, directory=directory, when=timezone.now()
        )
        for download in downloads:
            if download.current_sha256 is None:
                self.stdout.write(gettext("Wrote %(path)s.") % {"path": download.path})
            elif download.changed:
                self.stdout.write(
                    gettext("Replaced %(path)s; the previous copy is %(name)s.")
                    % {
                        "path": download.path,
                        "name": download.path.rsplit("/", 1)[-1] + PREVIOUS_SUFFIX,
                    }
                )
        if options["no_import"]:
            self.stdout.write(gettext("Not imported (--no-import)."))
            return
        self.import_files(replaced)

    def fetch(self, directory: Path) -> list[CbsDownload]:
        """Both tables' checked files; CommandError, nothing written, if refused."""
        downloads = []
        for table in TABLES:
            self.stdout.write(
                gettext("%(code)s: fetching from %(url)s")
                % {"code": table.code, "url": settings.CBS_ODATA_URL}
            )
            try:
                found = table_downloads(table=table, directory=directory)
            except FetchError as error:
                raise CommandError(
                    gettext("%(error)s Nothing was changed in %(directory)s.")
                    % {"error": error, "directory": directory}
                ) from None
            self.stdout.write(
                "    "
                + gettext("periods: %(periods)s")
                % {"periods": ", ".join(found[0].fetched.periods)}
            )
            for download in found:
                self.stdout.write(f"    {self.describe(download)}")
            downloads.extend(found)
        return downloads

    @staticmethod
    def describe(download: CbsDownload) -> str:
        about = {
            "path": download.path,
            "rows": download.rows,
            "size": download.size,
            "sha": download.sha256[:12],
        }
        if download.current_sha256 is None:
            text = gettext("%(path)s: %(rows)s rows, %(size)s bytes; new file.")
        elif download.changed:
            text = gettext("%(path)s: %(rows)s rows, %(size)s bytes; changed.")
        else:
            text = gettext("%(path)s: %(rows)s rows, %(size)s bytes; unchanged.")
        return text % about

    def import_files(self, paths: list[Path]) -> None:
        total = ImportResult(file_name=FOLDER)
        for number, path in enumerate(paths, start=1):
            try:
                result = self.run_reported(
                    path, cbs_import, refresh=number == len(paths)
                )
            except ImportFileError as error:
                raise CommandError(
                    gettext(
                        "The files were replaced but the import of %(name)s failed: "
                        "%(error)s The previous copies are beside them (*%(suffix)s)."
                    )
                    % {"name": path.name, "error": error, "suffix": PREVIOUS_SUFFIX}
                ) from None
            for field in ("rows", "created", "changed", "unchanged", "rejected"):
                setattr(total, field, getattr(total, field) + getattr(result, field))
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Done: %(summary)s.") % {"summary": rows_and_records(total)}
            )
        )

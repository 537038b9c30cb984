import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from programmes.importing.fetching import (
    PREVIOUS_SUFFIX,
    Download,
    FetchError,
    downloads_install,
    opendata_sources,
    source_download,
)


class Command(BaseCommand):
    help = (
        "Download DUO's current files (settings.OPENDATA_SOURCES) into OPENDATA_DIR, "
        "check them, keep the previous copies and import them. A bad download "
        "changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "datasets",
            nargs="*",
            help="Only these dataset folders (e.g. duo-rio-ho-erkenningen); "
            "default: every source.",
        )
        parser.add_argument(
            "--dir", default=None, help="Directory of datasets (OPENDATA_DIR)."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Download and check, but change no file and import nothing.",
        )
        parser.add_argument(
            "--no-import",
            action="store_true",
            help="Replace the files but do not run import_opendata.",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Do not draw the import's progress bar on standard error.",
        )

    def handle(self, *args, datasets, dir=None, **options):
        directory = Path(dir or settings.OPENDATA_DIR)
        try:
            sources = opendata_sources(only=datasets)
        except FetchError as error:
            raise CommandError(str(error)) from None
        with tempfile.TemporaryDirectory(prefix="keuzewijzer-fetch-") as folder:
            downloads = self.download(sources, directory, Path(folder))
            if options["dry_run"]:
                self.stdout.write("Dry run: no file was changed, nothing imported.")
                return
            if not any(download.changed for download in downloads):
                self.stdout.write("No file changed: nothing replaced or imported.")
                return
            replaced = downloads_install(
                downloads=downloads, directory=directory, when=timezone.now()
            )
        for path in replaced:
            self.stdout.write(
                f"Replaced {path.relative_to(directory)}; the previous copy is "
                f"{path.name}{PREVIOUS_SUFFIX}."
            )
        if options["no_import"]:
            self.stdout.write("Not imported (--no-import): run import_opendata.")
            return
        self.import_all(directory, no_progress=options["no_progress"])

    def download(self, sources, directory: Path, folder: Path) -> list[Download]:
        """Every source's checked download; CommandError if any was refused."""
        downloads, refused = [], 0
        for source in sources:
            if source.url is None:
                self.stdout.write(
                    f"{source.path}: skipped, no download address "
                    f"({source.why_no_url})."
                )
                continue
            self.stdout.write(f"{source.path}: downloading {source.url}")
            try:
                download = source_download(
                    source=source, directory=directory, into=folder
                )
            except FetchError as error:
                refused += 1
                self.stderr.write(self.style.ERROR(f"    refused: {error}"))
                continue
            downloads.append(download)
            self.stdout.write(f"    {self.describe(download)}")
        if refused:
            raise CommandError(
                f"{refused} download(s) refused: nothing was changed in {directory}."
            )
        return downloads

    @staticmethod
    def describe(download: Download) -> str:
        found = f"{download.rows} rows, {download.size} bytes"
        if download.current_sha256 is None:
            return f"{found}; new file (SHA-256 {download.sha256[:12]}…)."
        if not download.changed:
            return f"{found}; checksum unchanged (SHA-256 {download.sha256[:12]}…)."
        return (
            f"{found}; checksum changed (SHA-256 {download.current_sha256[:12]}… → "
            f"{download.sha256[:12]}…)."
        )

    def import_all(self, directory: Path, *, no_progress: bool):
        try:
            call_command(
                "import_opendata",
                dir=str(directory),
                no_progress=no_progress,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        except CommandError as error:
            raise CommandError(
                f"The files were replaced but the import failed: {error} The "
                f"previous copies are beside them (*{PREVIOUS_SUFFIX})."
            ) from None

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext, ngettext

from programmes.importing.base import ImportResult
from programmes.importing.csvfile import ImportFileError
from programmes.importing.planner import planner_statistics_refresh
from programmes.importing.runner import opendata_plan
from programmes.signals import records_imported

from ._importing import ImportCommand, rows_and_records


class Command(ImportCommand):
    help = (
        "Import every DUO file in OPENDATA_DIR and its folders, each recognised by "
        "its header, in order (institutions first); report the files skipped and "
        "refused."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir", default=None, help="Directory of datasets (OPENDATA_DIR)."
        )
        self.add_common_arguments(parser)

    def handle(self, *args, dir=None, **options):
        directory = Path(dir or settings.OPENDATA_DIR)
        plan = opendata_plan(directory)

        def name(path: Path) -> str:
            return path.relative_to(directory).as_posix()

        for path, reason in plan.skipped:
            self.stdout.write(
                gettext("Skipped %(path)s: %(reason)s.")
                % {"path": name(path), "reason": reason}
            )
        refused = [path for path, _error in plan.refused]
        for path, error in plan.refused:
            self._report_refused(name(path), error)
        files = plan.files
        if not files and not refused:
            raise CommandError(f"No DUO dataset files found in {directory}.")
        total = ImportResult(file_name=str(directory))
        for number, (path, service) in enumerate(files, start=1):
            if path in refused:
                continue  # refused by an earlier pass over it: nothing more from it
            self.stdout.write(f"[{number}/{len(files)}] {name(path)} …")
            try:
                result = self.run_reported(path, service, refresh=False)
            except ImportFileError as error:
                self._report_refused(name(path), error)
                refused.append(path)
                continue
            for field in ("rows", "created", "changed", "unchanged", "rejected"):
                setattr(total, field, getattr(total, field) + getattr(result, field))
        if not options["dry_run"]:
            # The summaries and sums are rebuilt on statistics of what was
            # loaded, then the rows they replaced are vacuumed.
            planner_statistics_refresh(vacuum=False)
            records_imported.send(sender=self.__class__)
            planner_statistics_refresh()
        self.stdout.write(
            self.style.SUCCESS(
                gettext("Done: %(summary)s.") % {"summary": rows_and_records(total)}
            )
        )
        if refused:
            # A data steward's cron job or `make` must notice: the run fails, after
            # importing every file it could (each file is imported on its own).
            raise CommandError(
                ngettext(
                    "%(count)s file refused: %(files)s. The other files were "
                    "imported; a refused file changed nothing.",
                    "%(count)s files refused: %(files)s. The other files were "
                    "imported; a refused file changed nothing.",
                    len(refused),
                )
                % {
                    "count": len(refused),
                    "files": ", ".join(name(path) for path in refused),
                }
            )

    def _report_refused(self, name: str, error: ImportFileError) -> None:
        self.stdout.write(
            self.style.ERROR(
                gettext("Refused %(path)s: %(error)s") % {"path": name, "error": error}
            )
        )

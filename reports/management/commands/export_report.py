import sys

from django.core.management.base import BaseCommand, CommandError

from programmes.models import Institution, Level
from reports.builders import REPORTS, ReportFilters
from reports.services import FORMATS, export_report


class Command(BaseCommand):
    help = "Export a report (for scheduled exports); the same code as the reports page."

    def add_arguments(self, parser):
        parser.add_argument("report", choices=sorted(REPORTS))
        parser.add_argument(
            "--institution", action="append", default=[], help="BRIN code (repeatable)."
        )
        parser.add_argument("--all", action="store_true", help="Every institution.")
        parser.add_argument("--from", dest="year_from", type=int)
        parser.add_argument("--to", dest="year_to", type=int)
        parser.add_argument("--level", choices=Level.values, default="")
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--language", choices=["nl", "en"], default="nl")
        parser.add_argument("--output", "-o", help="File to write (default: stdout).")

    def handle(self, *args, **options):
        if options["all"] == bool(options["institution"]):
            raise CommandError("Give --institution BRIN (one or more) or --all.")
        institution_ids = None
        if options["institution"]:
            found = dict(
                Institution.objects.filter(brin__in=options["institution"]).values_list(
                    "brin", "pk"
                )
            )
            missing = sorted(set(options["institution"]) - set(found))
            if missing:
                raise CommandError(f"Unknown BRIN code(s): {', '.join(missing)}")
            institution_ids = list(found.values())
        filters = ReportFilters(
            institution_ids=institution_ids,
            year_from=options["year_from"],
            year_to=options["year_to"],
            level=options["level"],
            language=options["language"],
        )
        export = export_report(
            user=None,
            report=options["report"],
            filters=filters,
            file_format=options["format"],
            via_command=True,
        )
        chunks = (
            export.content if options["format"] != "xlsx" else [export.content.read()]
        )
        if options["output"]:
            with open(options["output"], "wb") as output:
                for chunk in chunks:
                    output.write(chunk)
        else:
            for chunk in chunks:
                sys.stdout.buffer.write(chunk)
        export.log.refresh_from_db()
        self.stderr.write(
            f"{export.file_name}: {export.log.row_count} rows (export log #{export.log.pk})"
        )

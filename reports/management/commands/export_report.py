import re
import sys

from django.core.management.base import BaseCommand, CommandError

from programmes.models import Institution, Level
from reports.builders import REPORTS, ReportFilters
from reports.forms import FIRST_YEAR, LAST_YEAR
from reports.services import FORMATS, export_report

# "2024", or a range "2019-2024" (an en dash as the page writes it, too).
YEARS = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")
# --format csv with --dialect: the CSV flavour the page offers.
DIALECTS = {"comma": "csv", "semicolon": "csv_semicolon"}


class Command(BaseCommand):
    help = (
        "Export a report (for scheduled exports) with the options of the reports "
        "page; the same code as the page."
    )

    def add_arguments(self, parser):
        parser.add_argument("report", choices=sorted(REPORTS))
        parser.add_argument(
            "--institution", action="append", default=[], help="BRIN code (repeatable)."
        )
        parser.add_argument("--all", action="store_true", help="Every institution.")
        parser.add_argument(
            "--years", help='One year ("2024") or a range ("2019-2024").'
        )
        parser.add_argument("--from", dest="year_from", type=int)
        parser.add_argument("--to", dest="year_to", type=int)
        parser.add_argument("--level", choices=Level.values, default="")
        parser.add_argument("--format", choices=sorted(FORMATS), default="csv")
        parser.add_argument(
            "--dialect",
            choices=sorted(DIALECTS),
            help="For CSV: comma with a decimal point, or semicolon with a "
            "decimal comma (Dutch Excel).",
        )
        parser.add_argument("--language", choices=["nl", "en"], default="nl")
        parser.add_argument("--output", "-o", help="File to write (default: stdout).")

    def handle(self, *args, **options):
        file_format = self._file_format(options)
        year_from, year_to = self._years(options)
        filters = ReportFilters(
            institution_ids=self._institution_ids(options),
            year_from=year_from,
            year_to=year_to,
            level=options["level"],
            language=options["language"],
        )
        export = export_report(
            user=None,
            report=options["report"],
            filters=filters,
            file_format=file_format,
            via_command=True,
        )
        if file_format == "xlsx":
            with export.content as workbook:
                chunks = [workbook.read()]
        else:
            chunks = export.content
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

    def _institution_ids(self, options) -> list[int] | None:
        if options["all"] == bool(options["institution"]):
            raise CommandError("Give --institution BRIN (one or more) or --all.")
        if options["all"]:
            return None
        found = dict(
            Institution.objects.filter(brin__in=options["institution"]).values_list(
                "brin", "pk"
            )
        )
        missing = sorted(set(options["institution"]) - set(found))
        if missing:
            raise CommandError(f"Unknown BRIN code(s): {', '.join(missing)}")
        return list(found.values())

    def _file_format(self, options) -> str:
        file_format, dialect = options["format"], options["dialect"]
        if dialect is None:
            return file_format
        if file_format == "xlsx":
            raise CommandError("--dialect is for CSV; XLSX has no dialect.")
        if file_format != "csv":
            raise CommandError("Give --format csv with --dialect, not csv_semicolon.")
        return DIALECTS[dialect]

    def _years(self, options) -> tuple[int | None, int | None]:
        start, end = options["year_from"], options["year_to"]
        if options["years"] is not None:
            if start is not None or end is not None:
                raise CommandError("Give --years or --from/--to, not both.")
            match = YEARS.match(options["years"])
            if match is None:
                raise CommandError(
                    f'--years "{options["years"]}": give one year (2024) or a '
                    "range (2019-2024)."
                )
            start = int(match[1])
            end = int(match[2] or match[1])
        for year in (start, end):
            if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
                raise CommandError(f"Year {year} is outside {FIRST_YEAR}–{LAST_YEAR}.")
        if start is not None and end is not None and start > end:
            raise CommandError(
                f"The first year ({start}) comes after the last ({end})."
            )
        return start, end

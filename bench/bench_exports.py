"""Export time and peak memory of a report (benchmark, not a test).

Usage: python bench/bench_exports.py [--runs 5] [--report overview|survey|careers]
    [--scope largest|all|both] [--format csv|xlsx|both]

Runs against the database in DATABASE_URL (default: the development SQLite that
`make run` fills with the real DUO catalogue). For the institution with the most
enrolment rows and for all institutions (staff), in CSV and XLSX, it builds the
whole file through reports.services.export_report (the code the page and
the command use) and records the median wall time and the peak Python memory
(tracemalloc). Memory that stays flat while rows grow shows streaming works.
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.db.models import Count  # noqa: E402

from programmes.models import Enrolment, Institution  # noqa: E402
from reports.builders import REPORTS, ReportFilters  # noqa: E402
from reports.services import export_report  # noqa: E402


def consume(export) -> int:
    size = 0
    if hasattr(export.content, "read"):
        # In chunks, as FileResponse sends it: reading it whole would put the
        # file in memory and measure that instead of the export.
        while chunk := export.content.read(64 * 1024):
            size += len(chunk)
        export.content.close()
    else:
        for chunk in export.content:
            size += len(chunk)
    return size


def export(filters, file_format, report):
    return export_report(
        user=None, report=report, filters=filters, file_format=file_format
    )


def measure(filters, file_format, runs, report="overview"):
    """Median time of `runs` plain runs; peak memory from one traced run (tracing
    slows allocation-heavy code several times, so it is kept out of the timing)."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = export(filters, file_format, report)
        size = consume(result)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    consume(export(filters, file_format, report))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    result.log.refresh_from_db()
    return statistics.median(times), peak, result.log.row_count, size


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--report", choices=sorted(REPORTS), default="overview")
    parser.add_argument("--scope", choices=["largest", "all", "both"], default="both")
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    args = parser.parse_args()
    largest = (
        Institution.objects.annotate(rows=Count("programmes__enrolments"))
        .order_by("-rows")
        .first()
    )
    cases = [
        (f"{largest.name} ({largest.brin})", ReportFilters([largest.pk])),
        ("all institutions", ReportFilters(None)),
    ]
    if args.scope != "both":
        cases = cases[:1] if args.scope == "largest" else cases[1:]
    formats = ("csv", "xlsx") if args.format == "both" else (args.format,)
    print(f"Enrolment rows in the database: {Enrolment.objects.count()}")
    print("| scope | format | rows | median time | peak memory | file size |")
    print("|---|---|---:|---:|---:|---:|")
    for label, filters in cases:
        for file_format in formats:
            seconds, peak, rows, size = measure(
                filters, file_format, args.runs, args.report
            )
            print(
                f"| {label} | {file_format} | {rows:,} | {seconds * 1000:,.0f} ms "
                f"| {peak / 1024 / 1024:.1f} MiB | {size / 1024:,.0f} KiB |"
            )


if __name__ == "__main__":
    main()

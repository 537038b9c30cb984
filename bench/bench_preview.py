"""How long staff wait for the dry run of a one-row upload (benchmark, not a test).

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kw_bench_scale_200000 \\
        python bench/bench_preview.py [--runs 5] [--no-apply] [--json out.json]
        [--checkout DIR]

Times `programmes.importing.uploads.import_preview` of a survey-score file (the
kind `surveys.importing.IMPORT_KIND`, docs/IMPORT.md "Survey scores") holding one
row: the overall score of the reference programme (Biomedical Sciences, Leiden) in
the latest survey round, changed by 0.1 so that the row is a real change. The
preview runs R times (median and max), then `import_apply` of the same row runs
once inside a transaction that is rolled back afterwards, the work it leaves for
the commit (on_commit callbacks, such as counting the catalogue again) included.
The database is left as it was (on PostgreSQL the rolled-back writes leave dead
rows until VACUUM). Settings `portal.settings.bench`.

--checkout DIR (default: the current directory) is the code measured: it goes
first on sys.path, so that this script can time an older checkout too:

    cd ../bench-before && .venv/bin/python ../main/bench/bench_preview.py

The script refuses to run if the apps are imported from elsewhere.
"""

import argparse
import csv
import io
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

MEAN_STEP = Decimal("0.1")
FORM_WORDS = {"full_time": "voltijd", "part_time": "deeltijd", "dual": "duaal"}
COLUMNS = ("brin", "croho_code", "form", "year", "aspect", "mean", "respondents")
COLUMNS += ("std_dev", "population", "location_code")


def django_setup(checkout: Path) -> None:
    """Django from `checkout`, and nowhere else (this script's folder goes off
    sys.path, which may be another checkout's bench/)."""
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    sys.path.insert(0, str(checkout))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
    import django

    django.setup()
    import programmes

    imported = Path(programmes.__file__).resolve()
    if not imported.is_relative_to(checkout):
        sys.exit(f"programmes was imported from {imported}, not from {checkout}")


def reference_programme():
    from programmes.models import Programme

    return (
        Programme.objects.published()
        .select_related("study", "institution")
        .filter(study__croho_code="66990", institution__name_nl__icontains="leiden")
        .order_by("pk")
        .first()
    )


def one_row_file() -> tuple[bytes, dict]:
    """A survey CSV with one row for the reference programme, and that row."""
    from surveys.models import Aspect, ProgrammeScore, SurveyRound

    programme = reference_programme()
    if programme is None:
        sys.exit("The reference programme (CROHO 66990, Leiden) is missing.")
    latest = SurveyRound.objects.order_by("-year").first()
    year = latest.year if latest else 2024
    current = (
        ProgrammeScore.objects.filter(
            programme=programme,
            survey_round__year=year,
            aspect__code=Aspect.Code.OVERALL,
        )
        .values_list("mean", flat=True)
        .first()
    )
    mean = Decimal("3.5") if current is None else _changed(current)
    row = {
        "brin": programme.institution.brin,
        "croho_code": programme.study.croho_code,
        "form": FORM_WORDS[programme.form],
        "year": str(year),
        "aspect": Aspect.Code.OVERALL.value,
        "mean": f"{mean:.1f}",
        "respondents": "143",
        "std_dev": "0.80",
        "population": "300",
        "location_code": programme.location_code,
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode(), row


def _changed(mean: Decimal) -> Decimal:
    """A valid mean (1 to 5) that differs from `mean`."""
    return mean - MEAN_STEP if mean + MEAN_STEP > 5 else mean + MEAN_STEP


class QueryCounter:
    """Counts the statements sent (cheap: no SQL kept, unlike CaptureQueriesContext)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed(call) -> tuple[float, int, object]:
    """Seconds, statements and result of one call."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        start = time.perf_counter()
        result = call()
        seconds = time.perf_counter() - start
    return seconds, counter.count, result


def preview(kind: str, data: bytes):
    from programmes.importing.uploads import import_preview

    return import_preview(kind=kind, data=data, file_name="bench-one-row.csv")


def apply_rolled_back(kind: str, data: bytes):
    """import_apply and what it leaves for the commit, then a rollback."""
    from django.db import transaction
    from django.test import TestCase

    from programmes.importing.uploads import import_apply

    with transaction.atomic():
        with TestCase.captureOnCommitCallbacks(execute=True):
            result = import_apply(kind=kind, data=data, file_name="bench-one-row.csv")
        transaction.set_rollback(True)
    return result


def check(result) -> None:
    """The one row must be accepted, or the timing measures a rejection."""
    if result.created + result.changed != 1 or result.rejected:
        sys.exit(
            f"The row was not accepted: {result.created} created, {result.changed} "
            f"changed, {result.rejected} rejected {dict(result.rejected_reasons)}"
        )


def database_version() -> str:
    from django.db import connection

    if connection.vendor == "sqlite":
        return connection.Database.sqlite_version
    return f"{connection.pg_version // 10000}.{connection.pg_version % 10000}"


def measure(runs: int, apply: bool) -> dict:
    from programmes.models import Programme
    from public.models import ProgrammeSummary
    from surveys.importing import IMPORT_KIND

    data, row = one_row_file()
    previews = [timed(lambda: preview(IMPORT_KIND.key, data)) for _ in range(runs)]
    for _seconds, _queries, result in previews:
        check(result)
    seconds = [s for s, _q, _r in previews]
    figures = {
        "row": row,
        "preview_s": [round(s, 3) for s in seconds],
        "preview_median_s": round(statistics.median(seconds), 3),
        "preview_max_s": round(max(seconds), 3),
        "preview_queries": previews[0][1],
    }
    if apply:
        took, queries, result = timed(lambda: apply_rolled_back(IMPORT_KIND.key, data))
        check(result)
        figures |= {"apply_s": round(took, 3), "apply_queries": queries}
    return {
        "programmes": Programme.objects.count(),
        "summaries": ProgrammeSummary.objects.count(),
        **figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="previews timed")
    parser.add_argument("--no-apply", dest="apply", action="store_false")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--checkout", type=Path, default=Path.cwd())
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    django_setup(checkout)
    from django.db import connection

    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "checkout": str(checkout),
        "database": connection.vendor,
        "database_name": connection.settings_dict["NAME"],
        "database_version": database_version(),
        "python": platform.python_version(),
        "load_average_before": os.getloadavg()[0],
        **measure(args.runs, args.apply),
        "load_average_after": os.getloadavg()[0],
    }
    apply = f", apply {result['apply_s']} s" if args.apply else ""
    print(
        f"{result['programmes']:,} programmes, {result['database']}: preview median "
        f"{result['preview_median_s']} s, max {result['preview_max_s']} s "
        f"({result['preview_queries']} queries){apply}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()

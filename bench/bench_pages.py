"""Server time and SQL queries per public page type (benchmark, not a test).

Usage:
    DATABASE_URL=sqlite:////tmp/kw.sqlite3 python bench/bench_pages.py \\
        [--repetitions 30] [--warmup 3] [--json out.json] [--facet-cache]
        [--profile listing_search]

Runs in-process through Django's test client, so each request passes the real URL
routing and the full middleware stack, with settings `portal.settings.bench`
(DEBUG off, no page cache; facet counts computed on every request unless
--facet-cache). The database must already hold the real DUO catalogue
and the demo data (bench/run_scale.py prepares it). For each page: a few warm-up
requests, then R timed requests (median and p95 wall time in ms), then one under
CaptureQueriesContext for the query count and the time the database took. Pages
take turns within each repetition. CPU ms is this process's CPU time per request
(median): unlike wall time it hardly moves when other work shares the machine,
but it leaves out PostgreSQL's own work. Any status other than 200 stops the run.

--profile PAGE runs R requests of one page under cProfile and prints the 30
functions with the most cumulative time.
"""

import argparse
import cProfile
import json
import math
import os
import platform
import pstats
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.bench")
os.environ["PAGE_CACHE_SECONDS"] = "0"  # always the server's full work
# The listing's facet counts are cached until content changes (public.caching);
# by default every request counts them (cold), --facet-cache measures them cached.
os.environ["FACET_CACHE_SECONDS"] = "3600" if "--facet-cache" in sys.argv else "0"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from portal.serving import tune_garbage_collector  # noqa: E402
from programmes.models import Programme  # noqa: E402
from public.models import ProgrammeSummary  # noqa: E402

# The reference programme of the issues: Biomedical Sciences at Leiden University.
REFERENCE_CROHO = "66990"
REFERENCE_INSTITUTION = "leiden"
SEARCH = "q=biologie"
THREE_FILTERS = "level=WO-MA&language=en&sector=NATUUR"
COMPARED = 10
# Indexes the listing's speed depends on (tests/programmes/test_indexes.py guards
# them in the test database; here they are checked in the measured one).
SUMMARY_INDEXES = {
    "summary_name_nl_id_idx",
    "summary_name_en_id_idx",
    "summary_level_idx",
    "summary_sector_idx",
    "summary_language_idx",
    "summary_province_idx",
    "summary_score_idx",
    "summary_students_idx",
    "summary_salary_idx",
}
POSTGRES_SUMMARY_INDEXES = {
    "summary_search_tokens_idx",
    "summary_score_order_idx",
    "summary_students_order_idx",
    "summary_salary_order_idx",
}


def reference_programme() -> Programme:
    return (
        Programme.objects.published()
        .select_related("study", "institution", "municipality")
        .filter(
            study__croho_code=REFERENCE_CROHO,
            institution__name_nl__icontains=REFERENCE_INSTITUTION,
        )
        .order_by("pk")
        .first()
    )


def page_urls() -> dict[str, str]:
    """Page type -> path, from the database (Dutch pages, as most visitors see)."""
    reference = reference_programme()
    if reference is None:
        sys.exit("The reference programme (CROHO 66990, Leiden) is missing: import it.")
    # The reference and, first, programmes with survey scores (synthetic ones at
    # scale), so that the page compares every section; then others in import order.
    published = Programme.objects.published().exclude(pk=reference.pk)
    scored = list(
        published.filter(survey_scores__isnull=False)
        .distinct()
        .order_by("pk")
        .values_list("slug", flat=True)[: COMPARED - 1]
    )
    others = published.exclude(slug__in=scored).order_by("pk")
    others = others.values_list("slug", flat=True)[: COMPARED - 1 - len(scored)]
    compared = "&".join(f"p={slug}" for slug in [reference.slug, *scored, *others])
    with translation.override("nl"):
        listing = reverse("programmes:programme_list")
        return {
            "listing": listing,
            "listing_search": f"{listing}?{SEARCH}",
            "listing_3_filters": f"{listing}?{THREE_FILTERS}",
            "listing_by_score": f"{listing}?sort=score",
            "compare_10": f"{reverse('programmes:compare')}?{compared}",
            "programme": reference.get_absolute_url(),
            "study": reference.study.get_absolute_url(),
            "institution": reference.institution.get_absolute_url(),
            "city": reference.municipality.get_absolute_url(),
        }


def get(client: Client, url: str) -> None:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}, not 200")


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: the value below which `share` of the values lie."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def timed(client: Client, url: str) -> tuple[float, float]:
    """Wall and CPU time of this process for one request, in ms."""
    wall, cpu = time.perf_counter(), time.process_time()
    get(client, url)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def measure(client: Client, urls: dict[str, str], repetitions: int, warmup: int):
    """Figures per page. Pages take turns, so a burst of load elsewhere on the
    machine spreads over all of them instead of spoiling one."""
    for url in urls.values():
        for _ in range(warmup):
            get(client, url)
    # The garbage collector as the server process has it (portal/wsgi.py).
    tune_garbage_collector()
    walls = {name: [] for name in urls}
    cpus = {name: [] for name in urls}
    for _ in range(repetitions):
        for name, url in urls.items():
            wall, cpu = timed(client, url)
            walls[name].append(wall)
            cpus[name].append(cpu)
    pages = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            get(client, url)
        sql = sum(float(query["time"]) for query in queries.captured_queries)
        pages[name] = {
            "url": url,
            "median_ms": round(statistics.median(walls[name]), 1),
            "p95_ms": round(percentile(walls[name], 0.95), 1),
            "max_ms": round(max(walls[name]), 1),
            "cpu_median_ms": round(statistics.median(cpus[name]), 1),
            "queries": len(queries),
            "sql_ms": round(sql * 1000, 1),
        }
    return pages


def missing_indexes() -> list[str]:
    expected = set(SUMMARY_INDEXES)
    if connection.vendor == "postgresql":
        expected |= POSTGRES_SUMMARY_INDEXES
    with connection.cursor() as cursor:
        present = connection.introspection.get_constraints(
            cursor, ProgrammeSummary._meta.db_table
        )
    return sorted(expected - set(present))


def profile(client: Client, url: str, repetitions: int) -> None:
    get(client, url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repetitions):
        get(client, url)
    profiler.disable()
    stats = pstats.Stats(profiler).strip_dirs().sort_stats("cumulative")
    stats.print_stats(30)


def print_table(result: dict) -> None:
    print(
        f"\n{result['programmes']} programmes, {result['database']}, "
        f"{result['repetitions']} repetitions"
    )
    print(
        f"{'page':<20}{'median ms':>10}{'p95 ms':>9}{'CPU ms':>8}"
        f"{'queries':>9}{'SQL ms':>8}"
    )
    for name, page in result["pages"].items():
        print(
            f"{name:<20}{page['median_ms']:>10}{page['p95_ms']:>9}"
            f"{page['cpu_median_ms']:>8}{page['queries']:>9}{page['sql_ms']:>8}"
        )


def run_url_benchmark(description: str, urls, *, cache_key: str = "facet_cache"):
    """The command line of a benchmark that times a set of addresses with this
    harness (bench_search.py, bench_typeahead.py): `urls()` gives them once
    Django is set up; `cache_key` names the --facet-cache choice in the JSON."""
    parser = argparse.ArgumentParser(
        description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--facet-cache", action="store_true")
    args = parser.parse_args()
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "python": platform.python_version(),
        "programmes": Programme.objects.count(),
        "repetitions": args.repetitions,
        "load_average_before": os.getloadavg()[0],
        cache_key: args.facet_cache,
        "pages": measure(Client(), urls(), args.repetitions, args.warmup),
    }
    result["load_average_after"] = os.getloadavg()[0]
    print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--profile", help="profile one page type instead")
    parser.add_argument(
        "--facet-cache",
        action="store_true",
        help="listing facet counts cached (as in production) instead of counted",
    )
    args = parser.parse_args()

    urls = page_urls()
    client = Client()
    if args.profile:
        profile(client, urls[args.profile], args.repetitions)
        return
    missing = missing_indexes()
    if missing:
        print(f"WARNING: indexes missing: {', '.join(missing)}", file=sys.stderr)
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "database_version": connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else f"{connection.pg_version // 10000}.{connection.pg_version % 10000}",
        "python": platform.python_version(),
        "programmes": Programme.objects.count(),
        "published_programmes": Programme.objects.published().count(),
        "repetitions": args.repetitions,
        "cpus": os.cpu_count(),
        "load_average_before": os.getloadavg()[0],
        "missing_indexes": missing,
        "facet_cache": args.facet_cache,
        "pages": measure(client, urls, args.repetitions, args.warmup),
    }
    result["load_average_after"] = os.getloadavg()[0]
    print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()

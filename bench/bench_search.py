"""Search latency: the listing for the queries of the relevance set (benchmark,
not a test).

Usage:
    DATABASE_URL=... python bench/bench_search.py [--repetitions 30] [--warmup 3]
        [--json out.json] [--facet-cache]

The same harness as bench/bench_pages.py (Django's test client, the full
middleware stack, settings portal.settings.bench without the page cache; the
listing's facet counts, synonyms, places and vocabulary computed on every
request unless --facet-cache), on a database bench/run_scale.py prepared. Each
query: warm-up requests, then R timed requests (queries take turns), median and
p95 wall time, CPU time, SQL queries and the time the database took.
"""

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from programmes.models import Programme

QUERIES = [
    "biologie",
    "verpleegkunde",
    "rechten",
    "law",
    "psych",
    "bedrijfskunde deeltijd",
    "master data science",
    "rechten den haag",
    "pyschologie",
]


def search_urls() -> dict[str, str]:
    with translation.override("nl"):
        listing = reverse("programmes:programme_list")
    return {query: f"{listing}?{urlencode({'q': query})}" for query in QUERIES}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
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
        "facet_cache": args.facet_cache,
        "pages": bench_pages.measure(
            Client(), search_urls(), args.repetitions, args.warmup
        ),
    }
    result["load_average_after"] = os.getloadavg()[0]
    bench_pages.print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()

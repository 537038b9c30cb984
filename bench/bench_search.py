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

import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
from django.urls import reverse
from django.utils import translation

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
    bench_pages.run_url_benchmark(__doc__, search_urls)


if __name__ == "__main__":
    main()

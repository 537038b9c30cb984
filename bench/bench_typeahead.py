"""Type-ahead latency: the search box's suggestions endpoint for what students
type, keystroke by keystroke (benchmark, not a test).

Usage:
    DATABASE_URL=... python bench/bench_typeahead.py [--repetitions 30]
        [--warmup 3] [--json out.json] [--facet-cache]

The same harness as bench/bench_pages.py (Django's test client, the full
middleware stack, settings portal.settings.bench without the page cache), on a
database holding the real catalogue (`make demo`, or bench/run_scale.py). No
answer is cached (TYPEAHEAD_CACHE_SECONDS=0): every request matches the typed
text against the names. By default the names themselves are read and tokenised
on every request too (FACET_CACHE_SECONDS=0: production without Redis);
--facet-cache keeps them as production with Redis does, once per content
generation, so each request costs the matching alone. Median and p95 wall time,
CPU time, SQL queries and the time the database took, per typed text.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Before bench_pages sets Django up: every answer is computed.
os.environ["TYPEAHEAD_CACHE_SECONDS"] = "0"

import bench_pages
from django.urls import reverse
from django.utils import translation

# (language, typed text): a student typing, and the queries.
TYPED = [
    ("nl", "ps"),
    ("nl", "psych"),
    ("nl", "psychologie"),
    ("nl", "rech"),
    ("nl", "economie"),
    ("nl", "économie"),
    ("nl", "leid"),
    ("nl", "den h"),
    ("nl", "universiteit van"),
    ("en", "law"),
    ("en", "data sc"),
    ("en", "leiden univ"),
]


def typeahead_urls() -> dict[str, str]:
    urls = {}
    for language, typed in TYPED:
        with translation.override(language):
            endpoint = reverse("programmes:search_suggestions")
        urls[f"{language} {typed}"] = f"{endpoint}?{urlencode({'q': typed})}"
    return urls


def main() -> None:
    bench_pages.run_url_benchmark(__doc__, typeahead_urls, cache_key="names_cached")


if __name__ == "__main__":
    main()

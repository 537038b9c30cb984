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

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Before bench_pages sets Django up: every answer is computed.
os.environ["TYPEAHEAD_CACHE_SECONDS"] = "0"

import bench_pages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from programmes.models import Programme

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
        "names_cached": args.facet_cache,
        "pages": bench_pages.measure(
            Client(), typeahead_urls(), args.repetitions, args.warmup
        ),
    }
    result["load_average_after"] = os.getloadavg()[0]
    bench_pages.print_table(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()

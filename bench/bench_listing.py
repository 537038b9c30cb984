"""Listing latency: the listing pages of bench_pages.py and the queries of
bench_search.py in one run (benchmark, not a test).

Usage (from the checkout measured, so that its own bench scripts and code run):
    DATABASE_URL=... python bench/bench_listing.py OUT.json [REPETITIONS]

Same harness as bench_pages.py: Django's test client, settings
portal.settings.bench, no page cache, facet counts computed on every request.
"""

import json
import os
import sys
from pathlib import Path

CHECKOUT = Path.cwd()
sys.path[:0] = [str(CHECKOUT / "bench"), str(CHECKOUT)]
OUT = sys.argv[1]
REPETITIONS = int(sys.argv[2]) if len(sys.argv) > 2 else 20
sys.argv = sys.argv[:1]  # bench_pages reads its own options from sys.argv

import bench_pages  # noqa: E402  (sets Django up)
import bench_search  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from programmes.models import Programme  # noqa: E402


def main() -> None:
    urls = {
        name: url
        for name, url in bench_pages.page_urls().items()
        if name.startswith("listing")
    }
    urls |= {f"q={query}": url for query, url in bench_search.search_urls().items()}
    result = {
        "database": connection.vendor,
        "programmes": Programme.objects.count(),
        "repetitions": REPETITIONS,
        "load_average_before": os.getloadavg()[0],
        "facet_cache": False,
        "pages": bench_pages.measure(Client(), urls, REPETITIONS, 2),
    }
    result["load_average_after"] = os.getloadavg()[0]
    bench_pages.print_table(result)
    Path(OUT).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()

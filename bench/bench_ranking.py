"""Rank by my criteria: the listing with weights against the listing without,
on a large catalogue (benchmark, not a test).

Usage:
    DATABASE_URL=... python bench/bench_ranking.py [--repetitions 30]
        [--warmup 3] [--json out.json] [--facet-cache]

The same harness as bench/bench_pages.py (Django's test client, the full
middleware stack, settings portal.settings.bench without the page cache). With
--facet-cache the facet counts, the ranges of the catalogue's figures and the
teaching cities are kept per content generation as in production with Redis;
without it they are read on every request (FACET_CACHE_SECONDS=0). Median and
p95 wall time, CPU time, SQL queries and the database's time, per address.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
from django.urls import reverse
from django.utils import translation

ALL_WEIGHTS = "w_score=3&w_salary=2&w_students=1&w_fee=1&w_distance=2&near=Utrecht"
ASPECT = "w_aspect=3&aspect=atmosphere"
QUERIES = {
    "listing": "",
    "ranked: satisfaction": "w_score=3",
    # One NSE aspect (public.ProgrammeAspectScore, one join), alone and with
    # the others.
    "ranked: aspect": ASPECT,
    "ranked: satisfaction + aspect": "w_score=3&" + ASPECT,
    "ranked: all five + aspect": ALL_WEIGHTS + "&" + ASPECT,
    "ranked: all five": ALL_WEIGHTS,
    "ranked: all five, page 50": ALL_WEIGHTS + "&page=50",
    "ranked: all five, WO-MA": ALL_WEIGHTS + "&level=WO-MA",
    "search psychologie": "q=psychologie",
    "ranked: search psychologie": "q=psychologie&" + ALL_WEIGHTS,
}


def ranking_urls() -> dict[str, str]:
    with translation.override("nl"):
        listing = reverse("programmes:programme_list")
    return {name: f"{listing}?{query}" for name, query in QUERIES.items()}


def main() -> None:
    bench_pages.run_url_benchmark(__doc__, ranking_urls)


if __name__ == "__main__":
    main()

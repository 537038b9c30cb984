"""The Python process that serves requests: its garbage collector tuned for it.

A listing page allocates a few hundred thousand objects (querysets, template
nodes, rows), so with Python's defaults the collector runs hundreds of times a
request, and every tenth run of its middle generation walks the oldest, which
holds everything start-up loaded (modules, settings, URL patterns, compiled
templates, translation catalogues): a pause of tens of milliseconds that fell
on one request in ten. Measured at 206,747 programmes on PostgreSQL
(bench/bench_search.py, 30 requests per query, docs/PERFORMANCE.md "Search"):
`rechten` p95 197 -> 158 ms, `master data science` 179 -> 101 ms.
"""

import gc

# Allocations between two runs of the youngest generation (Python: 700).
YOUNG_GENERATION_THRESHOLD = 50_000


def tune_garbage_collector() -> None:
    """Freeze what is loaded so far (never garbage: no run walks it again) and
    run the youngest generation less often. Called once the application is
    loaded (portal/wsgi.py), before any request."""
    gc.collect()
    gc.freeze()
    _young, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, oldest)

"""Benchmarks (bench/): production-like code paths, measured without the page cache.

Base settings with DEBUG off and DATABASE_URL honoured (base.py), but no page
cache, so every request does the server's full work, and a URLconf that adds the
bare reference view (bench/urls.py). Never used to serve visitors.
"""

from .base import *  # noqa: F403
from .env import env_int, env_list

DEBUG = False
# "testserver" is the Django test client's host (bench/bench_pages.py).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["testserver", "localhost", "127.0.0.1"])
# Measure what the server does for a page, not what the cache saves
# (bench_throughput.py --page-cache switches it on to measure the cache too).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
# Facet counts are cached as in production unless FACET_CACHE_SECONDS=0 (then
# every listing request counts them: the cold case).
FACET_CACHE_SECONDS = env_int("FACET_CACHE_SECONDS", 60 * 60)
# The same for CBS's context on programme, study and compare pages.
LABOUR_MARKET_CACHE_SECONDS = env_int("LABOUR_MARKET_CACHE_SECONDS", 60 * 60)
TYPEAHEAD_CACHE_SECONDS = env_int("TYPEAHEAD_CACHE_SECONDS", 5 * 60)
ROOT_URLCONF = "bench.urls"
# Persistent connections as in production (prod.py), so that throughput under
# gunicorn does not measure connection set-up.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)  # noqa: F405

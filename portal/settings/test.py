import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
# Fast, deterministic hashing: tests log users in often.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The open data files only in their own tests (tests/opendata), in a temporary folder.
OPEN_DATA_ROOT = Path(tempfile.gettempdir()) / "keuzewijzer-test-opendata"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # tests/opendata points it at a folder of each test's own.
    "opendata": {
        "BACKEND": "opendata.storage.ReplacingFileSystemStorage",
        "OPTIONS": {"location": str(OPEN_DATA_ROOT)},
    },
}
# Pages are cached only in the tests that are about caching (tests/public/test_caching.py):
# other tests change data in ways that send no signal (QuerySet.update).
PAGE_CACHE_SECONDS = 0
FACET_CACHE_SECONDS = 0
LABOUR_MARKET_CACHE_SECONDS = 0
TYPEAHEAD_CACHE_SECONDS = 0
# The API's rate limit only in its own tests (tests/api/test_rate_limit.py):
# the cache outlives a test, and the fuzz tests send hundreds of requests.
API_RATE_LIMIT = 0
# Nor written after imports, but in tests/opendata.
OPEN_DATA_ON_IMPORT = "off"

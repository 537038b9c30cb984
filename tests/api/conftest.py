"""The API is tested on the public side's catalogue: the same programmes, the
same hand-computed figures."""

import pytest
from django.core.cache import cache

from tests.public.conftest import catalogue  # noqa: F401  (a shared fixture)


@pytest.fixture
def limit_of_three(settings):
    """Anonymous use limited to 3 requests a minute, counted afresh (API keys
    have their own limit, in their own field)."""
    settings.API_RATE_LIMIT = 3
    settings.API_RATE_WINDOW_SECONDS = 60
    cache.clear()
    yield
    cache.clear()

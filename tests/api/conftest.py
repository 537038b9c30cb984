"""The API is tested on the public side's catalogue: the same programmes, the
same hand-computed figures."""

from tests.public.conftest import catalogue  # noqa: F401  (a shared fixture)

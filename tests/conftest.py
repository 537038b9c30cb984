import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Every test starts in the portal's default language, like a fresh visitor."""
    with translation.override("nl"):
        yield


@pytest.fixture
def english():
    """Switch a test to English, e.g. to read interface messages in their msgid form."""
    with translation.override("en"):
        yield

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from labour_market.importing import cbs_import


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


@pytest.fixture
def cbs_labour_market(db):
    """CBS's labour-market tables as shipped in data/ (cohort 2015/'16), imported."""
    folder = Path(settings.OPENDATA_DIR) / "cbs-arbeidsmarkt-ho-2015-16"
    for path in sorted(folder.glob("*.csv")):
        cbs_import(data=path.read_bytes(), file_name=path.name)

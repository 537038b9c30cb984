"""The server process tunes its garbage collector once the application is
loaded (portal.serving): start-up's objects frozen, the youngest generation run
less often."""

import os
import subprocess
import sys
from pathlib import Path

from portal.serving import YOUNG_GENERATION_THRESHOLD

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import gc; import portal.wsgi; "
    "print(gc.get_threshold()[0], gc.get_freeze_count() > 10000)"
)


def test_loading_the_wsgi_application_freezes_start_up_and_spaces_out_collections():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    answer = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert answer.stdout.split() == [str(YOUNG_GENERATION_THRESHOLD), "True"]
    assert YOUNG_GENERATION_THRESHOLD > 700  # Python's default

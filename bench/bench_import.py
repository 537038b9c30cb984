"""Time a full import of the DUO open data (import_opendata) into a fresh SQLite.

Usage: python bench/bench_import.py [--runs 5] [--dir OPENDATA_DIR]

Each run migrates a new temporary database (not timed), then times
`manage.py import_opendata` as a separate process (so Django start-up, about half
a second, is included). The median of the runs is written to docs/PERFORMANCE.md.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(opendata_dir: str | None) -> float:
    with tempfile.TemporaryDirectory() as directory:
        env = {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            **os.environ,
            "DATABASE_URL": f"sqlite:///{directory}/bench.sqlite3",
        }
        if opendata_dir:
            env["OPENDATA_DIR"] = opendata_dir
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        started = time.perf_counter()
        subprocess.run(
            [*manage, "import_opendata"],
            env=env,
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


HEADING = "## Full import of the DUO open data"


def replace_section(document: str, section: str) -> str:
    """The document with its import section replaced (up to the next "## "),
    leaving the other benchmarks' sections as they are."""
    if HEADING not in document:
        return document.rstrip("\n") + "\n\n" + section
    before, rest = document.split(HEADING, 1)
    following = rest.find("\n## ")
    after = rest[following + 1 :] if following >= 0 else ""
    return before + section + after


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dir", default=None, help="OPENDATA_DIR to import from")
    args = parser.parse_args()
    timings = []
    for number in range(1, args.runs + 1):
        seconds = run_once(args.dir)
        timings.append(seconds)
        print(f"run {number}: {seconds:.2f} s")
    median = statistics.median(timings)
    print(f"median of {args.runs}: {median:.2f} s")
    report = ROOT / "docs" / "PERFORMANCE.md"
    section = (
        f"{HEADING}\n\n"
        "`python bench/bench_import.py` imports every file in OPENDATA_DIR "
        "(`manage.py import_opendata`) into a fresh SQLite database, "
        f"{args.runs} times.\n\n"
        f"- Median: **{median:.2f} s** (runs: "
        + ", ".join(f"{t:.2f}" for t in timings)
        + " s; target: under 30 s)\n"
        f"- Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, including Django start-up.\n\n"
    )
    report.write_text(replace_section(report.read_text(encoding="utf-8"), section))
    print(f"written to {report.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

"""Time a full import of the DUO open data (import_opendata) into a fresh SQLite,
optionally with the code before a change measured beside it, in one run.

Usage:
    python bench/bench_import.py [--runs 7] [--dir OPENDATA_DIR]
    python bench/bench_import.py --before /path/to/old/checkout [--runs 7]

Each run migrates a new temporary database (not timed), then times
`manage.py import_opendata --no-progress` as a separate process (so Django
start-up, about half a second, is included). With --before, the old and the new
checkout take turns (old, new, old, new …) on the same files, so that a busy
machine slows both alike; the ratio new/old of the medians is the figure to read.
The table is printed in Markdown for docs/PERFORMANCE.md; nothing is written.
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


def run_once(code: Path, opendata_dir: Path) -> float:
    with tempfile.TemporaryDirectory() as directory:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DATABASE_URL": f"sqlite:///{directory}/bench.sqlite3",
            "OPENDATA_DIR": str(opendata_dir),
        }
        manage = [sys.executable, str(code / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=code)
        started = time.perf_counter()
        subprocess.run(
            [*manage, "import_opendata", "--no-progress"],
            env=env,
            check=True,
            cwd=code,
            stdout=subprocess.DEVNULL,
        )
        return time.perf_counter() - started


def p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20, method="inclusive")[18]


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", default=str(ROOT / "data"), help="OPENDATA_DIR")
    parser.add_argument("--before", default=None, help="checkout of the old code")
    args = parser.parse_args()
    sides = {"new": ROOT}
    if args.before:
        sides = {"old": Path(args.before).resolve(), "new": ROOT}
    timings: dict[str, list[float]] = {side: [] for side in sides}
    started = datetime.now(UTC)
    loads = [load_average()]
    for number in range(1, args.runs + 1):
        for side, code in sides.items():
            seconds = run_once(code, Path(args.dir).resolve())
            timings[side].append(seconds)
            print(f"run {number} {side}: {seconds:.2f} s", flush=True)
        loads.append(load_average())
    print(
        f"\n{started:%Y-%m-%d %H:%M}–{datetime.now(UTC):%H:%M} UTC, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} cores; load average (1, 5, 15 min) "
        f"before and after each round: {' | '.join(loads)}\n"
    )
    print("| code | runs (s) | median (s) | p95 (s) |")
    print("| --- | --- | ---: | ---: |")
    for side, values in timings.items():
        runs = ", ".join(f"{t:.2f}" for t in values)
        median = statistics.median(values)
        print(f"| {side} ({sides[side]}) | {runs} | {median:.2f} | {p95(values):.2f} |")
    if args.before:
        ratio = statistics.median(timings["new"]) / statistics.median(timings["old"])
        print(f"\nnew/old (medians): {ratio:.2f}")


if __name__ == "__main__":
    main()

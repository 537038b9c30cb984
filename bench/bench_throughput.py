"""Throughput ceiling: requests/s of real pages against a bare Django view.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kw_bench_scale \\
        python bench/bench_throughput.py [--duration 10] [--workers 2] [--json out.json]

Starts gunicorn (sync workers, settings `portal.settings.bench`: no page cache)
against the database in DATABASE_URL, which must already be filled
(bench/run_scale.py does it), and drives it with `wrk` for a fixed duration per
URL: the bare view `/bench/bare/` (a constant page through the same middleware,
bench/urls.py), the reference programme page and the unfiltered listing.
--page-cache measures the same with the public page cache on (each worker's
local memory; production shares Redis). Reports requests/s and the ratio to the bare view (targets: programme page at
least 50 %, listing at least 30 %), as a Markdown table and as JSON.

wrk is the Debian package `wrk` (`apt-get install wrk`). Without it, a small
Python client (threads, one request at a time each) is used instead; it is
slower than wrk, so it understates the bare view most and flatters the ratios:
compare only figures measured the same way.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = 8170
TARGETS = {"programme": 0.5, "listing": 0.3}


def page_paths(env: dict) -> dict[str, str]:
    """The bare view, the reference programme and the listing (as bench_pages)."""
    code = (
        "import json, bench_pages as b; u = b.page_urls(); "
        "print(json.dumps({'programme': u['programme'], 'listing': u['listing'], "
        "'programmes': b.Programme.objects.count()}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT / "bench",
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {"bare": "/bench/bare/", **json.loads(output.strip().splitlines()[-1])}


def programme_count(paths: dict) -> int:
    return paths.pop("programmes")


def start_gunicorn(env: dict, workers: int, port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "portal.wsgi:application"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    command += ["--worker-class", "sync", "--log-level", "warning"]
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/bare/", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    stop(server)
    sys.exit("gunicorn did not answer within 20 s")


def stop(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def with_wrk(url: str, duration: int, connections: int) -> float:
    output = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        sys.exit(f"{url}: errors under load:\n{output}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))


def with_python(url: str, duration: int, connections: int) -> float:
    done = [0]
    deadline = time.monotonic() + duration

    def client():
        while time.monotonic() < deadline:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
            done[0] += 1

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / duration


def markdown(result: dict) -> str:
    lines = [
        "| page | requests/s | ratio to bare view | target |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, page in result["pages"].items():
        target = f"≥ {TARGETS[name]:.0%}" if name in TARGETS else ""
        lines.append(
            f"| {name} | {page['requests_per_s']:.0f} | {page['ratio']:.0%} | {target} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="with the public page cache (per worker, local memory) switched on",
    )
    args = parser.parse_args()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        "PAGE_CACHE_SECONDS": "3600" if args.page_cache else "0",
    }
    if "DATABASE_URL" not in env:
        sys.exit("Set DATABASE_URL to a filled database (bench/run_scale.py).")
    load = with_wrk if shutil.which("wrk") else with_python
    if load is with_python:
        print("wrk not found (apt-get install wrk): using the Python client.")
    paths = page_paths(env)
    programmes = programme_count(paths)
    server = start_gunicorn(env, args.workers, args.port)
    try:
        rates = {}
        for name, path in paths.items():
            url = f"http://127.0.0.1:{args.port}{path}"
            load(url, 2, args.connections)  # warm every worker up
            rates[name] = load(url, args.duration, args.connections)
    finally:
        stop(server)
    database = env["DATABASE_URL"].split(":", 1)[0]
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": "sqlite" if database == "sqlite" else "postgresql",
        "programmes": programmes,
        "workers": args.workers,
        "connections": args.connections,
        "duration_s": args.duration,
        "client": "wrk" if load is with_wrk else "python",
        "page_cache": args.page_cache,
        "pages": {
            name: {
                "path": paths[name],
                "requests_per_s": round(rate, 1),
                "ratio": round(rate / rates["bare"], 3),
            }
            for name, rate in rates.items()
        },
    }
    print(markdown(result))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()

"""The page benchmark at several scales on SQLite and PostgreSQL (one command).

Usage:
    python bench/run_scale.py [--scales 0,40000,200000] [--databases sqlite,postgres]
        [--repetitions 30] [--throughput] [--throughput-duration 10] [--reuse]

For each database and each scale (0 = the real catalogue only): a fresh database
(SQLite file /tmp/kw_bench_scale_<N>.sqlite3, or PostgreSQL database
kw_bench_scale_<N>, dropped and created again; with --reuse, a database that
already holds N synthetic programmes is kept, only migrated), `migrate`, `import_opendata` (the real
DUO catalogue from OPENDATA_DIR, default the repository's data/), `load_demo`, then
`generate_synthetic --programmes N`, VACUUM ANALYZE on PostgreSQL (as import_opendata
does after an import), then bench/bench_pages.py in a subprocess
against that DATABASE_URL, once computing the listing's facet counts on every
request and once with them cached (--facet-cache, as in production). Results go to
bench/results/pages_<db>_<N>.json and facetcache_<db>_<N>.json;
bench/perf_report.py then writes docs/perf/pages.md and the plots. With
--throughput, bench/bench_throughput.py also runs against each database, without
and with the page cache.

PostgreSQL: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432), with
createdb/dropdb on the PATH.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

from perf_report import write_report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
POSTGRES_DB = "kw_bench_scale"
ANALYZE = (
    "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
)
COUNT_SYNTHETIC = (
    "from demo.synthetic.markers import synthetic_programmes; "
    "print(synthetic_programmes().count())"
)


def database_url(database: str, scale: int) -> str:
    if database == "sqlite":
        return f"sqlite:////tmp/kw_bench_scale_{scale}.sqlite3"
    server = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")
    return f"{server}/{POSTGRES_DB}_{scale}"


def fresh_database(database: str, url: str) -> None:
    if database == "sqlite":
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    server, name = url.rsplit("/", 1)
    host_args = ["--maintenance-db", f"{server}/postgres"]
    subprocess.run(["dropdb", "--if-exists", *host_args, name], check=True)
    subprocess.run(["createdb", *host_args, name], check=True)


def existing_scale(env: dict) -> int | None:
    """Synthetic programmes in the database at env's DATABASE_URL, None if it
    cannot be read (missing, empty)."""
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", COUNT_SYNTHETIC],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    lines = done.stdout.strip().splitlines()
    return int(lines[-1]) if done.returncode == 0 and lines else None


def manage(env: dict, *args: str) -> None:
    print("+ manage.py", " ".join(args), flush=True)
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}")


def prepare(database: str, scale: int, opendata: Path, reuse: bool) -> dict:
    url = database_url(database, scale)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        "DATABASE_URL": url,
        "OPENDATA_DIR": str(opendata),
    }
    if reuse and existing_scale(env) == scale:
        print(f"+ reusing {url}", flush=True)
        manage(env, "migrate", "--noinput", "-v0")
        return env
    fresh_database(database, url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "import_opendata")
    manage(env, "load_demo")
    if scale:
        manage(env, "generate_synthetic", "--programmes", str(scale), "--seed", "7")
    if database == "postgres":
        # Fresh tables have no planner statistics until autovacuum gets to them,
        # which in production happens minutes after an import: do it now.
        manage(env, "shell", "-c", ANALYZE)
    return env


def run(database: str, scale: int, args) -> list[Path]:
    """The JSON files of one database at one scale: pages, then throughput."""
    print(f"=== {database}, {scale:,} synthetic programmes", flush=True)
    env = prepare(database, scale, args.opendata, args.reuse)
    out = RESULTS / f"pages_{database}_{scale}.json"
    bench = ROOT / "bench"
    command = [sys.executable, str(bench / "bench_pages.py"), "--json", str(out)]
    command += ["--repetitions", str(args.repetitions)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    # The same with the listing's facet counts cached, as in production.
    warm = RESULTS / f"facetcache_{database}_{scale}.json"
    command[3] = str(warm)
    subprocess.run([*command, "--facet-cache"], cwd=ROOT, env=env, check=True)
    outputs = [out, warm]
    if not args.throughput:
        return outputs
    # Without the page cache (the server's work), then with it (what visitors get).
    for suffix, extra in (("", []), ("_cached", ["--page-cache"])):
        throughput = RESULTS / f"throughput_{database}_{scale}{suffix}.json"
        command = [sys.executable, str(bench / "bench_throughput.py"), *extra]
        command += ["--duration", str(args.throughput_duration)]
        command += ["--json", str(throughput)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
        outputs.append(throughput)
    return outputs


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="0,40000,200000")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--repetitions", type=int, default=30)
    parser.add_argument("--throughput", action="store_true")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep a database that already holds this scale (from an earlier run)",
    )
    parser.add_argument("--throughput-duration", type=int, default=10)
    parser.add_argument(
        "--opendata",
        type=Path,
        default=Path(os.environ.get("OPENDATA_DIR", ROOT / "data")),
    )
    args = parser.parse_args()
    if not args.opendata.is_dir():
        sys.exit(f"No DUO open data in {args.opendata}: pass --opendata or set it.")
    RESULTS.mkdir(parents=True, exist_ok=True)
    outputs = [
        run(database, int(scale), args)
        for database in args.databases.split(",")
        for scale in args.scales.split(",")
    ]
    files = [path for paths in outputs for path in paths]
    pages = [path for path in files if path.name.startswith("pages_")]
    throughput = [path for path in files if path.name.startswith("throughput_")]
    warm = [path for path in files if path.name.startswith("facetcache_")]
    print(write_report(pages, throughput, warm))


if __name__ == "__main__":
    main()

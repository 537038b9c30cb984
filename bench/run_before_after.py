"""Old code against new code, side by side in one run (benchmark, not a test).

Usage:
    .venv/bin/python bench/run_before_after.py --before ../bench-before
        [--python .venv/bin/python] [--before-python BEFORE/.venv/bin/python]
        [--databases sqlite,postgres] [--scales 0,40000,200000]
        [--benchmarks pages,preview] [--rounds 4] [--repetitions 10] [--warmup 3]
        [--preview-runs 5] [--old-preview-runs N] [--facet-cache] [--reuse]
        [--tag TAG] [--old-tag TAG]

"Old" is the checkout given by --before (its own venv); "new" is the checkout this
script lives in, run with --python (default: this interpreter). The old code's
databases must be prepared already with the old checkout's bench/run_scale.py
(SQLite /tmp/kw_bench_scale_<N>.sqlite3, PostgreSQL kw_bench_scale_<N>); their
content is never changed (--old-tag T reads kw_bench_scale_<N>_<T> instead: an
old database of one's own). For each database and scale:

1. The prepared database is copied to an "after" database of this run (SQLite
   /tmp/kw_bench_after_<N>_<TAG>.sqlite3; PostgreSQL `createdb -T
   kw_bench_scale_<N> kw_bench_after_<N>_<TAG>`, other connections ended
   first), unless --reuse and it exists. TAG is --tag, by default this process's
   id, so that runs at the same time never share (and overwrite) one; without
   --reuse the after database is removed at the end. Give a fixed --tag with
   --reuse to keep one between runs. The new code's `manage.py migrate` runs
   against it (timed: the new migrations rebuild the summaries). On PostgreSQL both databases then get
   `VACUUM ANALYZE`, so that neither side carries dead rows or stale statistics.
2. pages: each side's own bench/bench_pages.py (through bench/ab_pages.py, which
   keeps every timing), with that side's interpreter and working directory,
   settings portal.settings.bench, no page cache, facet counts computed on every
   request unless --facet-cache. The sides alternate in rounds (old then new, new
   then old, ...; an even number of rounds lets each go first as often), each round
   R timed requests per page after the warm-up, so that noise on the machine hits
   both alike; medians and p95 are pooled over the rounds.
   Results: bench/results/ab_<db>_<N>.json.
3. preview: bench/bench_preview.py (a one-row survey upload's dry run, and its
   apply rolled back) with each side's interpreter and checkout.
   Results: bench/results/ab_preview_<db>_<N>.json.

Examples (from the new checkout; the old one at ../bench-before with its .venv):
    nice -n 10 .venv/bin/python bench/run_before_after.py --before ../bench-before
    nice -n 10 .venv/bin/python bench/run_before_after.py --before ../bench-before \
        --benchmarks preview --databases postgres,sqlite --scales 200000

docs/perf/before_after.md is then written from every ab_*.json in bench/results.
PostgreSQL: POSTGRES_URL (default postgres://postgres@127.0.0.1:5432), with psql,
createdb and dropdb on the PATH. Only kw_bench_after_<N>_<TAG> databases are
dropped.
"""

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from before_after_report import write_report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
SERVER = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432")


@dataclass(frozen=True)
class Side:
    name: str  # "old" or "new"
    checkout: Path
    python: str

    def describe(self) -> dict:
        return {
            "checkout": str(self.checkout),
            "python_executable": self.python,
            "commit": git(self.checkout, "rev-parse", "--short", "HEAD"),
            "uncommitted_changes": bool(
                git(self.checkout, "status", "--porcelain", "--untracked-files=no")
            ),
        }


def git(checkout: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(checkout), *args], capture_output=True, text=True
    )
    return done.stdout.strip()


# Databases ------------------------------------------------------------------


# The tags of this run's databases (arguments()): the after database's own,
# and the old database's ("" = the shared prepared one).
TAGS = {"after": str(os.getpid()), "old": ""}


def database_name(scale: int, after: bool) -> str:
    tag = TAGS["after" if after else "old"]
    name = f"kw_bench_{'after' if after else 'scale'}_{scale}"
    return f"{name}_{tag}" if tag else name


def database_url(database: str, scale: int, after: bool) -> str:
    name = database_name(scale, after)
    if database == "sqlite":
        return f"sqlite:////tmp/{name}.sqlite3"
    return f"{SERVER}/{name}"


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def psql(sql: str, database: str = "postgres") -> str:
    done = subprocess.run(
        ["psql", "-X", "-q", "-t", "-A", "-d", f"{SERVER}/{database}", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def postgres_exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def exists(database: str, scale: int, after: bool) -> bool:
    if database == "sqlite":
        return sqlite_path(database_url(database, scale, after)).exists()
    return postgres_exists(database_name(scale, after))


def end_connections(name: str) -> None:
    psql(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        f"WHERE datname = '{name}' AND pid <> pg_backend_pid()"
    )


def copy_database(database: str, scale: int) -> None:
    """The prepared (old) database copied to the after database, replacing it."""
    source = database_url(database, scale, after=False)
    target = database_url(database, scale, after=True)
    print(f"+ copy {source} -> {target}", flush=True)
    if database == "sqlite":
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{sqlite_path(target)}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(sqlite_path(source), sqlite_path(target))
        return
    old, new = database_name(scale, False), database_name(scale, True)
    maintenance = ["--maintenance-db", f"{SERVER}/postgres"]
    end_connections(new)
    subprocess.run(["dropdb", "--if-exists", *maintenance, new], check=True)
    end_connections(old)
    subprocess.run(["createdb", *maintenance, "-T", old, new], check=True)


def remove_after_database(database: str, scale: int) -> None:
    """This run's after database, removed (not kept with --reuse)."""
    url = database_url(database, scale, after=True)
    print(f"+ remove {url}", flush=True)
    if database == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_path(url)}{suffix}").unlink(missing_ok=True)
        return
    name = database_name(scale, after=True)
    end_connections(name)
    maintenance = ["--maintenance-db", f"{SERVER}/postgres"]
    subprocess.run(["dropdb", "--if-exists", *maintenance, name], check=True)


def vacuum(database: str, scale: int, after: bool, sql: str = "VACUUM ANALYZE"):
    if database == "postgres":
        print(f"+ {sql} {database_name(scale, after)}", flush=True)
        psql(sql, database_name(scale, after))


def bench_env(url: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
        "DATABASE_URL": url,
        "PAGE_CACHE_SECONDS": "0",
    }


def migrate(side: Side, url: str) -> dict:
    """The side's migrations against url: seconds and what was applied."""
    print(f"+ {side.name} code: manage.py migrate ({url})", flush=True)
    start = time.perf_counter()
    done = subprocess.run(
        [side.python, "manage.py", "migrate", "--noinput"],
        cwd=side.checkout,
        env=bench_env(url),
        capture_output=True,
        text=True,
    )
    seconds = round(time.perf_counter() - start, 1)
    if done.returncode:
        sys.exit(f"migrate failed:\n{done.stdout}\n{done.stderr}")
    applied = [
        line.split()[1].removesuffix("...")
        for line in done.stdout.splitlines()
        if line.strip().startswith("Applying")
    ]
    print(f"  {seconds} s, applied: {', '.join(applied) or 'nothing'}", flush=True)
    return {"migrate_s": seconds, "migrations_applied": applied}


def prepare(database: str, scale: int, new: Side, reuse: bool) -> dict:
    """The after database, copied and migrated by the new code, both vacuumed."""
    if not exists(database, scale, after=False):
        sys.exit(
            f"{database_url(database, scale, False)} is missing: prepare it with the "
            "old checkout's bench/run_scale.py"
        )
    if reuse and exists(database, scale, after=True):
        print(f"+ reusing {database_url(database, scale, True)}", flush=True)
        copied = False
    else:
        copy_database(database, scale)
        copied = True
    migrated = migrate(new, database_url(database, scale, after=True))
    vacuum(database, scale, after=False)
    vacuum(database, scale, after=True)
    return {"copied": copied, **migrated}


# Pages ----------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile, as bench_pages.py computes it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def pages_run(side: Side, url: str, args, folder: Path, label: str) -> dict:
    """One bench_pages.py run of one side: its JSON with the single timings."""
    out, samples = folder / f"{label}.json", folder / f"{label}_samples.json"
    command = [side.python, str(HERE / "ab_pages.py"), "--checkout"]
    command += [str(side.checkout), "--samples", str(samples), "--"]
    command += ["--repetitions", str(args.repetitions), "--warmup", str(args.warmup)]
    command += ["--json", str(out), *(["--facet-cache"] if args.facet_cache else [])]
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=side.checkout, env=bench_env(url), capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"{label} failed:\n{done.stdout}\n{done.stderr}")
    if done.stderr.strip():
        print(done.stderr.strip(), file=sys.stderr)
    result = json.loads(out.read_text())
    result["samples"] = json.loads(samples.read_text())
    result["seconds"] = round(time.perf_counter() - start, 1)
    listing = result["pages"]["listing"]["median_ms"]
    print(f"  {label}: {result['seconds']} s (listing median {listing} ms)", flush=True)
    return result


def alternate(sides: tuple[Side, Side], urls: dict, args) -> dict[str, list[dict]]:
    """Runs per side: round 1 old then new, round 2 new then old, and so on."""
    runs = {side.name: [] for side in sides}
    with tempfile.TemporaryDirectory(prefix="kw_ab_") as folder:
        for round_number in range(1, args.rounds + 1):
            order = sides if round_number % 2 else sides[::-1]
            for side in order:
                label = f"round{round_number}_{side.name}"
                run = pages_run(side, urls[side.name], args, Path(folder), label)
                run["round"] = round_number
                runs[side.name].append(run)
    return runs


def pooled(runs: list[dict]) -> dict[str, dict]:
    """Per page: median, p95 and max over every round's timings, and the queries."""
    pages = {}
    for name, page in runs[0]["pages"].items():
        samples = [
            sample
            for run in runs
            for sample in run["samples"][run["pages"][name]["url"]]
        ]
        walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
        queries = sorted({run["pages"][name]["queries"] for run in runs})
        pages[name] = {
            "url": page["url"],
            "requests": len(walls),
            "median_ms": round(statistics.median(walls), 1),
            "p95_ms": round(percentile(walls, 0.95), 1),
            "max_ms": round(max(walls), 1),
            "cpu_median_ms": round(statistics.median(cpus), 1),
            "queries": queries[-1],
            "queries_varied": queries if len(queries) > 1 else None,
            "sql_ms": round(
                statistics.median(r["pages"][name]["sql_ms"] for r in runs), 1
            ),
            "round_medians_ms": [r["pages"][name]["median_ms"] for r in runs],
            "samples_ms": [round(wall, 1) for wall in walls],
        }
    return pages


def side_by_side(old: dict, new: dict) -> dict[str, dict]:
    pages = {}
    for name, before in old.items():
        after = new.get(name)
        if after is None:
            continue
        pages[name] = {
            "old": before,
            "new": after,
            "ratio_median": round(after["median_ms"] / before["median_ms"], 2),
            "ratio_p95": round(after["p95_ms"] / before["p95_ms"], 2),
            "same_url": before["url"] == after["url"],
        }
    return pages


def run_facts(runs: list[dict]) -> dict:
    first = runs[0]
    return {
        "python": first["python"],
        "programmes": first["programmes"],
        "published_programmes": first["published_programmes"],
        "missing_indexes": first["missing_indexes"],
        "runs": [
            {
                "round": run["round"],
                "measured_at": run["measured_at"],
                "seconds": run["seconds"],
                "load_average": [run["load_average_before"], run["load_average_after"]],
            }
            for run in runs
        ],
    }


def pages_benchmark(sides, database: str, scale: int, args, prepared: dict) -> Path:
    urls = {"old": database_url(database, scale, False)}
    urls["new"] = database_url(database, scale, True)
    load_before = os.getloadavg()[0]
    started = datetime.now(UTC).isoformat(timespec="seconds")
    runs = alternate(sides, urls, args)
    old, new = runs["old"][0], runs["new"][0]
    if old["programmes"] != new["programmes"]:
        sys.exit(f"old has {old['programmes']} programmes, new {new['programmes']}")
    result = {
        "measured_at": started,
        "database": old["database"],
        "database_version": old["database_version"],
        "scale": scale,
        "programmes": old["programmes"],
        "cpus": os.cpu_count(),
        "rounds": args.rounds,
        "repetitions": args.repetitions,
        "warmup": args.warmup,
        "facet_cache": args.facet_cache,
        "load_average": [load_before, os.getloadavg()[0]],
        **prepared,
        "old": {**sides[0].describe(), **run_facts(runs["old"])},
        "new": {**sides[1].describe(), **run_facts(runs["new"])},
        "pages": side_by_side(pooled(runs["old"]), pooled(runs["new"])),
    }
    out = RESULTS / f"ab_{database}_{scale}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    return out


# Preview --------------------------------------------------------------------


def preview_run(side: Side, url: str, runs: int) -> dict:
    print(f"+ {side.name} code: bench_preview.py ({url})", flush=True)
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [side.python, str(HERE / "bench_preview.py"), "--checkout"]
        command += [str(side.checkout), "--runs", str(runs), "--json", out.name]
        subprocess.run(command, cwd=side.checkout, env=bench_env(url), check=True)
        return json.loads(Path(out.name).read_text())


def preview_benchmark(sides, database: str, scale: int, args, prepared: dict) -> Path:
    old_runs = args.old_preview_runs or args.preview_runs
    old = preview_run(sides[0], database_url(database, scale, False), old_runs)
    new = preview_run(sides[1], database_url(database, scale, True), args.preview_runs)
    # The rolled-back writes leave dead rows on PostgreSQL: clear them for later runs.
    vacuum(database, scale, after=False, sql="VACUUM")
    vacuum(database, scale, after=True, sql="VACUUM")
    result = {
        "measured_at": old["measured_at"],
        "database": old["database"],
        "database_version": old["database_version"],
        "scale": scale,
        "programmes": old["programmes"],
        **prepared,
        "old": {**sides[0].describe(), **old},
        "new": {**sides[1].describe(), **new},
        "ratio_median": round(new["preview_median_s"] / old["preview_median_s"], 3),
    }
    out = RESULTS / f"ab_preview_{database}_{scale}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    return out


# Main -----------------------------------------------------------------------


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--before", type=Path, required=True, help="old checkout")
    parser.add_argument("--before-python", help="default: BEFORE/.venv/bin/python")
    parser.add_argument("--python", default=sys.executable, help="new code's python")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--scales", default="0,40000,200000")
    parser.add_argument("--benchmarks", default="pages", help="pages,preview")
    parser.add_argument(
        "--rounds", type=int, default=4, help="even: each side goes first as often"
    )
    parser.add_argument("--repetitions", type=int, default=10, help="per round")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--preview-runs", type=int, default=5)
    parser.add_argument(
        "--old-preview-runs", type=int, help="default: --preview-runs (old is slow)"
    )
    parser.add_argument("--facet-cache", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep after databases")
    parser.add_argument(
        "--tag",
        default=TAGS["after"],
        help="names the after databases (default: this process's id)",
    )
    parser.add_argument(
        "--old-tag", default="", help="read kw_bench_scale_<N>_<TAG> as the old one"
    )
    args = parser.parse_args()
    TAGS.update(after=args.tag, old=args.old_tag)
    return args


def main() -> None:
    args = arguments()
    before = args.before.resolve()
    old = Side("old", before, args.before_python or str(before / ".venv/bin/python"))
    sides = (old, Side("new", ROOT, args.python))
    benchmarks = args.benchmarks.split(",")
    RESULTS.mkdir(parents=True, exist_ok=True)
    for database in args.databases.split(","):
        for scale in map(int, args.scales.split(",")):
            print(f"=== {database}, {scale:,} synthetic programmes", flush=True)
            prepared = prepare(database, scale, sides[1], args.reuse)
            if "pages" in benchmarks:
                print(
                    f"wrote {pages_benchmark(sides, database, scale, args, prepared)}"
                )
            if "preview" in benchmarks:
                out = preview_benchmark(sides, database, scale, args, prepared)
                print(f"wrote {out}")
            if not args.reuse:
                remove_after_database(database, scale)
    print(write_report())


if __name__ == "__main__":
    main()

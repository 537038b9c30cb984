"""Run a checkout's own bench/bench_pages.py and keep every timed request.

Usage (run_before_after.py calls it; the interpreter and the working directory are
those of the checkout measured):
    cd CHECKOUT && DATABASE_URL=... PYTHON path/to/ab_pages.py --checkout CHECKOUT \\
        --samples samples.json [--script bench_search.py] \\
        -- [the script's options: --repetitions 10 --json ...]

bench_pages.py reports a median and a p95 per run; to pool several rounds into one
median and p95, run_before_after.py needs the single timings. This loads
CHECKOUT/bench/bench_pages.py as bench_pages.py would run (CHECKOUT and its bench/
first on sys.path, this file's folder off it), wraps its `timed` function to record
each request's wall and CPU ms by URL, runs its main() and writes
{url: [[wall_ms, cpu_ms], ...]} to --samples. It stops if the apps were imported
from anywhere but CHECKOUT. With --script, CHECKOUT/bench/SCRIPT's main() runs
instead, on the same wrapped harness (bench_search.py and bench_typeahead.py time
their addresses with bench_pages.py's `timed`).
"""

import argparse
import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_bench_pages(checkout: Path, arguments: list[str]):
    """bench_pages.py of `checkout`, imported (which sets Django up) with its argv."""
    script = checkout / "bench" / "bench_pages.py"
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
    sys.path[:0] = [str(script.parent), str(checkout)]
    sys.argv = [str(script), *arguments]
    spec = importlib.util.spec_from_file_location("bench_pages", script)
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pages"] = module
    spec.loader.exec_module(module)
    return module


def check_imported_from(checkout: Path) -> None:
    import programmes

    imported = Path(programmes.__file__).resolve()
    if not imported.is_relative_to(checkout):
        sys.exit(f"programmes was imported from {imported}, not from {checkout}")


def record_samples(module) -> dict[str, list[list[float]]]:
    """Wrap module.timed; the returned dict fills as requests are timed."""
    if not hasattr(module, "timed"):
        sys.exit(f"{module.__file__} has no timed(client, url) to wrap")
    samples: dict[str, list[list[float]]] = {}
    timed = module.timed

    def recording(client, url):
        wall, cpu = timed(client, url)
        samples.setdefault(url, []).append([wall, cpu])
        return wall, cpu

    module.timed = recording
    return samples


def run_script(checkout: Path, name: str) -> None:
    """CHECKOUT/bench/NAME's main(), importing the bench_pages module loaded."""
    script = checkout / "bench" / name
    spec = importlib.util.spec_from_file_location(script.stem, script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--checkout", type=Path, required=True)
    parser.add_argument("--samples", type=Path, required=True)
    parser.add_argument("--script", help="a bench/ script other than bench_pages.py")
    parser.add_argument("arguments", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    arguments = args.arguments[1:] if args.arguments[:1] == ["--"] else args.arguments
    module = load_bench_pages(checkout, arguments)
    check_imported_from(checkout)
    samples = record_samples(module)
    if args.script:
        run_script(checkout, args.script)
    else:
        module.main()
    args.samples.write_text(json.dumps(samples) + "\n")


if __name__ == "__main__":
    main()

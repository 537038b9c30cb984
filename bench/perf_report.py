"""Tables and plots from bench_pages.py results (bench/results/pages_*.json).

Usage: python bench/perf_report.py [bench/results/{pages,throughput}_*.json ...]

Writes docs/perf/pages.md (a Markdown fragment for docs/PERFORMANCE.md, also
printed) and docs/perf/pages_p95.svg and docs/perf/pages_queries.svg: per
database, how each page's p95 and query count grow with the number of
programmes. Both axes of the p95 plot are logarithmic, so cost that grows in
proportion to the data shows as a slope of one decade per decade.
"""

import json
import math
import sys
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
OUT = ROOT / "docs" / "perf"
# Targets of issues 4 and 7 (p95 under 100 ms at 4k, under 150 ms at scale).
TARGETS = {"p95_ms": (100, 150)}
COLOURS = [
    "#1b6ca8",
    "#d1495b",
    "#2e933c",
    "#edae49",
    "#7b4b94",
    "#00798c",
    "#8d6a3f",
    "#444444",
]


def load(paths: list[Path]) -> dict[str, list[dict]]:
    """Results per database vendor, by number of programmes."""
    runs: dict[str, list[dict]] = {}
    for path in paths:
        result = json.loads(path.read_text())
        runs.setdefault(result["database"], []).append(result)
    for results in runs.values():
        results.sort(key=lambda r: r["programmes"])
    return runs


def _cells(page: dict) -> str:
    cpu = f" ({page['cpu_median_ms']})" if "cpu_median_ms" in page else ""
    return f" {page['median_ms']} / {page['p95_ms']}{cpu} | {page['queries']} |"


def markdown(runs: dict[str, list[dict]]) -> str:
    lines = []
    for database, results in runs.items():
        first = results[0]
        lines += [
            f"**{database}** ({first['database_version']}), "
            f"{'/'.join(str(r['repetitions']) for r in results)} "
            "repetitions per page, server time in ms through the full middleware "
            "stack (Django test client), no page cache; CPU = median CPU time of "
            "the Django process (without PostgreSQL's own). Measured "
            f"{first['measured_at'][:16].replace('T', ' ')} UTC, Python "
            f"{first['python']}, {first.get('cpus', '?')} CPUs:",
            "",
        ]
        head = "| page |" + "".join(
            f" {r['programmes']:,} progr.: median / p95 (CPU) | queries |"
            for r in results
        )
        lines += [head, "| --- |" + " ---: | ---: |" * len(results)]
        for page in first["pages"]:
            cells = "".join(_cells(r["pages"][page]) for r in results)
            lines.append(f"| {page} |{cells}")
        loads = ", ".join(
            f"{r['load_average_before']:.1f} → {r['load_average_after']:.1f}"
            for r in results
            if "load_average_before" in r
        )
        if loads:
            lines.append(f"\nLoad average (1 min) before → after each run: {loads}.")
        lines.append("")
    return "\n".join(lines)


def facet_cache_markdown(paths: list[Path]) -> str:
    """The listing pages with their facet counts cached (bench_pages --facet-cache)."""
    if not paths:
        return ""
    results = sorted(
        (json.loads(path.read_text()) for path in paths),
        key=lambda result: (result["database"], result["programmes"]),
    )
    listings = [name for name in results[0]["pages"] if name.startswith("listing")]
    lines = [
        "Listing pages with the facet counts and number of results cached until "
        "content changes (`FACET_CACHE_SECONDS`, as in production; the page and "
        "its rows are still rendered and queried), median / p95 ms (queries):",
        "",
        "| database | programmes | " + " | ".join(listings) + " |",
        "| --- | ---: |" + " ---: |" * len(listings),
    ]
    for result in results:
        cells = " | ".join(
            f"{page['median_ms']} / {page['p95_ms']} ({page['queries']})"
            for name, page in result["pages"].items()
            if name in listings
        )
        lines.append(f"| {result['database']} | {result['programmes']:,} | {cells} |")
    return "\n".join([*lines, ""])


def throughput_markdown(paths: list[Path]) -> str:
    """Requests/s under gunicorn against the bare view (bench_throughput.py)."""
    if not paths:
        return ""
    results = sorted(
        (json.loads(path.read_text()) for path in paths),
        key=lambda result: (result["database"], result["programmes"]),
    )
    first = results[0]
    lines = [
        f"Throughput: gunicorn, {first['workers']} sync workers, {first['client']} "
        f"with {first['connections']} connections, {first['duration_s']} s per page:",
        "",
        "| database | programmes | page cache | page | requests/s | ratio to bare |",
        "| --- | --- | --- | --- | ---: | ---: |",
    ]
    for result in results:
        cache = "on" if result.get("page_cache") else "off"
        for name, page in result["pages"].items():
            lines.append(
                f"| {result['database']} | {result.get('programmes', '?'):,} "
                f"| {cache} | {name} "
                f"| {page['requests_per_s']:.0f} | {page['ratio']:.0%} |"
            )
    return "\n".join([*lines, ""])


def _scale(values, low, high, log=True, decades=False):
    lo, hi = min(values), max(values)
    if log:
        lo, hi = math.log10(lo), math.log10(hi)
    if decades:
        lo, hi = math.floor(lo), math.ceil(hi)
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5

    def position(value):
        value = math.log10(value) if log else value
        return low + (value - lo) / (hi - lo) * (high - low)

    return position, lo, hi


def _panel(x0, database, results, metric, log_y) -> list[str]:
    """One database: a line per page, x = programmes (log), y = the metric."""
    width, height, left, bottom = 420, 260, 55, 40
    xs = [r["programmes"] for r in results]
    ys = [max(r["pages"][p][metric], 0.1) for r in results for p in r["pages"]]
    fx, _, _ = _scale(xs, x0 + left + 15, x0 + width - 45)
    floor = 1 if log_y else 0
    fy, lo, hi = _scale([*ys, floor], height - bottom, 20, log=log_y, decades=log_y)
    parts = [
        f'<text x="{x0 + width / 2}" y="14" text-anchor="middle" '
        f'font-weight="bold">{escape(database)}</text>',
        f'<line x1="{x0 + left}" y1="{height - bottom}" x2="{x0 + width - 10}" '
        f'y2="{height - bottom}" stroke="#888"/>',
        f'<line x1="{x0 + left}" y1="20" x2="{x0 + left}" y2="{height - bottom}" '
        'stroke="#888"/>',
    ]
    for x in xs:
        parts.append(
            f'<text x="{fx(x):.1f}" y="{height - bottom + 16}" text-anchor="middle">'
            f"{x:,}</text>"
        )
    ticks = (
        [10**e for e in range(lo, hi + 1)]
        if log_y
        else [round(lo + (hi - lo) * i / 4) for i in range(5)]
    )
    for tick in ticks:
        parts.append(
            f'<text x="{x0 + left - 6}" y="{fy(tick) + 4:.1f}" text-anchor="end">'
            f"{tick:g}</text>"
        )
    for target in TARGETS.get(metric, ()):
        y = fy(target)
        parts.append(
            f'<line x1="{x0 + left}" y1="{y:.1f}" x2="{x0 + width - 10}" y2="{y:.1f}" '
            'stroke="#999" stroke-dasharray="4 3"/>'
            f'<text x="{x0 + width - 12}" y="{y - 3:.1f}" text-anchor="end" '
            f'fill="#666">{target} ms</text>'
        )
    for index, page in enumerate(results[0]["pages"]):
        colour = COLOURS[index % len(COLOURS)]
        points = [
            (fx(r["programmes"]), fy(max(r["pages"][page][metric], 0.1)))
            for r in results
        ]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" '
            'stroke-width="2"/>'
        )
        parts += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>'
            for x, y in points
        ]
    return parts


def svg(runs: dict[str, list[dict]], metric: str, title: str, log_y: bool) -> str:
    panel_width, legend_height = 420, 70
    width = panel_width * max(1, len(runs))
    parts = []
    for index, (database, results) in enumerate(runs.items()):
        parts += _panel(index * panel_width, database, results, metric, log_y)
    pages = list(next(iter(runs.values()))[0]["pages"])
    for index, page in enumerate(pages):
        x, y = 20 + (index % 4) * 200, 270 + (index // 4) * 20
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="12" height="4" '
            f'fill="{COLOURS[index % len(COLOURS)]}"/>'
            f'<text x="{x + 18}" y="{y - 4}">{escape(page)}</text>'
        )
    height = 260 + legend_height
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11" '
        f'role="img" aria-label="{escape(title)}"><title>{escape(title)}</title>'
        f'<rect width="100%" height="100%" fill="white"/>{"".join(parts)}</svg>\n'
    )


def write_report(
    paths: list[Path], throughput: list[Path] = (), warm: list[Path] = ()
) -> str:
    runs = load(paths)
    OUT.mkdir(parents=True, exist_ok=True)
    table = "\n".join(
        [
            markdown(runs),
            facet_cache_markdown(list(warm)),
            throughput_markdown(list(throughput)),
        ]
    )
    (OUT / "pages.md").write_text(table)
    (OUT / "pages_p95.svg").write_text(
        svg(runs, "p95_ms", "p95 server time (ms, log) against programmes (log)", True)
    )
    (OUT / "pages_queries.svg").write_text(
        svg(runs, "queries", "SQL queries per page against programmes (log)", False)
    )
    return table


if __name__ == "__main__":
    given = [Path(arg) for arg in sys.argv[1:]] or sorted(RESULTS.glob("pages_*.json"))
    pages = [path for path in given if path.name.startswith("pages_")]
    throughput = [path for path in given if path.name.startswith("throughput_")]
    warm = [path for path in given if path.name.startswith("facetcache_")]
    if not sys.argv[1:]:
        throughput = sorted(RESULTS.glob("throughput_*.json"))
        warm = sorted(RESULTS.glob("facetcache_*.json"))
    print(write_report(pages, throughput, warm))

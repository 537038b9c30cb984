"""The old-against-new tables from run_before_after.py's results.

Usage: python bench/before_after_report.py [bench/results/ab_*.json ...]

Writes docs/perf/before_after.md (also printed): per database, a table of every
scale and page with the old and new code's median and p95 (ms), the ratios
new/old and the query counts, and how each scale was measured; then the one-row
upload preview (ab_preview_*.json), if measured. Without arguments it reads every
ab_*.json in bench/results.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
OUT = HERE.parent / "docs" / "perf" / "before_after.md"
DATABASE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}

INTRO = """# Old code against new code, one run

`bench/run_before_after.py`: server time in ms through the full middleware stack
(Django test client), settings `portal.settings.bench`, no page cache. The old code
runs against the prepared database, the new code against a copy of it migrated by
the new code; each side runs its own `bench/bench_pages.py` with its own
interpreter. The sides alternate in rounds (old then new, new then old, ...) and
the medians and p95 are pooled over the rounds. CPU = median CPU time of the Django
process (without PostgreSQL's own). Ratio = new / old of the wall times: below 1
the new code is faster.
"""


def load(paths: list[Path]) -> tuple[list[dict], list[dict]]:
    results = [json.loads(path.read_text()) for path in paths]
    results.sort(key=lambda result: (result["database"], result["programmes"]))
    pages = [result for result in results if "pages" in result]
    previews = [result for result in results if "preview_median_s" in result["old"]]
    return pages, previews


def code(side: dict) -> str:
    changes = " + uncommitted changes" if side["uncommitted_changes"] else ""
    return f"{side['commit']}{changes} (`{side['checkout']}`)"


def when(result: dict) -> str:
    return result["measured_at"][:16].replace("T", " ") + " UTC"


def page_rows(result: dict) -> list[str]:
    rows = []
    for name, page in result["pages"].items():
        old, new = page["old"], page["new"]
        queries = f"{old['queries']} → {new['queries']}"
        if old["queries_varied"] or new["queries_varied"]:
            queries += " (varied)"
        note = "" if page["same_url"] else " ¹"
        rows.append(
            f"| {result['programmes']:,} | {name}{note} "
            f"| {old['median_ms']} / {old['p95_ms']} ({old['cpu_median_ms']}) "
            f"| {new['median_ms']} / {new['p95_ms']} ({new['cpu_median_ms']}) "
            f"| **{page['ratio_median']:.2f}** | {page['ratio_p95']:.2f} "
            f"| {queries} |"
        )
    return rows


def how_measured(result: dict) -> str:
    migrated = ", ".join(result["migrations_applied"]) or "nothing to apply"
    reused = "" if result["copied"] else ", reused from an earlier run"
    load = " → ".join(f"{value:.1f}" for value in result["load_average"])
    missing = {side: result[side]["missing_indexes"] for side in ("old", "new")}
    warning = "".join(
        f"; **{side} database lacks {', '.join(names)}**"
        for side, names in missing.items()
        if names
    )
    return (
        f"- {result['programmes']:,} programmes: measured {when(result)}, "
        f"{result['rounds']} rounds × {result['repetitions']} requests per page "
        f"and side (after {result['warmup']} warm-up), facet cache "
        f"{'on' if result['facet_cache'] else 'off'}; load average (1 min) "
        f"{load}; old code {code(result['old'])}, Python {result['old']['python']}; "
        f"new code {code(result['new'])}, Python {result['new']['python']}; "
        f"after database migrated by the new code in {result['migrate_s']} s "
        f"({migrated}{reused}){warning}."
    )


def database_section(database: str, results: list[dict]) -> list[str]:
    first = results[0]
    lines = [
        f"## {DATABASE_NAMES.get(database, database)} {first['database_version']}",
        "",
        "| programmes | page | old median / p95 (CPU) | new median / p95 (CPU) "
        "| new/old median | new/old p95 | queries old → new |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in results:
        lines += page_rows(result)
    lines.append("")
    if not all(page["same_url"] for r in results for page in r["pages"].values()):
        lines += ["¹ The two sides requested different URLs (see the JSON).", ""]
    lines += [how_measured(result) for result in results]
    return [*lines, ""]


def preview_section(previews: list[dict]) -> list[str]:
    lines = [
        "## One-row upload preview (`bench/bench_preview.py`)",
        "",
        "`import_preview` of a survey-score file with one row (the reference "
        "programme's overall score), timed several times; `import_apply` of the "
        "same row once, with its on-commit work, rolled back. Seconds.",
        "",
        "| database | programmes | old preview median / max | new preview median / "
        "max | new/old | old apply | new apply | queries old → new (preview) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for result in previews:
        old, new = result["old"], result["new"]
        lines.append(
            f"| {DATABASE_NAMES.get(result['database'], result['database'])} "
            f"{result['database_version']} | {result['programmes']:,} "
            f"| {old['preview_median_s']} / {old['preview_max_s']} "
            f"| {new['preview_median_s']} / {new['preview_max_s']} "
            f"| **{result['ratio_median']:.3f}** | {old.get('apply_s', '–')} "
            f"| {new.get('apply_s', '–')} "
            f"| {old['preview_queries']} → {new['preview_queries']} |"
        )
    lines.append("")
    for result in previews:
        old, new = result["old"], result["new"]
        lines.append(
            f"- {result['database']} {result['programmes']:,}: measured "
            f"{when(result)}, {len(old['preview_s'])} / {len(new['preview_s'])} "
            f"previews, load average {old['load_average_before']:.1f} → "
            f"{new['load_average_after']:.1f}; old code {code(old)}, new code "
            f"{code(new)}."
        )
    return [*lines, ""]


def write_report(paths: list[Path] | None = None) -> str:
    if paths is None:
        paths = sorted(RESULTS.glob("ab_*.json"))
    pages, previews = load(paths)
    lines = [INTRO]
    for database in sorted({result["database"] for result in pages}):
        lines += database_section(
            database, [result for result in pages if result["database"] == database]
        )
    if previews:
        lines += preview_section(previews)
    text = "\n".join(lines)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    return text


if __name__ == "__main__":
    print(write_report([Path(arg) for arg in sys.argv[1:]] or None))

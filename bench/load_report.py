"""Print the locust results (load_stats.csv) as a Markdown table for PERFORMANCE.md."""

import csv
import sys

with open(sys.argv[1], encoding="utf-8") as file:
    rows = list(csv.DictReader(file))
print("| page | requests | failures | p50 (ms) | p95 (ms) | p99 (ms) | req/s |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for row in rows:
    name = row["Name"] if row["Name"] != "Aggregated" else "**all pages**"
    print(
        f"| {name} | {row['Request Count']} | {row['Failure Count']} "
        f"| {row['50%']} | {row['95%']} | {row['99%']} "
        f"| {float(row['Requests/s']):.1f} |"
    )

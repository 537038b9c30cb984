"""Server time and SQL queries per API endpoint (benchmark, not a test).

Usage:
    DATABASE_URL=sqlite:////tmp/kw.sqlite3 python bench/bench_api.py \\
        [--repetitions 30] [--warmup 3]

As bench/bench_pages.py (its measuring and its database: the DUO catalogue
and the demo data), for the API: the programme list (plain, searched,
filtered, a deep cursor page), the reference programme's figures and the
lists of institutions, studies, survey rounds and sources. The rate limit is
off: it would refuse the repetitions.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.conf import settings
from django.db import connection
from django.test import Client

from bench import bench_pages  # first: it sets up Django
from programmes.models import Programme

LIST = "/api/v1/programmes/"


def api_urls(client: Client) -> dict[str, str]:
    reference = bench_pages.reference_programme()
    if reference is None:
        sys.exit("The reference programme (CROHO 66990, Leiden) is missing.")
    # A cursor ten pages of 100 in: a keyset page costs what the first does.
    url = f"{LIST}?limit=100"
    for _ in range(10):
        url = client.get(url).json()["next"].replace("http://testserver", "")
    return {
        "programmes": LIST,
        "programmes_100": f"{LIST}?limit=100",
        "programmes_cursor_10": url,
        "programmes_search": f"{LIST}?{bench_pages.SEARCH}",
        "programmes_3_filters": f"{LIST}?{bench_pages.THREE_FILTERS}",
        "programme": f"{LIST}{reference.slug}/",
        "institutions": "/api/v1/institutions/?limit=100",
        "studies": "/api/v1/studies/?limit=100",
        "study": f"/api/v1/studies/{reference.study.slug}/",
        "survey_rounds": "/api/v1/survey-rounds/?limit=100",
        "sources": "/api/v1/sources/?limit=100",
    }


def main() -> None:
    repetitions = (
        int(sys.argv[sys.argv.index("--repetitions") + 1])
        if ("--repetitions" in sys.argv)
        else 30
    )
    settings.API_RATE_LIMIT = 0
    client = Client()
    urls = api_urls(client)
    load_before = os.getloadavg()[0]
    result = {
        "database": connection.vendor,
        "programmes": Programme.objects.count(),
        "repetitions": repetitions,
        "pages": bench_pages.measure(client, urls, repetitions, warmup=3),
    }
    bench_pages.print_table(result)
    print(f"load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()

"""The database's planner statistics, brought up to date after a bulk load.

PostgreSQL plans every query on statistics of each table's contents, which
autovacuum refreshes only some time after a load. Until then a table that grew
from nothing to 200,000 rows is planned as if empty: nested loops over what is
now thousands of rows (a search page hit the statement timeout that way in CI,
before its test data were analysed). So a bulk import analyses what it loaded
at its end, and vacuums it too where it can (outside a transaction): the
summaries an import rewrites leave as many dead rows as live ones, and with
only fresh statistics PostgreSQL still read all 206,747 summaries for a search
(a parallel sequential scan, 770 ms) instead of the tokens' index (112 ms after
VACUUM ANALYZE; docs/PERFORMANCE.md, "Search"). SQLite plans without such
statistics unless asked to keep them, and is left as it is.
"""

from django.db import connection


def planner_statistics_refresh(*, vacuum: bool = True) -> str:
    """Analyse every table on PostgreSQL, and vacuum them too unless told not to
    or inside a transaction (VACUUM cannot run in one); the statement run, or
    "" on SQLite.

    Before the derived data is rebuilt from what was loaded (the summaries, the
    studies' and institutions' sums), analysing is enough and is what matters:
    planned on the statistics of empty tables, the sums' grouped queries over
    the real catalogue's records ran past the 10 s statement timeout. After the
    rebuild, vacuuming clears the rows it replaced."""
    if connection.vendor != "postgresql":
        return ""
    statement = (
        "VACUUM ANALYZE" if vacuum and not connection.in_atomic_block else "ANALYZE"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement)
    return statement

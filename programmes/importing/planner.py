"""The database's planner statistics, brought up to date after a bulk load.

PostgreSQL plans every query on statistics of each table's contents, which
autovacuum refreshes only some time after a load. Until then a table that grew
from nothing to 200,000 rows is planned as if empty: nested loops over what is
now thousands of rows (a search page hit the statement timeout that way in CI,
before its test data were analysed). So a bulk import analyses what it loaded
at its end. SQLite plans without such statistics unless asked to keep them, and
is left as it is.
"""

from django.db import connection


def planner_statistics_refresh() -> bool:
    """Analyse every table on PostgreSQL; whether the database was asked to."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True

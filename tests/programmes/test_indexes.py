"""The indexes the listing's and the pages' speed depend on exist in the database.

bench/bench_pages.py measures the pages with these indexes; dropping one (a model
or migration edit) would slow the listing at scale without failing any other test.
The test database is built from the models (pytest runs with --no-migrations), so
the PostgreSQL-only search indexes of migration 0003 are created here by that
migration's own code, as `migrate` does.
"""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from careers.models import CareerFigure, CareerOutcome
from programmes.models import Enrolment, Programme, TuitionFee
from public.models import ProgrammeSummary
from surveys.models import ProgrammeScore

pytestmark = pytest.mark.django_db

# Sorting, the threshold facets and the most selective filters of the listing.
SUMMARY_INDEXES = {
    "summary_name_nl_id_idx": ["sort_name_nl", "programme_id"],
    "summary_name_en_id_idx": ["sort_name_en", "programme_id"],
    "summary_level_idx": ["level"],
    "summary_sector_idx": ["sector"],
    "summary_language_idx": ["language"],
    "summary_province_idx": ["province"],
    "summary_score_idx": ["overall_score"],
    "summary_students_idx": ["students"],
    "summary_salary_idx": ["starting_salary"],
}
# Columns (leading first) that an index or unique constraint must cover: the
# joins and per-programme lookups of the listing, the pages and the summaries.
INDEXED_COLUMNS = [
    (Programme, ["study_id"]),
    (Programme, ["institution_id"]),
    (Programme, ["municipality_id"]),
    # City and institution pages: their programmes by name, in each language.
    (Programme, ["municipality_id", "name_nl"]),
    (Programme, ["municipality_id", "name_en"]),
    (Programme, ["institution_id", "name_nl"]),
    (Programme, ["institution_id", "name_en"]),
    (Programme, ["slug"]),
    # A city's programme count, from the index alone.
    (
        Programme,
        [
            "municipality_id",
            "funding",
            "is_published",
            "institution_id",
            "study_id",
            "source_id",
        ],
    ),
    (ProgrammeSummary, ["institution_id"]),
    (ProgrammeSummary, ["municipality_id"]),
    (Enrolment, ["programme_id", "academic_year"]),
    (TuitionFee, ["programme_id", "academic_year", "kind"]),
    (ProgrammeScore, ["programme_id"]),
    (ProgrammeScore, ["survey_round_id", "programme_id", "aspect_id"]),
    (CareerOutcome, ["study_id", "year"]),
    (CareerFigure, ["outcome_id", "metric"]),
]
POSTGRES_SORT_ORDERS = {
    "summary_score_order_idx": "overall_score",
    "summary_students_order_idx": "students",
    "summary_salary_order_idx": "starting_salary",
}
POSTGRES_SEARCH_INDEXES = {
    "summary_search_text_trgm_idx": "(search_text gin_trgm_ops)",
}


def constraints_of(model) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


def test_listing_sort_and_filter_indexes_exist():
    constraints = constraints_of(ProgrammeSummary)
    for name, columns in SUMMARY_INDEXES.items():
        assert name in constraints, name
        assert constraints[name]["index"]
        assert constraints[name]["columns"] == columns


@pytest.mark.parametrize(
    ("model", "columns"),
    INDEXED_COLUMNS,
    ids=[f"{m.__name__}-{'-'.join(c)}" for m, c in INDEXED_COLUMNS],
)
def test_lookup_columns_are_indexed(model, columns):
    indexes = [
        constraint["columns"]
        for constraint in constraints_of(model).values()
        if constraint["index"] or constraint["unique"]
    ]
    assert columns in indexes


def _postgresql_index_definitions() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [ProgrammeSummary._meta.db_table],
        )
        return dict(cursor.fetchall())


def run_migration_function(module: str, function: str) -> list[str]:
    """Run one RunPython function of a migration; the SQL statements it ran.

    The statements run as migrate's schema editor would run them (SQLite's own
    editor cannot open inside the test's transaction)."""
    migration = importlib.import_module(f"programmes.migrations.{module}")
    executed = []

    def execute(sql):
        executed.append(sql)
        with connection.cursor() as cursor:
            cursor.execute(sql)

    editor = SimpleNamespace(connection=connection, execute=execute)
    getattr(migration, function)(apps, editor)
    return executed


def test_migration_creates_the_postgresql_search_indexes():
    """The trigram index that serves the search's LIKEs on PostgreSQL; nothing
    on SQLite. (The full-text index of the same migration went with its column,
    public migration 0003: the search matches stems stored as text.)"""
    if connection.vendor != "postgresql":
        executed = run_migration_function(
            "0003_programme_summary", "create_search_indexes"
        )
        assert executed == []
        return
    migration = importlib.import_module("programmes.migrations.0003_programme_summary")
    with connection.cursor() as cursor:
        for statement in migration.POSTGRES_SEARCH_INDEXES:
            if "search_vector" not in statement:
                cursor.execute(statement)
    definitions = _postgresql_index_definitions()
    for name, expression in POSTGRES_SEARCH_INDEXES.items():
        assert f"USING gin {expression}" in definitions[name], definitions.get(name)


def test_migration_creates_the_postgresql_sort_indexes():
    """Highest first, unknown last: the listing's score, students and salary
    orders walk these on PostgreSQL; SQLite has no such index (and needs none)."""
    executed = run_migration_function(
        "0009_postgresql_sort_indexes", "create_sort_indexes"
    )
    if connection.vendor != "postgresql":
        assert executed == []
        return
    definitions = _postgresql_index_definitions()
    for name, column in POSTGRES_SORT_ORDERS.items():
        assert f"({column} DESC NULLS LAST)" in definitions[name], definitions.get(name)

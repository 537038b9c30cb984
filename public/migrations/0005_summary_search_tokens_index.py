"""PostgreSQL only: a GIN index of the summaries' search tokens, for
public.search.TokensMatch (the expression is public.search.TOKENS_SQL, written
the same so that the planner takes the index). It replaces the trigram index of
programmes migration 0003, which served the LIKEs PostgreSQL no longer runs on
the search text. SQLite searches by LIKE and has neither."""

from django.db import migrations

INDEX = "summary_search_tokens_idx"
TRIGRAM_INDEX = "summary_search_text_trgm_idx"
TABLE = "programmes_programmesummary"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # Indexing 200,000 summaries takes longer than the web's statement
        # timeout (DATABASE_STATEMENT_TIMEOUT): lifted for this transaction.
        schema_editor.execute("SET LOCAL statement_timeout = 0")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin "
            "(array_to_tsvector(string_to_array(btrim(search_text), ' ')))"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
        # Its expression's statistics, which the planner reads for a search.
        schema_editor.execute(f"ANALYZE {TABLE}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET LOCAL statement_timeout = 0")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON {TABLE} "
            "USING gin (search_text gin_trgm_ops)"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0004_summary_variant_group"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]

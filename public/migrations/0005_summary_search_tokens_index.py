"""PostgreSQL only: a GIN index of the summaries' search tokens, for
public.search.TokensMatch (the expression is public.search.TOKENS_SQL, written
the same so that the planner takes the index). SQLite searches by LIKE."""

from django.db import migrations

INDEX = "summary_search_tokens_idx"
TABLE = "programmes_programmesummary"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON {TABLE} USING gin "
            "(array_to_tsvector(string_to_array(btrim(search_text), ' ')))"
        )
        # Its expression's statistics, which the planner reads for a search.
        schema_editor.execute(f"ANALYZE {TABLE}")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0004_summary_variant_group"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]

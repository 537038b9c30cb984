from django.db import migrations

# The listing's "most first" orders (score, students, salary: highest first,
# unknown last, then by name) as PostgreSQL indexes, so that a page of them is read
# in index order and only ties are sorted (an incremental sort), not every result.
# PostgreSQL only: SQLite indexes cannot say NULLS LAST, and put NULL last in a
# descending order anyway, so there the plain indexes of the model serve.
POSTGRES_SORT_INDEXES = {
    "summary_score_order_idx": "overall_score",
    "summary_students_order_idx": "students",
    "summary_salary_order_idx": "starting_salary",
}


def create_sort_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, column in POSTGRES_SORT_INDEXES.items():
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON programmes_programmesummary "
                f"({column} DESC NULLS LAST)"
            )


def drop_sort_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in POSTGRES_SORT_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0008_catalogue_counts"),
    ]

    operations = [
        migrations.RunPython(create_sort_indexes, drop_sort_indexes),
    ]

"""The listing's read model moved to the public app with its tables (public 0001):
the models leave this app's state, the tables stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0011_import_run_dataset_optional'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name='CatalogueCounts',
                ),
                migrations.DeleteModel(
                    name='ProgrammeSummary',
                ),
            ],
            database_operations=[],
        ),
    ]

"""Graduates' judgements moved to the careers app with their tables (careers
0003): the models leave this app's state, the tables stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0002_content_history'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='historicalgraduatejudgement',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalgraduatejudgement',
                    name='source',
                ),
                migrations.RemoveField(
                    model_name='historicalgraduatejudgement',
                    name='study',
                ),
                migrations.DeleteModel(
                    name='GraduateJudgement',
                ),
                migrations.DeleteModel(
                    name='HistoricalGraduateJudgement',
                ),
            ],
            database_operations=[],
        ),
    ]

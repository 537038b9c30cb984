"""Graduates' judgements, moved here from the surveys app (surveys 0003) with their
tables: state only. Their content types move too, so that permissions given to
users and groups, and the admin's log, keep pointing at them."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

MODELS = ("graduatejudgement", "historicalgraduatejudgement")


def _relabel(apps, old: str, new: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label=new, model=model).exists():
            content_type.objects.filter(app_label=old, model=model).update(
                app_label=new
            )


def content_types_to_careers(apps, schema_editor):
    _relabel(apps, "surveys", "careers")


def content_types_to_surveys(apps, schema_editor):
    _relabel(apps, "careers", "surveys")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('surveys', '0003_graduate_judgement_moves_to_careers'),
        ('careers', '0002_content_history'),
        ('programmes', '0012_summary_moves_to_public'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalGraduateJudgement',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('good_basis', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='good basis for the labour market (%)')),
                        ('would_choose_again', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='would choose the study again (%)')),
                        ('respondents', models.PositiveIntegerField(verbose_name='respondents')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('source', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.datasource', verbose_name='source')),
                        ('study', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.study', verbose_name='study')),
                    ],
                    options={
                        'verbose_name': "historical graduates' judgement",
                        'verbose_name_plural': "historical graduates' judgements",
                        'db_table': 'surveys_historicalgraduatejudgement',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='GraduateJudgement',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                        ('good_basis', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='good basis for the labour market (%)')),
                        ('would_choose_again', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(Decimal('0')), django.core.validators.MaxValueValidator(Decimal('100'))], verbose_name='would choose the study again (%)')),
                        ('respondents', models.PositiveIntegerField(verbose_name='respondents')),
                        ('source', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='programmes.datasource', verbose_name='source')),
                        ('study', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='graduate_judgements', to='programmes.study', verbose_name='study')),
                    ],
                    options={
                        'verbose_name': "graduates' judgement",
                        'verbose_name_plural': "graduates' judgements",
                        'db_table': 'surveys_graduatejudgement',
                        'ordering': ('-year',),
                        'constraints': [models.UniqueConstraint(fields=('study', 'year'), name='judgement_unique_per_study_year')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_careers, content_types_to_surveys),
    ]

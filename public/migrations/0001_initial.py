"""The listing's read model, moved here from the programmes app (programmes 0012)
with its tables: state only, the tables and their indexes exist already."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('programmes', '0012_summary_moves_to_public'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CatalogueCounts',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('counts', models.JSONField(default=dict, editable=False, verbose_name='counts')),
                        ('counted_at', models.DateTimeField(auto_now=True, verbose_name='counted at')),
                    ],
                    options={
                        'verbose_name': 'catalogue counts',
                        'verbose_name_plural': 'catalogue counts',
                        'db_table': 'programmes_cataloguecounts',
                    },
                ),
                migrations.CreateModel(
                    name='ProgrammeSummary',
                    fields=[
                        ('programme', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='summary', serialize=False, to='programmes.programme', verbose_name='programme')),
                        ('is_published', models.BooleanField(default=False, editable=False, verbose_name='published')),
                        ('level', models.CharField(blank=True, choices=[('HBO-AD', 'Associate degree'), ('HBO-BA', 'Bachelor (applied sciences)'), ('HBO-MA', 'Master (applied sciences)'), ('HBO-PM', 'Post-initial master (applied sciences)'), ('HBO-O', 'Undivided programme (applied sciences)'), ('WO-BA', 'Bachelor (research university)'), ('WO-MA', 'Master (research university)'), ('WO-PM', 'Post-initial master (research university)'), ('WO-O', 'Undivided programme (research university)')], editable=False, max_length=6, verbose_name='level')),
                        ('sector', models.CharField(blank=True, choices=[('ECONOMIE', 'Economics and business'), ('GEDRAG_EN_MAATSCHAPPIJ', 'Behaviour and society'), ('GEZONDHEIDSZORG', 'Health care'), ('LANDBOUW_EN_NATUURLIJKE_OMGEVING', 'Agriculture and the natural environment'), ('NATUUR', 'Natural sciences'), ('ONDERWIJS', 'Education'), ('RECHT', 'Law'), ('SECTOROVERSTIJGEND', 'Interdisciplinary'), ('TAAL_EN_CULTUUR', 'Language and culture'), ('TECHNIEK', 'Engineering and technology')], editable=False, max_length=40, verbose_name='sector')),
                        ('province', models.CharField(blank=True, editable=False, max_length=50, verbose_name='province')),
                        ('language', models.CharField(blank=True, choices=[('nl', 'Dutch'), ('en', 'English'), ('nl_en', 'Dutch and English'), ('de', 'German'), ('other', 'Other')], editable=False, max_length=5, verbose_name='language of instruction')),
                        ('form', models.CharField(blank=True, choices=[('full_time', 'Full-time'), ('part_time', 'Part-time'), ('dual', 'Work-study (dual)')], editable=False, max_length=10, verbose_name='form')),
                        ('funding', models.CharField(blank=True, choices=[('government', 'Government-funded'), ('designated', 'Designated (recognised, not government-funded)'), ('private', 'Private (not government-funded)')], editable=False, max_length=12, verbose_name='funding')),
                        ('ects', models.PositiveSmallIntegerField(editable=False, null=True, verbose_name='study load (ECTS)')),
                        ('students', models.PositiveIntegerField(editable=False, null=True, verbose_name='students')),
                        ('first_years', models.PositiveIntegerField(editable=False, null=True, verbose_name='first-year students')),
                        ('overall_score', models.DecimalField(decimal_places=1, editable=False, max_digits=2, null=True, verbose_name='overall survey score')),
                        ('starting_salary', models.PositiveIntegerField(editable=False, null=True, verbose_name='starting salary')),
                        ('statutory_fee', models.DecimalField(decimal_places=2, editable=False, max_digits=8, null=True, verbose_name='statutory tuition fee')),
                        ('specialisation_count', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='specialisations')),
                        ('honours_count', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='honours programmes')),
                        ('sort_name_nl', models.CharField(blank=True, editable=False, max_length=200, verbose_name='sort name (Dutch)')),
                        ('sort_name_en', models.CharField(blank=True, editable=False, max_length=200, verbose_name='sort name (English)')),
                        ('search_text', models.TextField(blank=True, editable=False, help_text='Names in both languages, lower case and without accents.', verbose_name='search text')),
                        ('search_vector', django.contrib.postgres.search.SearchVectorField(editable=False, null=True)),
                        ('institution', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programmes.institution', verbose_name='institution')),
                        ('municipality', models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='programmes.municipality', verbose_name='teaching location')),
                    ],
                    options={
                        'verbose_name': 'programme summary',
                        'verbose_name_plural': 'programme summaries',
                        'db_table': 'programmes_programmesummary',
                        'indexes': [models.Index(fields=['sort_name_nl', 'programme'], name='summary_name_nl_id_idx'), models.Index(fields=['sort_name_en', 'programme'], name='summary_name_en_id_idx'), models.Index(fields=['level'], name='summary_level_idx'), models.Index(fields=['sector'], name='summary_sector_idx'), models.Index(fields=['language'], name='summary_language_idx'), models.Index(fields=['province'], name='summary_province_idx'), models.Index(fields=['overall_score'], name='summary_score_idx'), models.Index(fields=['students'], name='summary_students_idx'), models.Index(fields=['starting_salary'], name='summary_salary_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

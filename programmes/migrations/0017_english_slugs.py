"""An English slug per page, filled from the English name where there is one
(else the Dutch slug), and the former slugs that keep old addresses working.

The column is added without its unique index, filled, and made unique in 0017:
PostgreSQL refuses to alter a table with pending updates in one transaction.
"""

from django.db import migrations, models

from programmes.importing.english_slugs import english_slugs_fill

def fill_english_slugs(apps, schema_editor):
    english_slugs_fill(
        municipality=apps.get_model("programmes", "Municipality"),
        institution=apps.get_model("programmes", "Institution"),
        study=apps.get_model("programmes", "Study"),
        programme=apps.get_model("programmes", "Programme"),
        keep_chosen=False,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0016_programme_image_alt_and_size"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalinstitution",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.",
                max_length=100,
                verbose_name="English slug",
            ),
        ),
        migrations.AddField(
            model_name="historicalmunicipality",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.",
                max_length=100,
                verbose_name="English slug",
            ),
        ),
        migrations.AddField(
            model_name="historicalprogramme",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.",
                max_length=160,
                verbose_name="English slug",
            ),
        ),
        migrations.AddField(
            model_name="historicalstudy",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.",
                max_length=120,
                verbose_name="English slug",
            ),
        ),
        migrations.AddField(
            model_name="institution",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                db_index=False,
                default="",
                max_length=100,
                verbose_name="English slug",
            ),
        ),
        migrations.AddField(
            model_name="municipality",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                db_index=False,
                default="",
                max_length=100,
                verbose_name="English slug",
            ),
        ),
        migrations.AddField(
            model_name="programme",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                db_index=False,
                default="",
                max_length=160,
                verbose_name="English slug",
            ),
        ),
        migrations.AddField(
            model_name="study",
            name="slug_en",
            field=models.SlugField(
                blank=True,
                db_index=False,
                default="",
                max_length=120,
                verbose_name="English slug",
            ),
        ),
        migrations.CreateModel(
            name="FormerSlug",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("programme", "programme"),
                            ("study", "study"),
                            ("institution", "institution"),
                            ("municipality", "municipality"),
                        ],
                        max_length=12,
                        verbose_name="kind of page",
                    ),
                ),
                ("slug", models.SlugField(max_length=160, verbose_name="slug")),
                (
                    "object_id",
                    models.PositiveIntegerField(verbose_name="page's object id"),
                ),
                (
                    "retired_at",
                    models.DateTimeField(auto_now=True, verbose_name="retired at"),
                ),
            ],
            options={
                "verbose_name": "former slug",
                "verbose_name_plural": "former slugs",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "slug"), name="former_slug_unique_per_kind"
                    )
                ],
            },
        ),
        migrations.RunPython(fill_english_slugs, migrations.RunPython.noop),
    ]

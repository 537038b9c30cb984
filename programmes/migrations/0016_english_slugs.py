"""An English slug per page, filled from the English name where there is one
(else the Dutch slug), and the former slugs that keep old addresses working.

The column is added without its unique index, filled, and made unique in 0017:
PostgreSQL refuses to alter a table with pending updates in one transaction.
"""

from django.db import migrations, models

from programmes.importing.normalise import english_slug, programme_slug

BATCH_SIZE = 500


def _fill(model, english_base, max_length: int) -> None:
    """Each row's English slug from ``english_base(row)``, else its Dutch slug;
    rows that keep their Dutch slug choose first, so their address stays."""
    rows = list(model.objects.order_by("pk"))
    rows.sort(key=lambda row: bool(english_base(row)))
    taken: set[str] = set()
    for row in rows:
        row.slug_en = english_slug(
            english_base(row), row.slug, taken, max_length=max_length
        )
    model.objects.bulk_update(rows, ["slug_en"], batch_size=BATCH_SIZE)


def _fill_programmes(Programme) -> None:
    rows = list(
        Programme.objects.select_related(
            "study", "institution", "municipality"
        ).order_by("pk")
    )
    rows.sort(key=lambda row: bool(row.name_en))
    taken: set[str] = set()
    for row in rows:
        if not row.name_en:
            row.slug_en = english_slug(None, row.slug, taken, max_length=160)
            continue
        municipality = row.municipality
        row.slug_en = programme_slug(
            name=row.name_en,
            level=row.study.level,
            institution_name=row.institution.name_en or row.institution.name_nl,
            place=(municipality.name_nl or "").lower() if municipality else "",
            form=row.form,
            code=f"{row.study.croho_code} {row.location_code}",
            taken=taken,
            language="en",
        )
    Programme.objects.bulk_update(rows, ["slug_en"], batch_size=BATCH_SIZE)


def fill_english_slugs(apps, schema_editor):
    _fill(apps.get_model("programmes", "Municipality"), lambda m: m.name_en, 100)
    _fill(apps.get_model("programmes", "Institution"), lambda i: i.name_en, 100)
    _fill(
        apps.get_model("programmes", "Study"),
        lambda s: s.name_en and f"{s.name_en} {s.level}",
        120,
    )
    _fill_programmes(apps.get_model("programmes", "Programme"))


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0015_enrolment_figure_sources_backfill"),
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

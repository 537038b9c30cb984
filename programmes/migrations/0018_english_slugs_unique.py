"""The English slugs, filled in 0016, unique per language from here on."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0017_english_slugs'),
    ]

    operations = [
        migrations.AlterField(
            model_name='institution',
            name='slug_en',
            field=models.SlugField(blank=True, help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.", max_length=100, unique=True, verbose_name='English slug'),
        ),
        migrations.AlterField(
            model_name='municipality',
            name='slug_en',
            field=models.SlugField(blank=True, help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.", max_length=100, unique=True, verbose_name='English slug'),
        ),
        migrations.AlterField(
            model_name='programme',
            name='slug_en',
            field=models.SlugField(blank=True, help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.", max_length=160, unique=True, verbose_name='English slug'),
        ),
        migrations.AlterField(
            model_name='study',
            name='slug_en',
            field=models.SlugField(blank=True, help_text="The English page's address. Left empty, it is the Dutch slug. The old address keeps working when you change it.", max_length=120, unique=True, verbose_name='English slug'),
        ),
    ]

"""Give the enrolments imported before figure sources existed their figure sources.

Each DUO statistics series gives one figure, so an enrolment citing a series got
that figure from it. Where both wo first-years series are cited (2015-2017), the
newer one wrote the figure (the older one filled only what the newer lacked) and
the older is no longer cited: the rule of statistics.SERIES_PRECEDENCE, written
out here because a migration must not change when the code does. The import run
that wrote a figure is not known for these: it stays empty until an import
writes the figure again.
"""

from collections import defaultdict

from django.db import migrations

FIGURE_OF_SERIES = {
    "duo-eerstejaars-wo-2015-2019": "first_years",
    "duo-eerstejaars-wo-2013-2017": "first_years",
    "duo-gediplomeerden-wo-2014-2018": "graduates",
    "duo-ingeschrevenen-hbo-2020-2024": "students",
}
PRECEDENCE = tuple(FIGURE_OF_SERIES)  # for first-years: the newer series first
BATCH = 500


def figure_sources_backfill(apps, schema_editor):
    Enrolment = apps.get_model("programmes", "Enrolment")
    FigureSource = apps.get_model("programmes", "EnrolmentFigureSource")
    DataSource = apps.get_model("programmes", "DataSource")
    keys = dict(
        DataSource.objects.filter(key__in=FIGURE_OF_SERIES).values_list("pk", "key")
    )
    through = Enrolment.sources.through
    cites = defaultdict(set)
    for enrolment_id, source_id in through.objects.filter(
        datasource_id__in=keys
    ).values_list("enrolment_id", "datasource_id"):
        cites[enrolment_id].add(source_id)
    done = set(FigureSource.objects.values_list("enrolment_id", flat=True))
    new, uncited = [], defaultdict(list)
    for enrolment_id, sources in cites.items():
        if enrolment_id in done:
            continue
        by_figure = defaultdict(list)
        for source_id in sources:
            by_figure[FIGURE_OF_SERIES[keys[source_id]]].append(source_id)
        for figure, candidates in by_figure.items():
            candidates.sort(key=lambda pk: PRECEDENCE.index(keys[pk]))
            winner, *losers = candidates
            new.append(
                FigureSource(enrolment_id=enrolment_id, figure=figure, source_id=winner)
            )
            for source_id in losers:
                uncited[source_id].append(enrolment_id)
    FigureSource.objects.bulk_create(new, batch_size=BATCH)
    for source_id, enrolment_ids in uncited.items():
        for start in range(0, len(enrolment_ids), BATCH):
            through.objects.filter(
                datasource_id=source_id,
                enrolment_id__in=enrolment_ids[start : start + BATCH],
            ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0014_import_rows_and_figure_sources"),
    ]

    operations = [
        migrations.RunPython(figure_sources_backfill, migrations.RunPython.noop),
    ]

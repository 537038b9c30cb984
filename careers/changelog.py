"""The career figures of a programme's study in the programme's public change log
(programmes.changelog, registered from apps.py): each import that last added or
changed the study's outcomes (with their figures and occupations) or its
graduates' judgement, with the years it wrote, its date and its dataset and file."""

from collections import defaultdict

from django.utils.translation import gettext

from programmes.changelog import Change, run_source
from programmes.models import Programme

from .models import CareerOutcome, GraduateJudgement


def career_import_changes(programme: Programme) -> list[Change]:
    """One entry per import run and kind of record. Two queries."""
    changes = []
    for model, words in (
        (CareerOutcome, gettext("Career figures of the study imported: %(years)s")),
        (
            GraduateJudgement,
            gettext("Graduates' judgement of the study imported: %(years)s"),
        ),
    ):
        cited = (
            model.objects.filter(study_id=programme.study_id, import_run__isnull=False)
            .select_related("import_run__dataset")
            .order_by("year")
        )
        runs, years = {}, defaultdict(list)
        for record in cited:
            runs[record.import_run_id] = record.import_run
            years[record.import_run_id].append(str(record.year))
        changes += [
            Change(
                run.finished_at,
                words % {"years": ", ".join(years[pk])},
                run_source(run),
            )
            for pk, run in runs.items()
        ]
    return changes

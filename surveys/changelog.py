"""A programme's survey scores in its public change log (programmes.changelog,
registered from apps.py): each import that last added or changed any of its
scores, with the rounds it wrote, its date and its dataset and file."""

from collections import defaultdict

from django.utils.translation import gettext

from programmes.changelog import Change, run_source
from programmes.models import Programme

from .models import ProgrammeScore


def score_import_changes(programme: Programme) -> list[Change]:
    """One entry per import run that last wrote one of the programme's scores
    (a score a later file left as it was keeps its run). One query."""
    cited = (
        ProgrammeScore.objects.filter(programme=programme, import_run__isnull=False)
        .select_related("import_run__dataset", "survey_round")
        .order_by("survey_round__year")
    )
    runs, rounds = {}, defaultdict(dict)
    for score in cited:
        runs[score.import_run_id] = score.import_run
        rounds[score.import_run_id][score.survey_round_id] = str(score.survey_round)
    return [
        Change(
            run.finished_at,
            gettext("Survey scores imported: %(rounds)s")
            % {"rounds": ", ".join(rounds[pk].values())},
            run_source(run),
        )
        for pk, run in runs.items()
    ]

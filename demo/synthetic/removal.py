"""Remove the synthetic set in one DELETE per table, leaving everything else alone.

`QuerySet.delete()` would load every row to send delete signals (versioning,
summary refreshes): at 200,000 programmes that is millions of rows and queries.
The synthetic rows go as a whole and have no history (bulk_create makes none), so
they are deleted set-wise with `_raw_delete`, children before parents.
"""

import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import ProtectedError, Q, QuerySet

from careers.models import (
    CareerFigure,
    CareerOutcome,
    GraduateJudgement,
    OccupationShare,
)
from programmes.models import (
    DataSource,
    Enrolment,
    HonoursProgramme,
    Specialisation,
    StudyProgress,
    TuitionFee,
)
from public.enrolment_sums import enrolment_sums_refresh
from public.facets import catalogue_counts_expire
from public.models import EnrolmentSum, ProgrammeAspectScore, ProgrammeSummary
from surveys.models import ProgrammeScore, SurveyRound

from .markers import (
    SOURCE_KEY,
    synthetic_institutions,
    synthetic_programmes,
    synthetic_studies,
)

PROGRAMME_RECORDS = (
    ProgrammeScore,
    ProgrammeSummary,
    Specialisation,
    HonoursProgramme,
    TuitionFee,
    StudyProgress,
)


@dataclass
class RemovalResult:
    deleted: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def programmes(self) -> int:
        return self.deleted.get("programme", 0)


def _delete(result: RemovalResult, queryset: QuerySet) -> None:
    deleted = queryset._raw_delete(queryset.db)
    name = queryset.model._meta.model_name
    result.deleted[name] = result.deleted.get(name, 0) + deleted


def synthetic_remove() -> RemovalResult:
    """Delete every synthetic programme, study, institution and figure."""
    result, started = RemovalResult(), time.monotonic()
    programmes = synthetic_programmes().values("pk")
    studies = synthetic_studies().values("pk")
    with transaction.atomic():
        # The sums of the studies and institutions that counted them: those of
        # the synthetic set go, any other is counted again without them.
        counted_in = set(
            synthetic_programmes().values_list("institution_id", "study_id")
        )
        _delete(
            result,
            EnrolmentSum.objects.filter(
                Q(institution__in=synthetic_institutions().values("pk"))
                | Q(study__in=studies)
            ),
        )
        through = Enrolment.sources.through
        _delete(result, through.objects.filter(enrolment__programme__in=programmes))
        _delete(result, Enrolment.objects.filter(programme__in=programmes))
        # Before the summaries they hang from.
        _delete(result, ProgrammeAspectScore.objects.filter(summary__in=programmes))
        for model in PROGRAMME_RECORDS:
            _delete(result, model.objects.filter(programme__in=programmes))
        _delete(result, OccupationShare.objects.filter(outcome__study__in=studies))
        _delete(result, CareerFigure.objects.filter(outcome__study__in=studies))
        _delete(result, CareerOutcome.objects.filter(study__in=studies))
        _delete(result, GraduateJudgement.objects.filter(study__in=studies))
        _delete(result, synthetic_programmes())
        _delete(result, synthetic_studies())
        _delete(result, synthetic_institutions())
        _delete(
            result,
            SurveyRound.objects.filter(source__key=SOURCE_KEY, scores__isnull=True),
        )
        source = DataSource.objects.filter(key=SOURCE_KEY).first()
        if source is not None:
            try:
                with transaction.atomic():
                    source.delete()
            except ProtectedError:
                pass  # still cited by records someone linked to it by hand
        enrolment_sums_refresh(
            institution_ids={institution for institution, _study in counted_in},
            study_ids={study for _institution, study in counted_in},
        )
    catalogue_counts_expire()
    result.seconds = time.monotonic() - started
    return result

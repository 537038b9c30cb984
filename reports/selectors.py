"""What the reports page tells a user before they download: the years each
report holds for the institutions they may report on, and their own last
exports."""

from collections import defaultdict

from django.db.models import CharField, Value

from careers.models import CareerFigure
from programmes.models import Enrolment, Programme
from surveys.models import ProgrammeScore

from .models import ExportLog

# How many of a user's exports the reports page lists.
RECENT_EXPORTS = 5


def _years_of(report: str, queryset, field: str):
    # Without the models' default ordering: SQLite allows none inside a UNION.
    return (
        queryset.order_by()
        .annotate(report=Value(report, output_field=CharField()))
        .values_list("report", field)
    )


def years_held(institutions) -> dict[str, list[int]]:
    """{report key: the years with rows, ascending}, in one query (a UNION
    drops the duplicates).

    Listed year by year rather than as a range, so a gap (no figures for
    2020–2022) is visible before the file is opened."""
    programmes = Programme.objects.filter(institution__in=institutions)
    overview = _years_of(
        "overview",
        Enrolment.objects.filter(programme__in=programmes),
        "academic_year",
    )
    survey = _years_of(
        "survey",
        ProgrammeScore.objects.filter(programme__in=programmes),
        "survey_round__year",
    )
    careers = _years_of(
        "careers",
        CareerFigure.objects.filter(
            outcome__study_id__in=programmes.values("study_id")
        ),
        "outcome__year",
    )
    held = defaultdict(list)
    for report, year in sorted(overview.union(survey, careers)):
        held[report].append(year)
    return dict(held)


def recent_exports(user) -> list[ExportLog]:
    """The user's own last exports, newest first, with their institutions (two
    queries). Never another user's: a liaison sees what they downloaded, not
    what a colleague at another institution did."""
    if not user.is_authenticated:
        return []
    return list(
        ExportLog.objects.filter(user=user)
        .order_by("-created_at", "-pk")
        .prefetch_related("institutions")[:RECENT_EXPORTS]
    )

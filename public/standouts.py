"""What stands out about a programme: the "what stands out" line at the top of
its page, worked out here once from figures that pass the publication rule.

Nothing is claimed that the figures do not bear: a survey score stands out only
when it differs from the national average by more than the margin of the
difference, a starting salary only when it differs clearly from the average of
its level. When nothing stands out there is no line at all.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from careers.selectors import CareerSummary
from figures.derived import clear_comparison, difference
from figures.formatting import salary as salary_text
from programmes.models import Language, Programme
from surveys.selectors import ScoreTable

# A line, not a list: the clearest few differences say enough.
MOST_SCORES = 3
# Career figures come without a margin of error, so "clearly" is a share of the
# level's average: a few euros either way are no reason to single a study out.
SALARY_CLEAR_SHARE = Decimal("0.05")


@dataclass(frozen=True)
class Standout:
    """One thing that stands out; `kind` says which figure it rests on."""

    kind: str
    text: str


def programme_standouts(
    programme: Programme,
    scores: ScoreTable | None,
    careers: CareerSummary | None,
) -> list[Standout]:
    """What stands out about the programme, in the active language, clearest
    survey differences first; empty when nothing does."""
    standouts = _score_standouts(scores)
    if careers is not None:
        standouts += _salary_standouts(careers)
    if programme.language == Language.ENGLISH:
        standouts.append(Standout("language", _("Taught in English")))
    return standouts


def _score_standouts(scores: ScoreTable | None) -> list[Standout]:
    if scores is None:
        return []
    clear = [row for row in scores.rows if clear_comparison(row.own, row.national)]
    clear.sort(key=lambda row: abs(row.difference), reverse=True)
    return [
        Standout(
            "score",
            _("%(aspect)s: %(difference)s")
            % {"aspect": row.aspect.name, "difference": row.difference_text},
        )
        for row in clear[:MOST_SCORES]
    ]


def _salary_standouts(careers: CareerSummary) -> list[Standout]:
    benchmark = careers.salary
    delta = difference(benchmark.own, benchmark.average, "salary")
    if delta is None or abs(delta) < SALARY_CLEAR_SHARE * benchmark.average.value:
        return []
    if delta > 0:
        text = _("Starting salary %(difference)s above the average of all %(group)s")
    else:
        text = _("Starting salary %(difference)s below the average of all %(group)s")
    amount = salary_text(abs(delta))
    return [
        Standout("salary", text % {"difference": amount, "group": benchmark.group_name})
    ]

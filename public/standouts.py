"""What stands out about a programme: the "what stands out" line at the top of
its page, worked out here once from figures that pass the publication rule.

Nothing is claimed that the figures do not bear: a figure stands out only when
figures.derived.judged_comparison finds it higher or lower than its average
beyond sampling noise (a starting salary, published without its spread, never
does). When nothing stands out there is no line at all.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from careers.selectors import CareerSummary
from figures.derived import difference, judged_comparison
from figures.formatting import salary as salary_text
from programmes.models import Language, Programme
from surveys.selectors import ScoreTable

# A line, not a list: the clearest few differences say enough.
MOST_SCORES = 3


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
    clear = [
        row
        for row in scores.rows
        if judged_comparison(row.own, row.national) in ("higher", "lower")
    ]
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
    """A salary stands out by the test every difference meets: published
    without its spread, it does not today (a share of the average was a guess)."""
    benchmark = careers.salary
    if benchmark.comparison == "higher":
        text = _("Starting salary %(difference)s above the average of all %(group)s")
    elif benchmark.comparison == "lower":
        text = _("Starting salary %(difference)s below the average of all %(group)s")
    else:
        return []
    delta = difference(benchmark.own, benchmark.average, "salary")
    amount = salary_text(abs(delta))
    return [
        Standout("salary", text % {"difference": amount, "group": benchmark.group_name})
    ]

"""How a report compares a figure with an average, declared once for the survey
report (the study's national average, the institution's own) and the careers
report (the level's): the average, how many programmes or studies and
respondents it rests on, the difference as printed, and whether it lies beyond
sampling noise. Every number comes from figures.derived and the selectors'
averages; nothing is computed here."""

from dataclasses import dataclass

from django.utils.functional import Promise

from exports.writers import Column, Typed
from figures.derived import JUDGEMENTS, difference, judged_comparison
from figures.formatting import displayed
from figures.publication import Figure


@dataclass(frozen=True)
class Benchmark:
    key: str  # the cells' key prefix: "national", "institution", "level"
    average: Promise  # the column labels, lazily translated
    groups: Promise  # "Programmes behind …" or "Studies behind …"
    respondents: Promise
    difference: Promise
    noise: Promise
    kind: str = "score"  # the sheet's number format of the average and difference

    @property
    def columns(self) -> list[Column]:
        return [
            Column(self.average, self.kind, key=self.key),
            Column(self.groups, "int", key=f"{self.key}_groups"),
            Column(self.respondents, "int", key=f"{self.key}_respondents"),
            Column(self.difference, self.kind, key=f"{self.key}_difference"),
            Column(self.noise, key=f"{self.key}_noise"),
        ]

    def cells(
        self,
        own: Figure,
        average: Figure,
        groups: int | None,
        *,
        kind: str = "score",
        sheet_kind: str | None = None,
    ) -> dict:
        """The cells of `own` against `average` (resting on `groups` programmes
        or studies). An average that may not be published leaves every cell
        empty; the verdict is empty when either figure is withheld or a margin
        is unknown (no claim without one)."""
        shown = average.is_shown
        value = displayed(average.shown_value, kind)
        delta = difference(own, average, kind)
        if sheet_kind:  # a column of mixed figures: each cell its own format
            value, delta = Typed(value, sheet_kind), Typed(delta, sheet_kind)
        return {
            self.key: value,
            f"{self.key}_groups": groups if shown else None,
            f"{self.key}_respondents": average.respondents if shown else None,
            f"{self.key}_difference": delta,
            f"{self.key}_noise": str(
                JUDGEMENTS.get(judged_comparison(own, average, kind), "")
            ),
        }

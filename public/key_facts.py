"""The key facts at the top of a programme page, taken from the figures its
sections show (never read or derived a second time), and the date the page last
changed."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from careers.selectors import CareerSummary
from figures.publication import Figure, count_figure
from programmes.models import (
    DataSource,
    FeeKind,
    Programme,
    TuitionFee,
    academic_year_label,
)
from surveys.models import Aspect
from surveys.selectors import ScoreTable


@dataclass(frozen=True)
class LatestFees:
    """Both fees of the latest academic year with any fee: a kind not known for
    that year is a missing figure, never an older year's amount."""

    year: str
    statutory: Figure
    institutional: Figure


def latest_fees(fees: list[TuitionFee]) -> LatestFees | None:
    """The statutory and the institutional fee of the latest year; None without
    any fee."""
    if not fees:
        return None
    latest = max(fee.academic_year for fee in fees)
    of_latest = {fee.kind: fee for fee in fees if fee.academic_year == latest}
    year = academic_year_label(latest)

    def figure(kind: FeeKind) -> Figure:
        fee = of_latest.get(kind)
        return count_figure(
            fee.amount if fee else None,
            year=year,
            source=fee.source if fee else None,
        )

    return LatestFees(
        year=year,
        statutory=figure(FeeKind.STATUTORY),
        institutional=figure(FeeKind.INSTITUTIONAL),
    )


@dataclass(frozen=True)
class KeyFacts:
    """The figures of the key-facts strip, each judged by the publication rule
    where its section judges it."""

    fees: LatestFees | None
    students: Figure
    satisfaction: Figure
    starting_salary: Figure

    @property
    def statutory_fee(self) -> Figure:
        return self.fees.statutory if self.fees else Figure.missing()

    @property
    def institutional_fee(self) -> Figure:
        return self.fees.institutional if self.fees else Figure.missing()


def key_facts(
    *,
    fees: list[TuitionFee],
    students: Figure,
    scores: ScoreTable | None,
    careers: CareerSummary | None,
) -> KeyFacts:
    return KeyFacts(
        fees=latest_fees(fees),
        students=students,
        satisfaction=overall_satisfaction(scores),
        starting_salary=careers.salary.own if careers else Figure.missing(),
    )


def overall_satisfaction(scores: ScoreTable | None) -> Figure:
    """The programme's own overall score in its latest survey round, as its row in
    the satisfaction table has it."""
    rows = scores.rows if scores else []
    for row in rows:
        if row.aspect.code == Aspect.Code.OVERALL:
            return row.own
    return Figure.missing()


def last_updated(
    programme: Programme, sources: list[DataSource]
) -> datetime.date | None:
    """When what the page shows last changed, as far as is known without another
    query: the programme's own last edit or import, or the latest retrieval of a
    source its figures cite."""
    dates = [source.retrieved_on for source in sources if source.retrieved_on]
    if programme.updated_at:
        dates.append(timezone.localdate(programme.updated_at))
    return max(dates, default=None)

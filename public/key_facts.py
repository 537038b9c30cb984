"""The key facts at the top of a programme page, taken from the figures its
sections show (never read or derived a second time), and the date the page last
changed."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

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
class KeyFact:
    """One figure of the strip as the page prints it: `unknown` replaces a figure
    not shown when the strip has a word of its own for it (a fee not known)."""

    name: str
    label: str
    figure: Figure
    kind: str
    unknown: str = ""

    @property
    def shows_unknown(self) -> bool:
        return bool(self.unknown) and not self.figure.is_shown


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

    def strip(self) -> list[KeyFact]:
        """The figures of the strip in its order, labelled (one loop in the
        template rather than an include per figure)."""
        if self.fees:
            fee_unknown = gettext("Not known for %(year)s") % {"year": self.fees.year}
        else:
            fee_unknown = gettext("Not known")
        return [
            KeyFact(
                "statutory-fee",
                gettext("Statutory fee (EU/EEA)"),
                self.statutory_fee,
                "euro",
            ),
            KeyFact(
                "institutional-fee",
                gettext("Institutional fee (non-EU)"),
                self.institutional_fee,
                "euro",
                fee_unknown,
            ),
            KeyFact("students", gettext("Students"), self.students, ""),
            KeyFact(
                "satisfaction",
                gettext("Overall satisfaction"),
                self.satisfaction,
                "score",
            ),
            KeyFact(
                "starting-salary",
                gettext("Starting salary per month"),
                self.starting_salary,
                "salary",
            ),
        ]


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

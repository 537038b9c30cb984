"""A count year by year, as a line a page may draw: where it has gaps and where it
breaks. Decided once, here, for every page that shows a trend (docs/FIGURES.md,
"Trends over the years").

A year whose value is not published (suppressed by the publisher, or no record)
is a gap: never 0, never bridged by the line. A break falls between two published
years whose values come from different series (another dataset, another
definition) or were counted under another programme code: the line is cut there
and the page says what changed, because a rise or fall across a break may be the
counting that changed.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class YearValue:
    year: int
    value: int | None  # None: not published that year
    # What gave the value: a dataset's key, or several joined for a sum. Empty when
    # unknown (a figure typed in by the editors): an unknown series breaks nothing.
    series: str = ""
    # The programme code the value was counted under, where a former one is on
    # record; empty for a sum, whose years count the same records (DUO reports a
    # programme's former years under its current code): an unknown code breaks
    # nothing either.
    code: str = ""

    @property
    def is_shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class SeriesBreak:
    """The series changes between `before` (the earlier series' last published
    year) and `after` (the later series' first): its datasets, its programme
    code, or both (one break with both reasons)."""

    before: int
    after: int
    from_series: str
    to_series: str
    from_code: str = ""
    to_code: str = ""

    @property
    def series_changed(self) -> bool:
        return _changed(self.from_series, self.to_series)

    @property
    def code_changed(self) -> bool:
        return _changed(self.from_code, self.to_code)


def _changed(before: str, after: str) -> bool:
    """Whether a known value changed; an unknown one (empty) changes nothing."""
    return bool(before and after and before != after)


@dataclass(frozen=True)
class Trend:
    points: tuple[YearValue, ...]  # every year from the first to the last, in order
    breaks: tuple[SeriesBreak, ...]

    @property
    def is_shown(self) -> bool:
        return any(point.is_shown for point in self.points)

    @property
    def shown(self) -> list[YearValue]:
        return [point for point in self.points if point.is_shown]

    @property
    def gaps(self) -> list[int]:
        return [point.year for point in self.points if not point.is_shown]

    @property
    def segments(self) -> list[list[YearValue]]:
        """The runs a line joins: published values in consecutive years of one
        series. A gap or a break starts a new run; a run may be one point."""
        broken = {(b.before, b.after) for b in self.breaks}
        segments: list[list[YearValue]] = []
        previous = None
        for point in self.shown:
            joined = (
                previous is not None
                and point.year == previous.year + 1
                and (previous.year, point.year) not in broken
            )
            if joined:
                segments[-1].append(point)
            else:
                segments.append([point])
            previous = point
        return segments

    def value_in(self, year: int) -> YearValue | None:
        return next((point for point in self.points if point.year == year), None)


def trend(
    values: Iterable[YearValue], *, first: int | None = None, last: int | None = None
) -> Trend:
    """The trend of `values` (one per year at most; any order), over every year
    from `first` to `last` (by default the values' own first and last year): a
    year without a value is a gap. A break lies between two published values
    whose known series or known codes differ, also across gap years between
    them."""
    by_year = {value.year: value for value in values}
    if first is None:
        first = min(by_year, default=0)
    if last is None:
        last = max(by_year, default=-1)
    points = tuple(
        by_year.get(year) or YearValue(year, None) for year in range(first, last + 1)
    )
    breaks = []
    previous = None
    for point in points:
        if not point.is_shown:
            continue
        if previous is not None:
            change = SeriesBreak(
                previous.year,
                point.year,
                previous.series,
                point.series,
                previous.code,
                point.code,
            )
            if change.series_changed or change.code_changed:
                breaks.append(change)
        previous = point
    return Trend(points=points, breaks=tuple(breaks))

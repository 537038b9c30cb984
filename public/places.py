"""What the institution and city pages list: their published programmes grouped
by level, a page at a time, each line telling a programme's variants apart."""

from dataclasses import dataclass
from functools import cached_property
from itertools import groupby

from django.core.paginator import Page, Paginator

from programmes.models import Form, Programme
from programmes.selectors import (
    LevelCount,
    PlaceCatalogue,
    choice_rank,
    level_rank,
)


class CountedPaginator(Paginator):
    """A paginator given its count, which the page's catalogue already knows:
    one COUNT query less."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


@dataclass(frozen=True)
class LevelGroup:
    """The programmes of one level on a page; `continued` when the level began on
    an earlier page (its heading is repeated, marked so)."""

    level: LevelCount
    programmes: list[Programme]
    continued: bool


@dataclass(frozen=True)
class ProgrammesByLevel:
    page: Page
    groups: list[LevelGroup]

    @property
    def is_demo(self) -> bool:
        return any(row.is_demo for row in self.page.object_list)

    @property
    def is_synthetic(self) -> bool:
        return any(row.is_synthetic for row in self.page.object_list)


def listing_order() -> tuple:
    """The order a place's programmes are listed in: by level (LEVEL_ORDER), then
    name; a programme's variants (other institutions, locations, forms) next to
    each other, always in the same order so that a page boundary never repeats or
    skips one."""
    return (
        level_rank(),
        "name",
        "institution__name",
        "municipality__name",
        choice_rank("form", Form.values),  # full-time, part-time, dual
        "language",
        "pk",
    )


def programmes_by_level(
    catalogue: PlaceCatalogue, *, page_number, per_page: int, **place
) -> ProgrammesByLevel:
    """The page `page_number` (any value: a wrong one gives a real page) of the
    published programmes of `place` (institution= or municipality=), cut into
    its levels.

    One query: the page's programmes are picked by a narrow sort of the place's
    ids (a city has thousands; sorting its full rows, joined, took four times as
    long), and only those are read in full.
    """
    order = listing_order()
    ids = (
        Programme.objects.published()
        .filter(**place)
        .order_by(*order)
        .values_list("pk", flat=True)
    )
    paginator = CountedPaginator(ids, per_page, count=catalogue.records)
    picked = paginator.get_page(page_number)
    rows = list(
        Programme.objects.with_place()
        .filter(pk__in=picked.object_list)
        .order_by(*order)
    )
    page = Page(rows, picked.number, paginator)
    counts = {level.level: level for level in catalogue.levels}
    groups = []
    for level, programmes in groupby(rows, key=lambda programme: programme.level):
        programmes = list(programmes)
        # Only a page's first level can have begun on an earlier page.
        continued = not groups and (
            page.start_index() - 1 > catalogue.records_before(level)
        )
        # A level published since the catalogue was counted: its rows still show.
        counted = counts.get(level) or LevelCount(level, 0, len(programmes))
        groups.append(LevelGroup(counted, programmes, continued))
    return ProgrammesByLevel(page=page, groups=groups)

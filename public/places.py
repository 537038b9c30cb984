"""What the study, institution and city pages list: their published programmes
a page at a time (a place's grouped by level), each line telling a programme's
variants apart."""

from dataclasses import dataclass
from functools import cached_property
from itertools import groupby

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.translation import get_language, gettext

from programmes.models import DataSource, Form, Language, Programme, slug_field
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
class Names:
    """A name in each language, for the `translated_name` tag."""

    name_nl: str
    name_en: str


@dataclass(frozen=True)
class VariantLine:
    """One programme on a place's page: its name, its address, and what tells it
    apart from its variants (institution on a city page, form, language, a
    location other than the place's own city, ECTS). Read as plain values and
    decided here once, not per line in the template: 50 model rows with their
    joined institution, city, study and source, and the template's tags per
    line, were most of the page's time."""

    level: str
    url: str
    names: Names
    institution: Names | None
    form: str
    language: str
    location: Names | None
    ects: str
    source_kind: str | None

    @property
    def is_demo(self) -> bool:
        return self.source_kind is not None and self.source_kind not in REAL_KINDS

    @property
    def is_synthetic(self) -> bool:
        return self.source_kind == DataSource.Kind.SYNTHETIC


REAL_KINDS = {DataSource.Kind.OFFICIAL, DataSource.Kind.EDITORIAL}
VARIANT_FIELDS = (
    "slug",
    "slug_en",
    "name_nl",
    "name_en",
    "form",
    "language",
    "ects",
    "municipality_id",
    "institution__name_nl",
    "institution__name_en",
    "municipality__name_nl",
    "municipality__name_en",
    "study__level",
    "source__kind",
)


@dataclass(frozen=True)
class LevelGroup:
    """The programmes of one level on a page; `continued` when the level began on
    an earlier page (its heading is repeated, marked so)."""

    level: LevelCount
    lines: list[VariantLine]
    continued: bool


@dataclass(frozen=True)
class ProgrammesByLevel:
    page: Page
    groups: list[LevelGroup]

    @property
    def is_demo(self) -> bool:
        return any(line.is_demo for line in self.page.object_list)

    @property
    def is_synthetic(self) -> bool:
        return any(line.is_synthetic for line in self.page.object_list)


def programme_addresses():
    """A function from a programme's slug to its page's address in the active
    language: Django's URL reversing done once for the page's 50 lines (the
    slug, a SlugField, needs no quoting)."""
    placeholder = "slug-placeholder"
    before, after = reverse(Programme.url_name, kwargs={"slug": placeholder}).rsplit(
        placeholder, 1
    )
    return lambda slug: f"{before}{slug}{after}"


def variant_lines(rows, *, home_city_id, show_institution: bool) -> list[VariantLine]:
    """The lines of `rows` (values of VARIANT_FIELDS): the location only where it
    is not the place's own city (`home_city_id`), the institution on a city page."""
    address = programme_addresses()
    slug = slug_field(get_language())
    forms, languages = dict(Form.choices), dict(Language.choices)
    lines = []
    for row in rows:
        city = row["municipality_id"]
        lines.append(
            VariantLine(
                level=row["study__level"],
                url=address(row[slug] or row["slug"]),
                names=Names(row["name_nl"], row["name_en"]),
                institution=(
                    Names(row["institution__name_nl"], row["institution__name_en"])
                    if show_institution
                    else None
                ),
                form=forms.get(row["form"], row["form"]),
                language=languages.get(row["language"], row["language"]),
                location=(
                    Names(row["municipality__name_nl"], row["municipality__name_en"])
                    if city is not None and city != home_city_id
                    else None
                ),
                ects=(
                    gettext("%(ects)s ECTS") % {"ects": row["ects"]}
                    if row["ects"]
                    else ""
                ),
                source_kind=row["source__kind"],
            )
        )
    return lines


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


def lines_page(
    programmes,
    *,
    page_number,
    per_page: int,
    home_city_id: int | None,
    show_institution: bool,
    count: int | None = None,
) -> Page:
    """The page `page_number` (any value: a wrong one gives a real page) of
    `programmes` as VariantLines, in `listing_order`.

    One query (and a count unless `count` is known): the page's programmes are
    picked by a narrow sort of their ids (a city has thousands; sorting its full
    rows, joined, took four times as long), and only those are read in full.
    """
    order = listing_order()
    ids = programmes.order_by(*order).values_list("pk", flat=True)
    if count is None:
        paginator = Paginator(ids, per_page)
    else:
        paginator = CountedPaginator(ids, per_page, count=count)
    picked = paginator.get_page(page_number)
    rows = (
        Programme.objects.filter(pk__in=picked.object_list)
        .order_by(*order)  # "name" read by modeltranslation: the active language's
        # The fields read are named per language: no rewriting of each row.
        .rewrite(False)
        .values(*VARIANT_FIELDS)
    )
    lines = variant_lines(
        rows, home_city_id=home_city_id, show_institution=show_institution
    )
    return Page(lines, picked.number, paginator)


def programmes_by_level(
    catalogue: PlaceCatalogue,
    *,
    page_number,
    per_page: int,
    home_city_id: int | None,
    show_institution: bool,
    **place,
) -> ProgrammesByLevel:
    """The page `page_number` of the published programmes of `place`
    (institution= or municipality=), cut into its levels (`lines_page`: one
    query, the catalogue knows the count)."""
    page = lines_page(
        Programme.objects.published().filter(**place),
        page_number=page_number,
        per_page=per_page,
        home_city_id=home_city_id,
        show_institution=show_institution,
        count=catalogue.records,
    )
    lines = page.object_list
    counts = {level.level: level for level in catalogue.levels}
    groups = []
    for level, grouped in groupby(lines, key=lambda line: line.level):
        grouped = list(grouped)
        # Only a page's first level can have begun on an earlier page.
        continued = not groups and (
            page.start_index() - 1 > catalogue.records_before(level)
        )
        # A level published since the catalogue was counted: its rows still show.
        counted = counts.get(level) or LevelCount(level, 0, len(grouped))
        groups.append(LevelGroup(counted, grouped, continued))
    return ProgrammesByLevel(page=page, groups=groups)

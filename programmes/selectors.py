"""Figures about the catalogue itself that more than one page shows, defined once."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Count,
    IntegerField,
    Min,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import StrIndex
from django.utils.translation import gettext_lazy as _

from figures.derived import latest_per_key
from figures.publication import Figure, count_figure

from .models import (
    SLUG_FIELDS,
    DataSource,
    Enrolment,
    FormerSlug,
    Funding,
    Level,
    Municipality,
    Programme,
    slug_field,
)

CITY_PROGRAMME_COUNT_DEFINITION = _(
    "Each government-funded programme is counted once per institution, whatever "
    "its form (full-time, part-time, dual)."
)


@dataclass(frozen=True)
class CityProgrammeCount:
    """How many programmes a city offers, and the sources of the programmes counted."""

    count: int
    sources: list[DataSource]
    definition = CITY_PROGRAMME_COUNT_DEFINITION

    @property
    def figure(self) -> Figure:
        return count_figure(self.count)


class RowCount(Subquery):
    """The number of rows a queryset returns, as a value inside another query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted_rows)"
    output_field = IntegerField()


def city_programmes(municipality: Municipality):
    """The published, government-funded programme records taught in the municipality."""
    return Programme.objects.published().filter(
        municipality=municipality, funding=Funding.GOVERNMENT
    )


def city_programme_count(municipality: Municipality) -> CityProgrammeCount:
    """A city's programmes as Studiekeuze123 counts them (136 in Leiden).

    A programme is a study (CROHO code and level) at one institution: its
    full-time, part-time and dual forms, and its locations within the city, are
    one programme. Privately funded programmes are not counted.

    One query, whatever the size of the city: one record per source of the
    counted records (records without a source form a group too, so a city that
    has programmes always returns a row), each carrying the count.
    """
    records = city_programmes(municipality).order_by()
    programmes = records.values("institution", "study").distinct()
    one_per_source = records.values("source").annotate(first=Min("pk"))
    rows = list(
        Programme.objects.filter(pk__in=one_per_source.values("first"))
        .select_related("source")
        .only("source")
        .order_by()
        .annotate(city_programmes=RowCount(programmes))
    )
    sources = [row.source for row in rows if row.source]
    return CityProgrammeCount(
        count=rows[0].city_programmes if rows else 0,
        sources=sorted(sources, key=lambda source: source.name),
    )


def latest_enrolments(programme_ids: Iterable[int]) -> dict[int, Enrolment]:
    """Each programme's enrolment record of its latest academic year, with its
    sources: the year every page, compare and the listing show (a count that is
    empty in that year stays empty; an older year's is never shown as current).
    Two queries, whatever the number of programmes."""
    enrolments = Enrolment.objects.filter(
        programme_id__in=list(programme_ids)
    ).prefetch_related("sources")
    latest = latest_per_key(
        (enrolment.programme_id, enrolment.academic_year, enrolment)
        for enrolment in enrolments
    )
    return {pk: enrolment for pk, (_year, enrolment) in latest.items()}


# The order a place's programmes are listed and counted in: from the short
# associate degree up through bachelor and master to the post-initial masters.
LEVEL_ORDER = (
    Level.HBO_AD,
    Level.HBO_BA,
    Level.WO_BA,
    Level.HBO_MA,
    Level.WO_MA,
    Level.HBO_PM,
    Level.WO_PM,
    Level.HBO_O,
    Level.WO_O,
)


def choice_rank(field: str, order) -> StrIndex:
    """A field's value ranked by its position in `order`, for ordering: where it
    starts in "first|second|...". One SQL function rather than a CASE with a
    branch per value, which Django took longer to compile (1.5 ms a query for the
    level and the form) than the database to run. For choices, all listed: a
    value outside `order` ranks first (0) or where it happens to occur."""
    listed = "|".join(order)
    # Each value found at its own place, not inside an earlier one.
    for rank, value in enumerate(order):
        if listed.index(value) != len("|".join(order[:rank])) + (rank > 0):
            raise ValueError(f"{value!r} occurs inside an earlier value of {order}")
    return StrIndex(Value(listed), field)


def level_rank(level_field: str = "study__level") -> StrIndex:
    """A programme's level ranked by LEVEL_ORDER, for ordering."""
    return choice_rank(level_field, LEVEL_ORDER)


@dataclass(frozen=True)
class LevelCount:
    """One level of a place's catalogue: its programmes counted as the city count
    counts them, and the published records (forms, locations) a page lists."""

    level: str
    programmes: int
    records: int

    @property
    def label(self) -> str:
        return Level(self.level).label

    @property
    def figure(self) -> Figure:
        return count_figure(self.programmes)


@dataclass(frozen=True)
class PlaceCatalogue:
    """A place's published programmes level by level, in LEVEL_ORDER."""

    levels: list[LevelCount]
    demo_records: int = 0  # records from demo or synthetic sources
    synthetic_records: int = 0
    definition = CITY_PROGRAMME_COUNT_DEFINITION

    @property
    def is_demo(self) -> bool:
        return self.demo_records > 0

    @property
    def is_synthetic(self) -> bool:
        return self.synthetic_records > 0

    @property
    def records(self) -> int:
        return sum(level.records for level in self.levels)

    @property
    def programmes(self) -> int:
        return sum(level.programmes for level in self.levels)

    @property
    def counted_levels(self) -> list[LevelCount]:
        return [level for level in self.levels if level.programmes]

    def records_before(self, level: str) -> int:
        """How many listed records come before the level's first one."""
        before = 0
        for counted in self.levels:
            if counted.level == level:
                return before
            before += counted.records
        return before


def place_catalogue(**place) -> PlaceCatalogue:
    """The published programmes of an institution or a city (`institution=` or
    `municipality=`), level by level: one query, a row per level and institution.

    A level's programmes are counted as city_programme_count counts them (each
    government-funded study once per institution, whatever its forms and
    locations), so a city's levels add up to its programme count; its records are
    every published programme record the page lists, whatever its funding. It
    also counts the records whose source is not real, for the page to say so.
    """
    government = Q(funding=Funding.GOVERNMENT)
    synthetic = Q(source__kind=DataSource.Kind.SYNTHETIC)
    demo = synthetic | Q(source__kind=DataSource.Kind.DEMO)
    rows = (
        Programme.objects.published()
        .filter(**place)
        .order_by()
        .values("study__level", "institution")
        .annotate(
            records=Count("pk"),
            programmes=Count("study", filter=government, distinct=True),
            demo_records=Count("pk", filter=demo),
            synthetic_records=Count("pk", filter=synthetic),
        )
    )
    programmes, records = defaultdict(int), defaultdict(int)
    demo_records = synthetic_records = 0
    for row in rows:
        programmes[row["study__level"]] += row["programmes"]
        records[row["study__level"]] += row["records"]
        demo_records += row["demo_records"]
        synthetic_records += row["synthetic_records"]
    ordered = [*LEVEL_ORDER, *sorted(set(records) - set(LEVEL_ORDER))]
    return PlaceCatalogue(
        levels=[
            LevelCount(level, programmes[level], records[level])
            for level in ordered
            if records[level]
        ],
        demo_records=demo_records,
        synthetic_records=synthetic_records,
    )


def page_moved_from(queryset: QuerySet, slug: str, *, language: str):
    """The page of ``queryset`` that ``slug`` names in another language or named
    before (``FormerSlug``), or None: that address redirects to the page's
    current one in ``language``. At most two indexed queries."""
    current = slug_field(language)
    for field in SLUG_FIELDS.values():
        if field != current and (page := queryset.filter(**{field: slug}).first()):
            return page
    kind = queryset.model.address_kind
    former = FormerSlug.objects.filter(kind=kind, slug=slug).values("object_id")
    return queryset.filter(pk__in=Subquery(former)).first()

"""Figures about the catalogue itself that more than one page shows, defined once."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import IntegerField, Min, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from figures.derived import latest_per_key
from figures.publication import Figure, count_figure

from .models import (
    SLUG_FIELDS,
    DataSource,
    Enrolment,
    FormerSlug,
    Funding,
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

from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.translation import get_language
from django.views.generic import DetailView

from careers.selectors import study_career_summary
from figures.publication import INSUFFICIENT_INFORMATION
from programmes.models import Institution, Municipality, Programme, Study, slug_field
from programmes.selectors import (
    city_programme_count,
    page_moved_from,
    place_catalogue,
)
from public.caching import page_cache_skip
from public.enrolment_sums import institution_trends, study_trends
from public.labour_market import page_labour_market_context
from public.places import lines_page, programmes_by_level
from public.presenters import (
    programme_for_page,
    programme_page,
)
from public.structured_data import programme_structured_data
from surveys.selectors import study_score_averages


class PageMoved(Exception):
    """The address names a page by a slug it has in another language or had
    before: answered with a permanent redirect to its address."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page


class PageAddressMixin:
    """A page found by its slug in the active language (/en/programmes/<English
    slug>/). Its slug in the other language, or one it gave up, redirects
    permanently to that address, so that no old link ends in a 404; an unknown
    slug stays a 404. The redirect is never a 200, so the page cache, which keeps
    only 200s, never stores it under the page's key."""

    def get_slug_field(self):
        return slug_field(get_language())

    def get_object(self, queryset=None):
        try:
            return self.page_at_address()
        except Http404:
            page = page_moved_from(
                self.pages_with_address(), self.kwargs["slug"], language=get_language()
            )
            if page is None:
                raise
            raise PageMoved(page) from None

    def page_at_address(self):
        return super().get_object()

    def pages_with_address(self):
        """The pages an old address may lead to."""
        return self.get_queryset()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except PageMoved as moved:
            address = moved.page.get_absolute_url()
            if query := request.META.get("QUERY_STRING"):
                address = f"{address}?{query}"
            return HttpResponsePermanentRedirect(address)

    def get_context_data(self, **kwargs):
        # The language switcher and the hreflang alternates link to this page's
        # own slug in each language (portal_i18n.translated_url).
        return super().get_context_data(alternate_page=self.object, **kwargs)


class ProgrammeDetailView(PageAddressMixin, DetailView):
    """A published programme's public page; unpublished ones do not exist here."""

    queryset = Programme.objects.all()

    def page_at_address(self):
        try:
            return programme_for_page(self.get_queryset(), self.kwargs["slug"])
        except Programme.DoesNotExist:
            raise Http404 from None

    def pages_with_address(self):
        return self.get_queryset().published()

    def get_context_data(self, **kwargs):
        page = programme_page(self.object)
        return super().get_context_data(
            page=page,
            structured_data=programme_structured_data(
                page, absolute_url=self.request.build_absolute_uri
            ),
            INSUFFICIENT_INFORMATION=INSUFFICIENT_INFORMATION,
            **kwargs,
        )


class ProgrammeListingMixin:
    """A detail page that lists the published programmes linked to its object,
    a page at a time (the study page; institution and city pages group theirs by
    level: ProgrammesByLevelMixin)."""

    programme_filter = ""
    programmes_per_page = 50

    def get_context_data(self, **kwargs):
        # A missing, non-numeric or too high ?page= gives a real page.
        page = lines_page(
            Programme.objects.published().filter(
                **{self.programme_filter: self.object}
            ),
            page_number=self.request.GET.get("page"),
            per_page=self.programmes_per_page,
            home_city_id=None,
            show_institution=True,
        )
        skip_cache_if_page_corrected(self.request, page)
        return super().get_context_data(
            programmes=page, programme_count=page.paginator.count, **kwargs
        )


def skip_cache_if_page_corrected(request, page) -> None:
    """A ?page= that was corrected (missing page, typo) is not cached: one cache
    entry per real page, not per typo."""
    asked = request.GET.get("page")
    if asked is not None and asked != str(page.number):
        page_cache_skip(request)


class ProgrammesByLevelMixin:
    """A place's page (an institution, a city): its published programmes grouped
    by level, a page at a time (a big city has thousands), and its catalogue's
    counts per level."""

    place = ""
    programmes_per_page = 50
    show_institution = False  # on each line: a city has many institutions

    def home_city_id(self) -> int | None:
        """The city a line leaves out: the place's own."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        place = {self.place: self.object}
        catalogue = place_catalogue(**place)
        listed = programmes_by_level(
            catalogue,
            page_number=self.request.GET.get("page"),
            per_page=self.programmes_per_page,
            home_city_id=self.home_city_id(),
            show_institution=self.show_institution,
            **place,
        )
        skip_cache_if_page_corrected(self.request, listed.page)
        return super().get_context_data(catalogue=catalogue, listed=listed, **kwargs)


def listed_page_parameters(params) -> list[tuple[str, str]]:
    """A listing detail page's own parameter, for the page cache: its page."""
    page = params.get("page")
    return [("page", page)] if page not in (None, "1") else []


class StudyDetailView(PageAddressMixin, ProgrammeListingMixin, DetailView):
    """The study across the country: its programmes, national averages, careers."""

    model = Study
    programme_filter = "study"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            averages=study_score_averages(self.object),
            trends=study_trends(self.object),
            page={
                "careers": study_career_summary(self.object),
                "labour_market": page_labour_market_context(self.object),
            },
            INSUFFICIENT_INFORMATION=INSUFFICIENT_INFORMATION,
            **kwargs,
        )


class InstitutionDetailView(PageAddressMixin, ProgrammesByLevelMixin, DetailView):
    """An institution: its figures over the years, its programmes by level."""

    queryset = Institution.objects.select_related("municipality")
    place = "institution"

    def home_city_id(self):
        return self.object.municipality_id

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            trends=institution_trends(self.object),
            INSUFFICIENT_INFORMATION=INSUFFICIENT_INFORMATION,
            **kwargs,
        )


class MunicipalityDetailView(PageAddressMixin, ProgrammesByLevelMixin, DetailView):
    queryset = Municipality.objects.select_related("students_source")
    place = "municipality"
    show_institution = True

    def home_city_id(self):
        return self.object.pk

    def get_context_data(self, **kwargs):
        institutions = list(self.object.institutions.order_by("name"))
        return super().get_context_data(
            institutions=institutions,
            city_programmes=city_programme_count(self.object),
            **kwargs,
        )

"""A programme's public change log (programmes.changelog): a page and an Atom
feed, both only for a published programme, as its page is."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext
from django.views.generic import DetailView

from programmes.changelog import programme_changes
from programmes.models import Programme, slug_field

from .detail import PageAddressMixin, PageMoved

# The page and the feed list this many of the latest changes.
CHANGES_SHOWN = 50


@dataclass(frozen=True)
class ChangesAddress:
    """The changes page of a programme, in whichever language is active: what
    the language switcher and an old slug's redirect lead to."""

    programme: Programme
    url_name: str = "programmes:programme_changes"

    def get_absolute_url(self) -> str:
        slug = self.programme.slug_in(get_language())
        return reverse(self.url_name, kwargs={"slug": slug})


def published_programme(slug: str) -> Programme:
    """The published programme of this slug in the active language, or 404."""
    try:
        return (
            Programme.objects.published()
            .select_related("institution")
            .get(**{slug_field(get_language()): slug})
        )
    except Programme.DoesNotExist:
        raise Http404 from None


class ProgrammeChangesView(PageAddressMixin, DetailView):
    template_name = "programmes/programme_changes.html"
    queryset = Programme.objects.all()

    def page_at_address(self):
        return published_programme(self.kwargs["slug"])

    def pages_with_address(self):
        return self.get_queryset().published()

    def get_object(self, queryset=None):
        try:
            return super().get_object(queryset)
        except PageMoved as moved:
            raise PageMoved(ChangesAddress(moved.page)) from None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            changes=programme_changes(self.object, limit=CHANGES_SHOWN), **kwargs
        )
        context["alternate_page"] = ChangesAddress(self.object)
        return context


class ProgrammeChangesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return published_programme(slug)

    def title(self, programme):
        return gettext("Changes to %(programme)s") % {"programme": programme}

    def subtitle(self, programme):
        return gettext(
            "What changed on this programme's page on Keuzewijzer, with its source."
        )

    def link(self, programme):
        return ChangesAddress(programme).get_absolute_url()

    def items(self, programme):
        changes = programme_changes(programme, limit=CHANGES_SHOWN)
        link = self.link(programme)
        return [(change, link) for change in changes]

    def item_title(self, item):
        return item[0].what

    def item_description(self, item):
        return gettext("Source: %(source)s") % {"source": item[0].source}

    def item_link(self, item):
        change, link = item
        return f"{link}#{change.anchor}"

    def item_updateddate(self, item):
        return item[0].when

    def item_pubdate(self, item):
        return item[0].when

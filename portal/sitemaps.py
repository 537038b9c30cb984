"""sitemap.xml over both languages, with hreflang alternates for every page: each
page's address in a language is its own slug in that language (get_absolute_url
under the language Django's sitemap activates)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from programmes.models import SLUG_FIELDS, Institution, Municipality, Programme, Study


class BilingualSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    limit = 5000


class PageSitemap(BilingualSitemap):
    priority = 0.8

    def items(self):
        return ["home", "programmes:programme_list", "method", "opendata:page"]

    def location(self, item):
        return reverse(item)


class ProgrammeSitemap(BilingualSitemap):
    def items(self):
        return (
            Programme.objects.published()
            .order_by("pk")
            .only(*SLUG_FIELDS.values(), "updated_at")
        )

    def lastmod(self, programme):
        return programme.updated_at


class SlugSitemap(BilingualSitemap):
    model = None

    def items(self):
        return self.model.objects.order_by("pk").only(*SLUG_FIELDS.values())


class StudySitemap(SlugSitemap):
    model = Study


class InstitutionSitemap(SlugSitemap):
    model = Institution


class MunicipalitySitemap(SlugSitemap):
    model = Municipality


SITEMAPS = {
    "pages": PageSitemap,
    "programmes": ProgrammeSitemap,
    "studies": StudySitemap,
    "institutions": InstitutionSitemap,
    "cities": MunicipalitySitemap,
}

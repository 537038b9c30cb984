"""A public page's address in each language, and the addresses it had before.

Each page (programme, study, institution, city) has a slug per language: the
Dutch ``slug`` and the English ``slug_en``, each unique among its own language.
The Dutch slug is also the page's identifier in query strings (``?p=``,
``?institution=``, the compare selection), so that a filter or a shared compare
link survives the language switcher. That is why the slug is not a
modeltranslation field: modeltranslation would make ``slug`` (attribute, filter
and values) mean the current language's everywhere, identifiers included.

Every slug a page gives up is kept (``FormerSlug``), so that an old address
answers with a permanent redirect instead of a 404.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The field that holds a page's slug in each language.
SLUG_FIELDS = {"nl": "slug", "en": "slug_en"}


def slug_field(language: str | None) -> str:
    """The slug field of ``language``; the Dutch one for any other language."""
    return SLUG_FIELDS.get(language or "", SLUG_FIELDS["nl"])


def english_slug_field(*, max_length: int) -> models.SlugField:
    return models.SlugField(
        _("English slug"),
        max_length=max_length,
        unique=True,
        blank=True,
        help_text=_(
            "The English page's address. Left empty, it is the Dutch slug. The "
            "old address keeps working when you change it."
        ),
    )


class AddressKind(models.TextChoices):
    PROGRAMME = "programme", _("programme")
    STUDY = "study", _("study")
    INSTITUTION = "institution", _("institution")
    MUNICIPALITY = "municipality", _("municipality")


class FormerSlug(models.Model):
    """A slug a page no longer has: its old address redirects to the current one."""

    kind = models.CharField(_("kind of page"), max_length=12, choices=AddressKind)
    slug = models.SlugField(_("slug"), max_length=160)
    object_id = models.PositiveIntegerField(_("page's object id"))
    retired_at = models.DateTimeField(_("retired at"), auto_now=True)

    class Meta:
        verbose_name = _("former slug")
        verbose_name_plural = _("former slugs")
        constraints = [
            # One slug leads to one page; the page that gave it up last wins.
            models.UniqueConstraint(
                fields=("kind", "slug"), name="former_slug_unique_per_kind"
            ),
        ]

    def __str__(self):
        return self.slug


class LocalisedAddress:
    """Mixed into a page's model: its address in the active language, and the
    slugs it gives up kept as former slugs.

    Kept on every save rather than in a service: an address changes in the admin,
    a revert or the shell alike, and each must leave a redirect behind.
    """

    address_kind: AddressKind
    url_name: str

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The slugs as read, to tell on save which ones the page gave up.
        instance._slugs_as_read = {
            field: instance.__dict__.get(field) for field in SLUG_FIELDS.values()
        }
        return instance

    def save(self, *args, **kwargs):
        # An English slug nobody chose is the Dutch one: the page keeps one address.
        if not self.slug_en:
            self.slug_en = self.slug
        super().save(*args, **kwargs)
        self._keep_former_slugs()

    def _keep_former_slugs(self) -> None:
        read = getattr(self, "_slugs_as_read", {})
        current = {getattr(self, field) for field in SLUG_FIELDS.values()}
        for slug in set(read.values()) - current - {None, ""}:
            FormerSlug.objects.update_or_create(
                kind=self.address_kind, slug=slug, defaults={"object_id": self.pk}
            )
        self._slugs_as_read = {
            field: getattr(self, field) for field in SLUG_FIELDS.values()
        }

    def slug_in(self, language: str | None) -> str:
        return getattr(self, slug_field(language)) or self.slug

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug_in(get_language())})

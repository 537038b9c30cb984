from django.db import models
from django.utils.translation import gettext_lazy as _

TERM_SEPARATOR = ","


class SynonymGroup(models.Model):
    """Words and phrases a student may type for the same thing, in Dutch or
    English: the listing's search expands a query word to all of them
    (public.synonyms), so that "rechten" also finds "Rechtsgeleerdheid" and
    "Law". Loaded from programmes/data/search_synonyms.txt after each migrate
    (programmes.synonyms); staff add, edit or switch off groups in the admin,
    which applies to the next search without rebuilding any summary."""

    terms = models.TextField(
        _("terms"),
        help_text=_(
            "Words or phrases that mean the same, in Dutch or English, separated "
            "by commas, e.g. rechten, rechtsgeleerdheid, law."
        ),
    )
    is_active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Switched off, the search ignores this group."),
    )
    file_key = models.CharField(
        _("key in the synonym file"),
        max_length=200,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "The group's first term in the shipped file: it is loaded once, so "
            "that edits made here stay."
        ),
    )

    class Meta:
        ordering = ("terms",)
        verbose_name = _("search synonym group")
        verbose_name_plural = _("search synonym groups")

    def __str__(self):
        return self.terms[:100]

    def term_list(self) -> list[str]:
        return [t.strip() for t in self.terms.split(TERM_SEPARATOR) if t.strip()]

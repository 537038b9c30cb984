from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangelogVisibility(models.Model):
    """Added to a programme's versions (django-simple-history `bases`): whether
    an edit is left out of the programme's public change log (programmes.changelog)."""

    hidden_from_changelog = models.BooleanField(
        _("internal edit"),
        default=False,
        help_text=_("Left out of the programme's public change log."),
    )

    class Meta:
        abstract = True

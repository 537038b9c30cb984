from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Ten times the anonymous limit (settings.API_RATE_LIMIT, 120 a minute).
DEFAULT_KEY_RATE_LIMIT = 1200
MAX_KEY_RATE_LIMIT = 100_000


class ApiKey(models.Model):
    """A client of the API with a higher rate limit than anonymous use,
    issued in the admin. Only the key's SHA-256 hash is stored (api.keys): the
    key itself is shown once, when it is made."""

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_("Who uses the key, e.g. the organisation or app."),
    )
    contact_email = models.EmailField(
        _("contact email"), help_text=_("Whom to tell about changes or misuse.")
    )
    key_prefix = models.CharField(
        _("key begins with"),
        max_length=12,
        editable=False,
        help_text=_("The key's first characters, to recognise it."),
    )
    key_hash = models.CharField(
        _("key hash"), max_length=64, unique=True, editable=False
    )
    requests_per_minute = models.PositiveIntegerField(
        _("requests per minute"),
        default=DEFAULT_KEY_RATE_LIMIT,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_KEY_RATE_LIMIT)],
        help_text=_("Anonymous use is allowed 120 requests a minute per address."),
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to revoke the key: its requests are then refused."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, editable=False)

    class Meta:
        ordering = ("name", "pk")
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        constraints = [
            models.CheckConstraint(
                condition=Q(requests_per_minute__gte=1),
                name="api_key_allows_a_request",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

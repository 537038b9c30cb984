"""API keys: made, stored as a hash, and read from a request.

A key is 32 random bytes (URL-safe base64), so a plain SHA-256 is enough to
store it: a slow password hash protects guessable secrets, and a key cannot be
guessed; the hash can be looked up by an index in one query.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiKey

KEY_PREFIX = "kw_"
# last_used_at is written at most this often per key: one UPDATE a minute,
# not one per request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class InvalidKey(Exception):
    """A request that presents a key the API does not accept: answered 401."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_key_issue(*, api_key: ApiKey) -> str:
    """Give `api_key` a new key, save it and return the key: the only time it
    is known, as only its hash is stored."""
    raw = KEY_PREFIX + secrets.token_urlsafe(32)
    api_key.key_hash = key_hash(raw)
    api_key.key_prefix = raw[:8]
    api_key.full_clean()
    api_key.save()
    return raw


def presented_key(request) -> str | None:
    """The key a request presents (`Authorization: Bearer <key>` or
    `X-API-Key: <key>`), None without one; InvalidKey if malformed."""
    authorization = request.headers.get("Authorization")
    if authorization is not None:
        scheme, _space, raw = authorization.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise InvalidKey(
                _("Send the API key as “Authorization: Bearer <key>” or “X-API-Key”.")
            )
        return raw.strip()
    raw = request.headers.get("X-API-Key")
    return None if raw is None else raw.strip()


def authenticated_key(request) -> ApiKey | None:
    """The active key this request presents, None without one; InvalidKey for
    a key that is unknown or revoked."""
    raw = presented_key(request)
    if raw is None:
        return None
    api_key = (
        ApiKey.objects.filter(key_hash=key_hash(raw), is_active=True)
        .only("pk", "requests_per_minute", "last_used_at")
        .first()
        if raw
        else None
    )
    if api_key is None:
        raise InvalidKey(
            _(
                "This API key is unknown or has been revoked. Leave the key "
                "out to use the API anonymously, with a lower rate limit."
            )
        )
    now = timezone.now()
    if api_key.last_used_at is None or now - api_key.last_used_at > (
        LAST_USED_RESOLUTION
    ):
        ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    return api_key

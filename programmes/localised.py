"""A translated field in the active language, or in the language it has: the
rule every page and tag applies (the portal's `translated_name` and
`translated_field` tags, the place pages' programme lines)."""

from django.conf import settings
from django.utils.translation import get_language


def _fallback_languages(language: str) -> tuple[str, ...]:
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    if isinstance(fallbacks, dict):
        return tuple(fallbacks.get(language, fallbacks.get("default", ())))
    return tuple(fallbacks)


def translated_value(obj, field_name: str) -> tuple[str, str | None]:
    """The field in the active language, else its fallback and that language."""
    language = get_language() or settings.LANGUAGE_CODE
    value = getattr(obj, f"{field_name}_{language}", None)
    if value:
        return value, None
    for fallback in _fallback_languages(language):
        if fallback == language:
            continue
        value = getattr(obj, f"{field_name}_{fallback}", None)
        if value:
            return value, fallback
    return "", None

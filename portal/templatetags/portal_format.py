"""Numbers and translated content as the active language writes them."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

register = template.Library()


def _decimals(value, places: int) -> int:
    """Whole amounts without decimals, others with `places`."""
    return 0 if Decimal(str(value)) == Decimal(str(value)).to_integral() else places


@register.filter
def euro(value) -> str:
    """€ 2.601 in Dutch, €2,601 in English; cents only when there are any."""
    if value in (None, ""):
        return ""
    amount = number_format(
        Decimal(str(value)), _decimals(value, 2), force_grouping=True
    )
    if get_language() == "nl":
        return f"€\N{NO-BREAK SPACE}{amount}"
    return f"€{amount}"


@register.filter
def whole(value) -> str:
    """A count or rounded figure with grouping: 37.553 / 37,553."""
    if value in (None, ""):
        return ""
    rounded = Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return number_format(rounded, 0, force_grouping=True)


@register.filter
def score(value) -> str:
    """A 1–5 score with one decimal in the language's notation: 3,9 / 3.9."""
    if value in (None, ""):
        return ""
    from surveys.selectors import round_score

    return number_format(round_score(value), 1)


@register.filter
def number(value) -> str:
    """A measured figure (months, hours): one decimal only when it has one."""
    if value in (None, ""):
        return ""
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, _decimals(rounded, 1))


@register.filter
def percent(value) -> str:
    """A percentage, whole unless it has a meaningful decimal."""
    if value in (None, ""):
        return ""
    number = Decimal(str(value))
    return f"{number_format(number, _decimals(number, 1))}%"


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


@register.simple_tag
def translated_field(obj, field_name: str, block: bool = False):
    """Show a translated field; mark a fallback with lang and a discreet note.

    `block=True` renders paragraphs (for descriptions), otherwise inline text.
    """
    value, fallback = translated_value(obj, field_name)
    if not value:
        return ""
    tag = "div" if block else "span"
    content = mark_safe(linebreaks(value, autoescape=True)) if block else value
    if fallback is None:
        if block:
            return format_html("<div>{}</div>", content)
        return value
    note = _("(only available in %(language)s)") % {
        "language": get_language_info(fallback)["name_translated"]
    }
    return format_html(
        '<{tag} lang="{lang}">{content}</{tag}> <small class="fallback-note">{note}</small>',
        tag=tag,
        lang=fallback,
        content=content,
        note=note,
    )

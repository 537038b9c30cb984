"""The programme lines of an institution or city page (public.places.VariantLine),
written by one tag: a page has 50, and a template's tags and conditions per
line were most of its rendering time."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from programmes.localised import translated_value

register = template.Library()


def _name(names) -> str:
    """As the `translated_name` tag writes it: another language's name marked
    with `lang`, no note."""
    value, fallback = translated_value(names, "name")
    if fallback is None:
        return escape(value)
    return f'<span lang="{fallback}">{escape(value)}</span>'


def _fact(kind: str, text: str, hidden_label: str = "") -> str:
    label = (
        f'<span class="visually-hidden">{escape(hidden_label)}: </span>'
        if hidden_label
        else ""
    )
    return (
        f'<span class="programme-variant__fact" data-variant="{kind}">'
        f"{label}{text}</span>"
    )


@register.simple_tag
def variant_lines(lines) -> SafeString:
    """One `<li>` per line: the name linking to the programme, then what tells
    it apart (institution, form, language, location, ECTS), each marked with
    `data-variant`. Built as text, each value escaped once."""
    language_label, location_label = gettext("Language"), gettext("Location")
    items = []
    for line in lines:
        facts = []
        if line.institution:
            facts.append(_fact("institution", _name(line.institution)))
        facts.append(_fact("form", escape(line.form)))
        if line.language:
            facts.append(_fact("language", escape(line.language), language_label))
        if line.location:
            facts.append(_fact("location", _name(line.location), location_label))
        if line.ects:
            facts.append(_fact("ects", escape(line.ects)))
        items.append(
            '<li class="programme-variant">'
            f'<a class="programme-variant__name" href="{escape(line.url)}">'
            f"{_name(line.names)}</a> "
            f'<span class="programme-variant__facts">{" ".join(facts)}</span>'
            "</li>"
        )
    return mark_safe("\n".join(items))

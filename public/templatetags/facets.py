"""The listing's facet options, printed in Python: a listing page prints some
four hundred of them, and a template loop took more time than the rest of the
page together."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from figures.formatting import whole

register = template.Library()

OPTION = (
    '<div class="facet__option"><input type="{}" name="{}" value="{}" id="{}"{}>'
    '<label for="{}">{} <span class="facet__count">({})</span></label></div>\n'
)


@register.simple_tag
def facet_options(facet):
    """One radio button (a facet taking one option) or checkbox per option,
    labelled with its text and its number of programmes."""
    kind = "radio" if facet.single else "checkbox"
    return format_html_join(
        "",
        OPTION,
        (
            (
                kind,
                facet.name,
                option.value,
                f"f-{facet.name}-{number}",
                mark_safe(" checked") if option.selected else "",
                f"f-{facet.name}-{number}",
                option.label,
                whole(option.count),
            )
            for number, option in enumerate(facet.options, start=1)
        ),
    )

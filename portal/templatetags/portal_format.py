"""Figures (figures.formatting) and translated content as the active language
writes them."""

import functools

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.utils.html import conditional_escape, escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from figures.formatting import (
    about_parts,
    euro,
    number,
    percent,
    percent_tenth,
    printed,
    salary,
    score,
    whole,
)
from figures.publication import INSUFFICIENT_INFORMATION, Figure
from programmes.localised import translated_value

register = template.Library()
for figure_filter in (euro, whole, score, number, percent, percent_tenth, salary):
    register.filter(figure_filter.__name__, figure_filter)


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


@register.simple_tag
def translated_name(obj, field_name: str = "name"):
    """A proper name (an institution, a city, a source) in the active language,
    else in the language it has, marked with `lang` but without a note: "Tilburg
    University" is no text missing in English."""
    value, fallback = translated_value(obj, field_name)
    if fallback is None:
        return value
    return format_html('<span lang="{lang}">{value}</span>', lang=fallback, value=value)


# What the source line reads from its tag's arguments or, like an include,
# from the page's context.
SOURCE_NOTE_ARGUMENTS = ("source", "label", "respondents")


@register.simple_tag(takes_context=True)
def source_note(context, **given):
    """A figure's source as a line: "label, n = 123 · Source: name", the name
    linked when the source has an address, marked when its figures are not real.
    `source`, `label` and `respondents` are given or read from the context, as
    the include it replaces read them. Written here in one pass: a page has a
    dozen, and the include cost about 0.1 ms each."""
    source, label, respondents = (
        given[name] if name in given else context.get(name)
        for name in SOURCE_NOTE_ARGUMENTS
    )
    if not source:
        return mark_safe("\n\n")
    labelled = ""
    if label:
        labelled = conditional_escape(label)
        if respondents:
            labelled += ", " + _("n = %(n)s") % {"n": escape(whole(respondents))}
        labelled += " · "
    name = conditional_escape(translated_name(source, "name"))
    if source.url:
        name = f'<a href="{escape(source.url)}">{name}</a>'
    demo = ""
    if not source.is_real:
        demo = (
            f'<strong class="demo-label">{_("Demo data — not real figures")}</strong>'
        )
    return mark_safe(  # every text escaped above
        f'\n\n  <p class="source">\n    {labelled}{_("Source:")}\n    {name}\n'
        f"    {demo}\n  </p>\n\n"
    )


@register.simple_tag
def figure_value(figure, kind=""):
    """A shown figure as printed for its kind (a count when no kind is given)."""
    return printed(figure.value, kind)


@register.simple_tag
def show_figure(figure, kind=""):
    """A figure as a page prints it: its value, or why it is withheld (the
    "insufficient reliable information" block). A tag, not an include: a
    programme page prints dozens."""
    if figure.is_shown:
        return figure_value(figure, kind)
    if settings.DEBUG:  # a template being edited shows at once
        return _insufficient_block(figure)
    return _insufficient_block_of(get_language(), figure.withheld)


def _insufficient_block(figure) -> str:
    return render_to_string(
        "programmes/includes/_insufficient.html",
        {"figure": figure, "INSUFFICIENT_INFORMATION": INSUFFICIENT_INFORMATION},
    )


@functools.lru_cache(maxsize=64)
def _insufficient_block_of(language: str | None, withheld) -> str:
    """The block for a reason, rendered once per language: it depends on
    nothing else, and an institution page prints it for a dozen years (about
    50 µs a render)."""
    return _insufficient_block(Figure(None, withheld=withheld))


def _respondents(figure) -> str:
    return _("n = %(n)s") % {"n": whole(figure.respondents)}


@register.simple_tag
def figure_n(figure):
    """ "n = 143" after a figure: its own respondents (nothing when unknown)."""
    if not getattr(figure, "respondents", None):
        return ""
    return mark_safe(f' <small class="figure-n">{escape(_respondents(figure))}</small>')


@register.simple_tag
def key_fact_items(facts):
    """The key-facts strip's figures (public.key_facts.KeyFact), each with its
    value or why it is not shown, what it is about and a demo or synthetic mark.
    Written here in one pass, every text escaped: through the template's tags
    and conditions, about fifteen nodes a fact."""
    items = []
    for fact in facts:
        figure = fact.figure
        if fact.shows_unknown:
            value = (
                '<div class="key-fact__value key-fact__value--unknown">'
                f"{escape(fact.unknown)}</div>"
            )
        else:
            shown = conditional_escape(show_figure(figure, fact.kind))
            value = f'<div class="key-fact__value">{shown}</div>'
        about = figure_about(figure, with_source=False) if figure.is_shown else ""
        mark = ""
        if figure.source and not figure.source.is_real:
            label = figure.source.not_real_label
            mark = f'<span class="demo-label">{escape(label)}</span>'
        items.append(
            f'<div class="key-fact" data-fact="{escape(fact.name)}">'
            f"<dt>{escape(fact.label)}</dt><dd>{value} {about} {mark}</dd></div>"
        )
    return mark_safe("\n".join(items))  # every text escaped above


SCORE_COLUMNS = ("own", "institution", "national")


@register.simple_tag
def score_rows(rows):
    """The satisfaction table's rows (surveys.selectors.ScoreRow): an aspect's
    own, institution and national score, each with its n, and the difference.
    Written here in one pass, every text escaped: through the template's tags,
    seven per row, the rows were a third of the section's render time."""
    written = []
    for row in rows:
        cells = "".join(
            f'<td class="score score--{column}"><div class="score__value">'
            f"{conditional_escape(show_figure(figure, 'score'))}</div>"
            f"{figure_n(figure)}</td>"
            for column, figure in zip(
                SCORE_COLUMNS, (row.own, row.institution, row.national), strict=True
            )
        )
        aspect = conditional_escape(translated_field(row.aspect, "name"))
        comparison = escape(row.comparison or "unknown")
        written.append(
            f'<tr data-aspect="{escape(row.aspect.code)}"><th scope="row">{aspect}</th>'
            f'{cells}<td class="score-difference score-difference--{comparison}">'
            f"{escape(row.difference_text or '–')}</td></tr>"
        )
    return mark_safe("\n".join(written))  # every text escaped above


@register.simple_tag
def figure_about(figure, with_source=True):
    """What a figure is about, after it: "2024 · n = 143 · Source (demo data)".

    Built as plain text and escaped once: the compare page prints hundreds.
    """
    parts = [
        f'<span class="figure-about__{part}">{escape(text)}</span>'
        for part, text in about_parts(figure, with_source=with_source)
    ]
    if not parts:
        return ""
    return mark_safe(f'<small class="figure-about">{" · ".join(parts)}</small>')

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code: str) -> str:
    """The current page in another language, keeping its query string.

    A page with an address of its own in each language (a programme's English
    slug) puts itself in the context as ``alternate_page``: its address in that
    language is asked of the page, since translating the path alone would keep
    this language's slug.
    """
    request = context.get("request")
    if request is None:
        return "/"
    page = context.get("alternate_page")
    if page is None:
        return translate_url(request.get_full_path(), language_code)
    with translation.override(language_code):
        address = page.get_absolute_url()
    if query := request.META.get("QUERY_STRING"):
        address = f"{address}?{query}"
    return address


@register.simple_tag(takes_context=True)
def default_language_url(context) -> str:
    """The current page in the site's default language: the `x-default` address
    for visitors whose language is neither of ours."""
    return translated_url(context, settings.LANGUAGE_CODE)

from django import template
from django.conf import settings
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language_code: str) -> str:
    """The current page in another language, keeping its query string."""
    request = context.get("request")
    if request is None:
        return "/"
    return translate_url(request.get_full_path(), language_code)


@register.simple_tag(takes_context=True)
def default_language_url(context) -> str:
    """The current page in the site's default language: the `x-default` address
    for visitors whose language is neither of ours."""
    return translated_url(context, settings.LANGUAGE_CODE)

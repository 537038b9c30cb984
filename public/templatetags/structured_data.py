"""Structured data (JSON-LD) written into a page as a data block.

A <script type="application/ld+json"> is data, not script: browsers never run
it, so the Content-Security-Policy (script-src 'self') has nothing to block.
It must still not end the element early: <, > and & are written as JSON escapes,
as django.utils.html.json_script does, so no text in it can close the tag.
"""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data: dict):
    """The dict as a JSON-LD block; nothing for an empty one."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_ESCAPES)),  # escaped: cannot close the tag
    )

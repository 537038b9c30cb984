from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from public.typeahead import suggestions_for


@require_safe
def suggestions(request):
    """The search box's suggestions for ``q``, as an HTML fragment that
    static/js/typeahead.js places under the box (server-rendered: translated and
    escaped by the templates, like every other page). Anything that is not a name
    being typed gets an empty answer, never an error."""
    groups = suggestions_for(request.GET.get("q", ""), language=get_language())
    count = sum(len(group.suggestions) for group in groups)
    context = {"groups": groups, "count": count}
    return render(request, "programmes/includes/_typeahead.html", context)

"""What a visitor chose to compare, and how a compare address names it.

The selection lives in the session (no account needed), changed by the
"Add to compare" buttons; the compare page's address carries the programmes
(?p=slug&p=slug) or a study (?study=slug), so a table can be shared. The table
itself is built in compare.py.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from programmes.models import Programme

MAX_COMPARED = 10
SESSION_KEY = "compare"


class CompareSelection:
    """The programmes a visitor picked, kept in their session (at most 10)."""

    def __init__(self, session):
        self.session = session

    @property
    def ids(self) -> list[int]:
        stored = self.session.get(SESSION_KEY, [])
        return [pk for pk in stored if isinstance(pk, int)][:MAX_COMPARED]

    def __len__(self):
        return len(self.ids)

    def __contains__(self, programme) -> bool:
        return programme.pk in self.ids

    @property
    def is_full(self) -> bool:
        return len(self.ids) >= MAX_COMPARED

    def add(self, programme) -> bool:
        """Add a programme; False when the selection is full already."""
        if programme in self:
            return True
        if self.is_full:
            return False
        self.session[SESSION_KEY] = [*self.ids, programme.pk]
        return True

    def remove(self, programme) -> None:
        self.session[SESSION_KEY] = [pk for pk in self.ids if pk != programme.pk]

    def clear(self) -> None:
        self.session.pop(SESSION_KEY, None)

    def programmes(self) -> list[Programme]:
        """The selected published programmes, in the order they were added."""
        ids = self.ids
        if not ids:
            return []
        found = Programme.objects.published().select_related("institution").in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


def selection_change(
    selection: CompareSelection, *, action: str, programme: Programme | None
) -> tuple[int, str]:
    """Add `programme` to the selection, remove it, or "clear" them all; what
    happened as a message level and the text a visitor reads."""
    if action == "clear":
        selection.clear()
        return messages.SUCCESS, _("Your comparison is empty now.")
    name = programme.name
    if action == "remove":
        selection.remove(programme)
        return messages.SUCCESS, _("%(name)s was removed from your comparison.") % {
            "name": name
        }
    if selection.add(programme):
        return messages.SUCCESS, _("%(name)s is in your comparison.") % {"name": name}
    return messages.WARNING, _(
        "Your comparison is full: remove a programme first (at most %(max)s)."
    ) % {"max": MAX_COMPARED}


def return_address(request, target: str) -> str:
    """Where a visitor goes after changing the selection: `target` (the page
    they came from) when it is on this site, else the compare page."""
    if target and url_has_allowed_host_and_scheme(
        target,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return target
    return reverse("programmes:compare")


def compare_url(programmes) -> str:
    """The shareable address of a comparison of these programmes."""
    query = urlencode([("p", programme.slug) for programme in programmes])
    return f"{reverse('programmes:compare')}?{query}"


def asks_only_differences(params) -> bool:
    """Whether the visitor asked for the rows in which the programmes differ."""
    return params.get("differences") == "1"


def compare_parameters(params) -> list[tuple[str, str]]:
    """The compare page's own parameters, as CompareView reads them: a study, or
    the programmes in their order without repeats, and "differences only" (for
    the page cache, the export links and the shareable address)."""
    if study := params.get("study"):
        chosen = [("study", study)]
    else:
        chosen = [("p", slug) for slug in dict.fromkeys(params.getlist("p"))]
    if asks_only_differences(params):
        chosen.append(("differences", "1"))
    return chosen

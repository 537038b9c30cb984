from django.utils.functional import SimpleLazyObject

from .compare_selection import CompareSelection


def compare_tray(request):
    """The visitor's compare selection, read only when a template shows it."""
    session = getattr(request, "session", None)
    if session is None:
        return {}
    return {
        "compare_selection": SimpleLazyObject(lambda: CompareSelection(session)),
        "compare_tray": SimpleLazyObject(
            lambda: CompareSelection(session).programmes()
        ),
    }

"""The content admin, by area; importing the package registers every page."""

from . import imports, places, programmes, search  # noqa: F401

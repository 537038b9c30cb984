"""The content admin, by area; importing the package registers every page."""

from . import changelog, imports, places, programmes, search  # noqa: F401

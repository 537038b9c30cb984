"""The liaison and export-log pages, and the content admins scoped for liaisons."""

from . import liaison_scope, records  # noqa: F401

"""Texts longer than their field: a rejected row with the reason, never a cut.

SQLite stores an over-long text whole and PostgreSQL refuses it (failing the whole
file), so a length is checked against the model field's own max_length before
anything is written; the row that does not fit is rejected and says which field
and how long it may be.
"""

from collections.abc import Callable, Mapping

from django.db import models
from django.utils.translation import gettext as _

from .base import ImportResult
from .csvfile import CsvTable, Row


def too_long(model: type[models.Model], values: Mapping[str, object]) -> str:
    """Why one of these texts does not fit its field of ``model``, or "".

    The reason is translated here, in the language of the import (the admin's or
    the command's), because it carries the field and its limit; showing it later
    through gettext leaves it as it is.
    """
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        model_field = model._meta.get_field(name)
        max_length = model_field.max_length
        if max_length is not None and len(value) > max_length:
            return _("%(field)s is longer than %(max_length)s characters") % {
                "field": model_field.verbose_name,
                "max_length": max_length,
            }
    return ""


def rows_too_long_reject(
    table: CsvTable, result: ImportResult, reason_of: Callable[[Row], str]
) -> None:
    """Reject the rows ``reason_of`` finds a reason for and drop them from ``table``.

    Used before the lookups that create related records (studies, institutions,
    municipalities) from a file's rows, so a rejected row creates nothing either.
    """
    kept = []
    for row in table.rows:
        if reason := reason_of(row):
            result.reject(reason, row=row)
        else:
            kept.append(row)
    table.rows = kept

"""The rows an import rejected, as a report: where, why, and the row itself.

Staff download it from the import run's admin page, fix the rows and import
the file again. The row's own columns follow the run's first columns, in the
order the file had them.
"""

import json

from django.utils.translation import gettext as _

from programmes.models import ImportRun

from .base import Column, Report


def rejected_rows_report(run: ImportRun) -> Report:
    rejected = list(run.rejected_rows.order_by("line", "pk"))
    cells = [json.loads(row.values) if row.values else {} for row in rejected]
    file_columns = list(dict.fromkeys(name for row in cells for name in row))
    columns = [
        Column(_("Line"), "int"),
        Column(_("Column")),
        Column(_("Reason")),
        *(Column(name) for name in file_columns),
    ]
    rows = (
        (
            row.line or None,
            row.column,
            _(row.reason),
            *(values.get(name, "") for name in file_columns),
        )
        for row, values in zip(rejected, cells, strict=True)
    )
    title = _("Rejected rows of %(file)s") % {"file": run.file_name}
    return Report("rejected_rows", title, columns, rows)

"""A programme's public change log: what changed on its page, when, and from
which source (docs/IMPORT.md, "What counts as a change").

Built from what is kept already, in two queries whatever the history's length:
the programme's versions (django-simple-history: every editor's save, with its
date) and, for its student figures, the import run that last wrote each one
(EnrolmentFigureSource). Only fields a student sees count; bookkeeping fields
(slugs, codes, `edited_fields`, `updated_at`) do not, and an edit that staff
marked internal (`hidden_from_changelog`) is left out, though its changes are
not shown as part of the next edit either.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import EnrolmentFigureSource, Programme, academic_year_label

# What a student sees on the page. Translated fields are compared in both
# languages (a version keeps `name_nl` and `name_en`), and named once.
TRANSLATED_FIELDS = (
    "name",
    "degree",
    "taught_by",
    "description",
    "admission",
    "bridging",
    "image_alt",
)
PLAIN_FIELDS = (
    "form",
    "ects",
    "language",
    "english_share",
    "funding",
    "started_on",
    "website",
    "image",
)
RELATED_FIELDS = ("study", "institution", "municipality")
LANGUAGE_CODES = ("nl", "en")

# How many versions one page reads at most: a long-edited programme's oldest
# edits fall off the log rather than make the page slow.
VERSIONS_READ = 200

EDITORS = _("Keuzewijzer editors")


@dataclass(frozen=True)
class Change:
    """One entry of the log: when, what changed in words, and where it came from."""

    when: datetime.datetime
    what: str
    source: str

    @property
    def anchor(self) -> str:
        """Its id on the changes page (and in the feed), stable while it exists."""
        return f"change-{self.when:%Y%m%dT%H%M%S%f}"


def programme_changes(programme: Programme, *, limit: int = 50) -> list[Change]:
    """The programme's latest changes, newest first, at most `limit`."""
    changes = edit_changes(programme) + import_changes(programme)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def _compared_columns() -> list[str]:
    columns = [
        f"{name}_{code}" for name in TRANSLATED_FIELDS for code in LANGUAGE_CODES
    ]
    return [*columns, *PLAIN_FIELDS, *(f"{name}_id" for name in RELATED_FIELDS)]


def _label(column: str) -> str:
    """The field's name as the page's language says it, never the column's."""
    name = column.removesuffix("_id")
    for code in LANGUAGE_CODES:
        if name in (f"{field}_{code}" for field in TRANSLATED_FIELDS):
            name = name.removesuffix(f"_{code}")
    return str(Programme._meta.get_field(name).verbose_name)


def edit_changes(programme: Programme) -> list[Change]:
    """Each editor's save that changed what the page shows, from the versions."""
    columns = _compared_columns()
    versions = list(
        Programme.history.filter(id=programme.pk)
        .order_by("-history_date", "-history_id")
        .values(
            "history_date",
            "history_type",
            "hidden_from_changelog",
            "is_published",
            *columns,
        )[: VERSIONS_READ + 1]
    )
    changes = []
    source = str(EDITORS)
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        if newer["hidden_from_changelog"] or newer["history_type"] == "-":
            continue
        if older is None:
            # The first version, unless the window cut off the ones before it.
            if newer["history_type"] == "+" and len(versions) <= VERSIONS_READ:
                changes.append(
                    Change(newer["history_date"], gettext("Programme added"), source)
                )
            continue
        if what := _edit_words(newer, older, columns):
            changes.append(Change(newer["history_date"], what, source))
    return changes


def _edit_words(newer: dict, older: dict, columns: list[str]) -> str:
    words = []
    if newer["is_published"] != older["is_published"]:
        words.append(
            gettext("Published again")
            if newer["is_published"]
            else gettext("Withdrawn")
        )
    labels = []
    for column in columns:
        if (
            _differs(newer[column], older[column])
            and (label := _label(column)) not in labels
        ):
            labels.append(label)
    if labels:
        words.append(gettext("Changed: %(fields)s") % {"fields": ", ".join(labels)})
    return "; ".join(words)


def _differs(newer, older) -> bool:
    # An empty text is empty whether saved as "" (the admin) or None (imports).
    return newer != older and not (newer in ("", None) and older in ("", None))


def import_changes(programme: Programme) -> list[Change]:
    """Each import run that wrote one of the programme's student figures (the
    run that last changed it: a figure a later file left as it was keeps its
    run), with its dataset and file."""
    cited = (
        EnrolmentFigureSource.objects.filter(
            enrolment__programme=programme, import_run__isnull=False
        )
        .select_related("import_run__dataset", "enrolment")
        .order_by("enrolment__academic_year", "figure")
    )
    by_run = {}
    figures = defaultdict(lambda: defaultdict(list))
    for figure_source in cited:
        run = figure_source.import_run
        by_run[run.pk] = run
        figures[run.pk][figure_source.get_figure_display()].append(
            academic_year_label(figure_source.enrolment.academic_year)
        )
    changes = []
    for pk, run in by_run.items():
        listed = "; ".join(
            f"{figure} {', '.join(years)}" for figure, years in figures[pk].items()
        )
        source = f"{run.dataset} ({run.file_name})" if run.dataset else run.file_name
        changes.append(
            Change(
                run.finished_at,
                gettext("Student figures imported: %(figures)s") % {"figures": listed},
                source,
            )
        )
    return changes

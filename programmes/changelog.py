"""A programme's public change log: what changed on its page, when, and from
which source (docs/IMPORT.md, "What counts as a change").

Built from what is kept already, in a fixed number of queries whatever the
history's length: the versions (django-simple-history: every editor's save, with
its date) of the programme and of its parts (specialisations, honours
programmes, fees, study progress, former codes); what each import of DUO's
catalogue did to it (ProgrammeImportChange); for its student figures, the import
run that last wrote each one (EnrolmentFigureSource); and what other apps
register (`change_reader_register`: its survey scores' and its study's career
figures' runs). Only fields a student sees count; bookkeeping fields (slugs,
location and RIO codes, positions, `edited_fields`, `updated_at`) do not, and
an edit that staff marked internal
(`hidden_from_changelog`) is left out, though its changes are not shown as part
of the next edit either.
"""

import datetime
import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from .models import (
    DEMO_CHANGE_REASON,
    IMPORTED_STATE,
    EnrolmentFigureSource,
    HonoursProgramme,
    ImportRun,
    Programme,
    ProgrammeCodeChange,
    ProgrammeImportChange,
    Specialisation,
    StudyProgress,
    TuitionFee,
    academic_year_label,
)

LANGUAGE_CODES = ("nl", "en")

# How many versions of the programme, and of each kind of part, one page reads
# at most: a long-edited programme's oldest edits fall off the log rather than
# make the page slow.
VERSIONS_READ = 200

EDITORS = _("Keuzewijzer editors")
DEMO = _("demo data, not real")


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


@dataclass(frozen=True)
class Tracked:
    """A model whose versions the log reads: the fields a student sees (every
    translated one, as modeltranslation registers it, compared in both
    languages; and the `plain` ones), and how one object is named in an entry
    (None for the programme itself)."""

    model: type[models.Model]
    plain: tuple[str, ...] = ()
    noun: str = ""
    name: Callable[[dict], str] | None = None

    @property
    def translated(self) -> tuple[str, ...]:
        return translated_fields(self.model)

    def columns(self) -> list[str]:
        names = [
            f"{name}_{code}" for name in self.translated for code in LANGUAGE_CODES
        ]
        for name in self.plain:
            field = self.model._meta.get_field(name)
            names.append(field.attname)
        return names

    def label(self, column: str) -> str:
        """The field's name in the active language, never the column's."""
        name = column.rsplit("_", 1)[0]  # a translated column: name_nl → name
        if name not in self.translated:
            name = column.removesuffix("_id")  # a foreign key: study_id → study
        return str(self.model._meta.get_field(name).verbose_name)


@functools.cache
def translated_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The model's translated fields (programmes/translation.py), in the model's
    field order; read when first needed, after modeltranslation has registered
    them."""
    try:
        registered = translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()
    return tuple(f.name for f in model._meta.fields if f.name in registered)


def _translated(values: dict, name: str) -> str:
    return values[f"{name}_{get_language()}"] or values[f"{name}_nl"] or ""


PROGRAMME = Tracked(
    Programme,
    plain=(
        "form",
        "ects",
        "language",
        "english_share",
        "funding",
        "started_on",
        "website",
        "image",
        "study",
        "institution",
        "municipality",
    ),
)
PARTS = (
    Tracked(
        Specialisation,
        plain=("language",),
        noun=_("Specialisation"),
        name=lambda values: _translated(values, "name"),
    ),
    Tracked(
        HonoursProgramme,
        noun=_("Honours programme"),
        name=lambda values: _translated(values, "name"),
    ),
    Tracked(
        TuitionFee,
        plain=("academic_year", "kind", "amount"),
        noun=_("Tuition fee"),
        name=lambda values: academic_year_label(values["academic_year"]),
    ),
    Tracked(
        StudyProgress,
        plain=(
            "cohort_year",
            "cohort_size",
            "first_year_continued",
            "first_year_switched",
            "first_year_dropped_out",
            "diploma_years",
            "diploma_this",
            "diploma_other",
            "diploma_none",
        ),
        noun=_("Study progress"),
        name=lambda values: (
            gettext("cohort %(year)s") % {"year": values["cohort_year"]}
        ),
    ),
    # A former code: the page's trends break where it ends (docs/FIGURES.md).
    Tracked(
        ProgrammeCodeChange,
        plain=("former_code", "first_year"),
        noun=_("Former programme code"),
        name=lambda values: (
            gettext("%(code)s, up to %(year)s")
            % {
                "code": values["former_code"],
                "year": academic_year_label(values["first_year"] - 1),
            }
        ),
    ),
)


# Readers of the changes other apps keep (a programme's survey scores, its study's
# career figures), filled from their AppConfig.ready() with
# `change_reader_register`: this app imports neither.
ChangeReader = Callable[[Programme], list[Change]]
CHANGE_READERS: list[ChangeReader] = []


def change_reader_register(reader: ChangeReader) -> None:
    """Add another app's changes of a programme to its log (from its ready())."""
    if reader not in CHANGE_READERS:
        CHANGE_READERS.append(reader)


def programme_changes(programme: Programme, *, limit: int = 50) -> list[Change]:
    """The programme's latest changes, newest first, at most `limit`."""
    changes = edit_changes(programme)
    for part in PARTS:
        changes += part_changes(programme, part)
    changes += import_changes(programme)
    changes += catalogue_changes(programme)
    for reader in CHANGE_READERS:
        changes += reader(programme)
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]


def edit_changes(programme: Programme) -> list[Change]:
    """Each editor's save of the programme that changed what its page shows."""
    columns = PROGRAMME.columns()
    versions = list(
        Programme.history.filter(id=programme.pk)
        .order_by("-history_date", "-history_id")
        .values(
            "history_date",
            "history_type",
            "hidden_from_changelog",
            "history_change_reason",
            "is_published",
            *columns,
        )[: VERSIONS_READ + 1]
    )
    complete = len(versions) <= VERSIONS_READ
    changes = []
    for newer, older in _pairs(versions[:VERSIONS_READ], complete):
        if older is None:
            words = gettext("Programme added") if newer["history_type"] == "+" else ""
        else:
            words = "; ".join(
                filter(
                    None, [_publication(newer, older), _fields(PROGRAMME, newer, older)]
                )
            )
        if words:
            changes.append(Change(newer["history_date"], words, _saved_by(newer)))
    return changes


def part_changes(programme: Programme, part: Tracked) -> list[Change]:
    """Each editor's save of one of the programme's parts that changed what its
    page shows: added, changed or removed, named as the page names it."""
    columns = part.columns()
    versions = list(
        part.model.history.filter(programme_id=programme.pk)
        .order_by("-history_date", "-history_id")
        .values(
            "id",
            "history_date",
            "history_type",
            "hidden_from_changelog",
            "history_change_reason",
            *columns,
        )[: VERSIONS_READ + 1]
    )
    complete = len(versions) <= VERSIONS_READ
    by_object = defaultdict(list)
    for version in versions[:VERSIONS_READ]:
        by_object[version["id"]].append(version)
    changes = []
    for object_versions in by_object.values():
        for newer, older in _pairs(object_versions, complete):
            if newer["history_type"] == "-":
                words = pgettext("change log", "removed")
            elif older is None:
                words = (
                    pgettext("change log", "added")
                    if newer["history_type"] == "+"
                    else ""
                )
            elif fields := _field_labels(part, newer, older):
                words = gettext("changed %(fields)s") % {"fields": ", ".join(fields)}
            else:
                words = ""
            if words:
                what = gettext("%(part)s “%(name)s”: %(what)s") % {
                    "part": part.noun,
                    "name": part.name(newer),
                    "what": words,
                }
                changes.append(Change(newer["history_date"], what, _saved_by(newer)))
    return changes


def _saved_by(version: dict) -> str:
    """Who saved a version, as its entry cites it: the demo loader's saves are
    demo data, every other save the editors' (no name is published)."""
    if version["history_change_reason"] == DEMO_CHANGE_REASON:
        return str(DEMO)
    return str(EDITORS)


def _pairs(versions: list[dict], complete: bool):
    """Each shown version (newest first) with the one before it (None for the
    first, or where the versions read were cut off: then it is left out)."""
    for index, newer in enumerate(versions):
        older = versions[index + 1] if index + 1 < len(versions) else None
        if newer["hidden_from_changelog"] or (older is None and not complete):
            continue
        if newer["history_change_reason"] == IMPORTED_STATE:
            continue  # only compared with: the import's entry names its changes
        yield newer, older


def _publication(newer: dict, older: dict) -> str:
    if newer["history_type"] == "-" or newer["is_published"] == older["is_published"]:
        return ""
    return gettext("Published again") if newer["is_published"] else gettext("Withdrawn")


def _fields(tracked: Tracked, newer: dict, older: dict) -> str:
    if labels := _field_labels(tracked, newer, older):
        return gettext("Changed: %(fields)s") % {"fields": ", ".join(labels)}
    return ""


def _field_labels(tracked: Tracked, newer: dict, older: dict) -> list[str]:
    labels = []
    for column in tracked.columns():
        if _differs(newer[column], older[column]):
            label = tracked.label(column)
            if label not in labels:
                labels.append(label)
    return labels


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
        changes.append(
            Change(
                run.finished_at,
                gettext("Student figures imported: %(figures)s") % {"figures": listed},
                run_source(run),
            )
        )
    return changes


def run_source(run: ImportRun) -> str:
    """An import's entry's source: its dataset and file (the file alone when
    the run cites no dataset, or one named after the file)."""
    dataset = str(run.dataset) if run.dataset else ""
    if not dataset or dataset == run.file_name:  # an upload named after its file
        return run.file_name
    return f"{dataset} ({run.file_name})"


def catalogue_changes(programme: Programme) -> list[Change]:
    """Each import of DUO's catalogue that added the programme or changed a
    field its page shows (`ProgrammeImportChange`, written by the import)."""
    recorded = (
        ProgrammeImportChange.objects.filter(programme=programme)
        .select_related("import_run__dataset")
        .order_by("import_run__finished_at", "pk")
    )
    changes = []
    for change in recorded:
        if change.created:
            what = gettext("Programme added from the catalogue")
        else:
            labels = list(
                dict.fromkeys(PROGRAMME.label(column) for column in change.fields)
            )
            what = gettext("Changed by the catalogue: %(fields)s") % {
                "fields": ", ".join(labels)
            }
        run = change.import_run
        changes.append(Change(run.finished_at, what, run_source(run)))
    return changes


def catalogue_changes_record(
    run: ImportRun, *, created: list[Programme], changed: dict[int, list[str]]
) -> None:
    """Keep what an import of the catalogue did to each programme's page: the
    programmes it added, and for each one it changed the fields a student sees
    (changes of bookkeeping fields alone are not kept)."""
    shown = set(PROGRAMME.columns())
    records = [
        ProgrammeImportChange(import_run=run, programme=programme, created=True)
        for programme in created
    ]
    for pk, names in changed.items():
        if columns := [name for name in names if name in shown]:
            records.append(
                ProgrammeImportChange(import_run=run, programme_id=pk, fields=columns)
            )
    ProgrammeImportChange.objects.bulk_create(records, batch_size=1000)

"""Versioned content (django-simple-history): every save keeps a dated copy with its author.

Registered here, after modeltranslation has added the ``name_nl``/``name_en``
columns (the app's ready() imports this module, and modeltranslation's ready()
runs first), so that the historical tables
keep both languages. Bulk imports (bulk_create/bulk_update) make no versions:
each ImportRun records what an import changed (docs/IMPORT.md). An enrolment's
deletion version keeps its source links, so that a restored programme has them.
"""

import simple_history
from django.db.models.fields.files import FieldFile
from django.db.models.signals import pre_delete, pre_save
from simple_history.signals import (
    pre_create_historical_m2m_records,
    pre_create_historical_record,
)
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

from .models import (
    IMPORTED_STATE,
    ChangelogVisibility,
    DataSource,
    Enrolment,
    HonoursProgramme,
    Institution,
    Municipality,
    Programme,
    ProgrammeCodeChange,
    Specialisation,
    Study,
    StudyProgress,
    SynonymGroup,
    TuitionFee,
)

for model in (
    DataSource,
    Municipality,
    Institution,
    Study,
    SynonymGroup,
):
    simple_history.register(model, app="programmes")

# What a programme's page shows: their versions say whether an edit is internal,
# left out of the programme's public change log (programmes.changelog). The
# admin sets it through the instance attribute below, read when the version is
# written.
CHANGELOG_MODELS = (
    Programme,
    Specialisation,
    HonoursProgramme,
    TuitionFee,
    StudyProgress,
    ProgrammeCodeChange,
)
for model in CHANGELOG_MODELS:
    simple_history.register(model, app="programmes", bases=[ChangelogVisibility])

simple_history.register(Enrolment, app="programmes", m2m_fields=["sources"])


# An enrolment's links to its sources are deleted before the enrolment, and its
# deletion version is written after: without these two receivers that version
# would hold no links, and a restored programme would lose its provenance.
def links_before_deletion(sender, instance, **kwargs):
    instance._links_at_deletion = {
        field.name: list(
            getattr(instance, field.name)
            .through.objects.filter(**{get_m2m_field_name(field): instance})
            .values_list("pk", f"{get_m2m_reverse_field_name(field)}_id")
        )
        for field in sender.history.model._history_m2m_fields
    }


def deletion_version_keeps_links(
    sender, rows, history_instance, instance, field, **kwargs
):
    if history_instance.history_type != "-" or rows:
        return
    for pk, target_id in getattr(instance, "_links_at_deletion", {}).get(
        field.name, ()
    ):
        rows.append(
            sender(
                history=history_instance,
                id=pk,
                **{
                    f"{get_m2m_field_name(field)}_id": instance.pk,
                    f"{get_m2m_reverse_field_name(field)}_id": target_id,
                },
            )
        )


def version_marks_internal_edit(sender, instance, history_instance, **kwargs):
    history_instance.hidden_from_changelog = getattr(
        instance, "_hidden_from_changelog", False
    )


def _plain(value):
    return value.name or "" if isinstance(value, FieldFile) else value


def imported_state_kept(sender, instance, raw=False, **kwargs):
    """Before a record is saved, keep the state an import left it in as a
    version (marked IMPORTED_STATE), when its latest version differs from what
    is stored or it has none: imports write in bulk, without versions, and
    otherwise the change log would credit the import's changes to this save, or
    could not tell what a first save of an imported record changed. Two
    queries per save of a record the change log reads; nothing in imports."""
    if raw or instance._state.adding or instance.pk is None:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    if stored is None:
        return
    latest = (
        sender.history.filter(id=instance.pk)
        .order_by("-history_date", "-history_id")
        .first()
    )
    if latest is not None and all(
        _plain(getattr(stored, field.attname)) == _plain(getattr(latest, field.attname))
        for field in sender._meta.concrete_fields
    ):
        return
    sender.history.bulk_history_create(
        [stored], update=True, default_change_reason=IMPORTED_STATE
    )


pre_delete.connect(links_before_deletion, sender=Enrolment)
pre_create_historical_m2m_records.connect(deletion_version_keeps_links)
for model in CHANGELOG_MODELS:
    pre_create_historical_record.connect(
        version_marks_internal_edit, sender=model.history.model
    )
    pre_save.connect(imported_state_kept, sender=model)

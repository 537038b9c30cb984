"""Admin edits keep ProgrammeSummary, the studies' and institutions' enrolment
sums (EnrolmentSum) and the catalogue's facet counts current; bulk imports send
programmes.signals.records_imported."""

from django.apps import apps as installed_apps
from django.db.models import QuerySet
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_save,
)
from django.dispatch import receiver

from careers.models import CareerFigure, CareerOutcome
from programmes.models import (
    Enrolment,
    EnrolmentFigureSource,
    HonoursProgramme,
    Institution,
    Municipality,
    Programme,
    Specialisation,
    Study,
    TuitionFee,
)
from programmes.signals import records_imported
from surveys.models import ProgrammeScore, SurveyRound

from .enrolment_sums import (
    enrolment_sums_rebuild_if_outdated,
    enrolment_sums_refresh,
    enrolment_sums_refresh_programmes,
)
from .facets import catalogue_counts_expire, catalogue_counts_refresh
from .summaries import summaries_rebuild_if_outdated, summaries_refresh

PROGRAMME_RECORDS = (
    Specialisation,
    HonoursProgramme,
    TuitionFee,
    Enrolment,
    ProgrammeScore,
)
PLACES = {Study: "study", Institution: "institution", Municipality: "municipality"}


def _refresh(programme_ids):
    summaries_refresh(list(programme_ids))


@receiver(post_save, sender=Programme)
def programme_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh([instance.pk])


@receiver(post_delete, sender=Programme)
def programme_deleted(sender, instance, **kwargs):
    # Its summary went with it (on delete cascade): count the catalogue again.
    catalogue_counts_expire()


def counts_after_migrate(sender, apps=installed_apps, **kwargs):
    """The code may have changed how summaries are derived (a newer
    SUMMARIES_VERSION): rebuild them all; facets may have changed too: count
    them as they are now. Unless the database was migrated back to before there
    were stored counts."""
    try:
        apps.get_model("public", "CatalogueCounts")
    except LookupError:
        return
    summaries_rebuild_if_outdated()
    try:
        apps.get_model("public", "EnrolmentSum")
    except LookupError:
        pass
    else:
        enrolment_sums_rebuild_if_outdated()
    catalogue_counts_refresh()


def programme_record_changed(sender, instance, raw=False, origin=None, **kwargs):
    if raw or _deleted_with_its_programme(sender, origin):
        return
    if Programme.objects.filter(pk=instance.programme_id).exists():
        _refresh([instance.programme_id])


def _deleted_with_its_programme(sender, origin) -> bool:
    """Whether a record is deleted because the deletion began elsewhere.

    Only its programme cascades to a programme's record (institution, study and
    place protect their programmes), so the programme is going too, its summary
    with it. Refreshing now would write a summary again for a programme about to
    go, and the commit would fail on that summary's foreign key.
    """
    if origin is None:  # a save
        return False
    started_on = origin.model if isinstance(origin, QuerySet) else type(origin)
    return started_on is not sender


def place_renamed(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        field = PLACES[sender]
        _refresh(
            Programme.objects.filter(**{field: instance}).values_list("pk", flat=True)
        )


def place_saved_or_deleted(sender, instance, raw=False, **kwargs):
    """The search's vocabulary (public.suggestions) holds the name of every
    study, institution and place, with programmes or not: count it again with
    the catalogue once the change commits."""
    if not raw:
        catalogue_counts_expire()


def enrolment_sources_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """The listing cites an enrolment's first source next to its counts."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _refresh([instance.programme_id])
    elif pk_set:  # sources given enrolments from the source's side
        _refresh(
            Enrolment.objects.filter(pk__in=pk_set).values_list(
                "programme_id", flat=True
            )
        )


def survey_round_changed(sender, instance, raw=False, created=False, **kwargs):
    """A round's year or source decides which scores are the latest."""
    if not raw and not created:
        _refresh(
            ProgrammeScore.objects.filter(survey_round=instance)
            .values_list("programme_id", flat=True)
            .distinct()
        )


def career_figures_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if isinstance(instance, CareerOutcome):
        programmes = Programme.objects.filter(study_id=instance.study_id)
    else:  # the outcome may be gone already when it is being deleted
        programmes = Programme.objects.filter(
            study__career_outcomes=instance.outcome_id
        )
    _refresh(programmes.values_list("pk", flat=True))


post_migrate.connect(
    counts_after_migrate, sender=installed_apps.get_app_config("public")
)
for model in PROGRAMME_RECORDS:
    post_save.connect(programme_record_changed, sender=model)
    post_delete.connect(programme_record_changed, sender=model)
for model in PLACES:
    post_save.connect(place_renamed, sender=model)
    post_save.connect(place_saved_or_deleted, sender=model)
    post_delete.connect(place_saved_or_deleted, sender=model)
post_save.connect(survey_round_changed, sender=SurveyRound)
m2m_changed.connect(enrolment_sources_changed, sender=Enrolment.sources.through)
post_save.connect(career_figures_changed, sender=CareerFigure)
post_delete.connect(career_figures_changed, sender=CareerFigure)
# An outcome's year or source decides which figures are the latest.
post_save.connect(career_figures_changed, sender=CareerOutcome)
post_delete.connect(career_figures_changed, sender=CareerOutcome)


@receiver(records_imported)
def records_imported_refresh(sender, programme_ids=None, **kwargs):
    summaries_refresh(programme_ids)
    # An import never moves a programme (its institution and study are its key)
    # nor publishes one: its programmes' studies and institutions now are all
    # whose sums it can change.
    enrolment_sums_refresh_programmes(programme_ids)


# The studies' and institutions' enrolment sums (public.enrolment_sums): each
# change refreshes the sums of the study and institution of every published
# programme it touches, where the record or programme was before the change and
# where it is after (a move, publishing or unpublishing changes both).
# Programme fields that decide which sums a programme's records count in.
COUNTED_IN = {"institution", "institution_id", "study", "study_id", "is_published"}
# Where a record counted before its save, kept on it until after the save.
BEFORE = "_enrolment_sums_before"


def _counted_in(**programmes) -> set[tuple[int, int]]:
    """(institution id, study id) of the published programmes these lookups
    choose: the sums their records count in."""
    return set(
        Programme.objects.filter(is_published=True, **programmes).values_list(
            "institution_id", "study_id"
        )
    )


def _sums_refresh(scopes: set[tuple[int, int]]) -> None:
    if scopes:
        enrolment_sums_refresh(
            institution_ids={institution_id for institution_id, _study in scopes},
            study_ids={study_id for _institution, study_id in scopes},
        )


def _changes_counting(update_fields) -> bool:
    return update_fields is None or bool(COUNTED_IN & set(update_fields))


@receiver(pre_save, sender=Programme)
def programme_counted_before(sender, instance, raw=False, update_fields=None, **kw):
    if not raw and _changes_counting(update_fields):
        stored = _counted_in(pk=instance.pk) if instance.pk is not None else set()
        setattr(instance, BEFORE, stored)


@receiver(post_save, sender=Programme)
def programme_counted_after(sender, instance, raw=False, update_fields=None, **kw):
    if raw or not _changes_counting(update_fields):
        return
    before = instance.__dict__.pop(BEFORE, set())
    after = {(instance.institution_id, instance.study_id)}
    if not instance.is_published:
        after = set()
    if before != after:  # its records count where they did: no sum changes
        _sums_refresh(before | after)


@receiver(post_delete, sender=Programme)
def programme_deleted_from_sums(sender, instance, **kwargs):
    # Its records went with it (their own signals leave it to this one).
    _sums_refresh({(instance.institution_id, instance.study_id)})


@receiver(pre_save, sender=Enrolment)
def enrolment_counted_before(sender, instance, raw=False, **kwargs):
    if not raw:
        stored = _counted_in(enrolments=instance.pk) if instance.pk else set()
        setattr(instance, BEFORE, stored)


@receiver(post_save, sender=Enrolment)
def enrolment_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        before = instance.__dict__.pop(BEFORE, set())
        _sums_refresh(before | _counted_in(pk=instance.programme_id))


@receiver(post_delete, sender=Enrolment)
def enrolment_deleted(sender, instance, origin=None, **kwargs):
    if not _deleted_with_its_programme(sender, origin):
        _sums_refresh(_counted_in(pk=instance.programme_id))


@receiver(pre_save, sender=EnrolmentFigureSource)
def figure_source_counted_before(sender, instance, raw=False, **kwargs):
    if not raw:
        stored = (
            _counted_in(enrolments__figure_sources=instance.pk)
            if instance.pk
            else set()
        )
        setattr(instance, BEFORE, stored)


@receiver(post_save, sender=EnrolmentFigureSource)
def figure_source_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        before = instance.__dict__.pop(BEFORE, set())
        _sums_refresh(before | _counted_in(enrolments=instance.enrolment_id))


@receiver(post_delete, sender=EnrolmentFigureSource)
def figure_source_deleted(sender, instance, origin=None, **kwargs):
    # Deleted with its record or programme: the record's own signal refreshes.
    if not _deleted_with_its_programme(sender, origin):
        _sums_refresh(_counted_in(enrolments=instance.enrolment_id))


@receiver(m2m_changed, sender=Enrolment.sources.through)
def enrolment_sources_cited(sender, instance, action, reverse, pk_set, **kwargs):
    """The sums cite the sources their records cite."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        _sums_refresh(_counted_in(pk=instance.programme_id))
    elif pk_set:  # sources given enrolments from the source's side
        _sums_refresh(_counted_in(enrolments__in=pk_set))

"""Importing National Student Survey (NSE) scores per programme.

The format (one row per programme, round and aspect) is described in
docs/IMPORT.md, "Survey scores". It behaves like the DUO importers: the whole file
is read first, lookups stay in memory, writes are bulk and atomic, and the run is
logged as an ImportRun citing the file's DataSource.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy, gettext_noop

from programmes.importing import base
from programmes.importing.csvfile import Row
from programmes.importing.kinds import ImportKind
from programmes.importing.lookups import ProgrammeLookup
from programmes.importing.sources import UploadSource
from programmes.models import DataSource
from surveys.models import Aspect, ProgrammeScore, SurveyRound

SURVEY_COLUMNS = (
    "brin",
    "croho_code",
    "form",
    "year",
    "aspect",
    "mean",
    "respondents",
    "std_dev",
    "population",
)
SCORE_FIELDS = ("mean", "respondents", "std_dev", "population")
FIRST_YEAR, LAST_YEAR = 1990, 2100
# Reasons are stored untranslated and translated where they are shown.
UNKNOWN_ASPECT = gettext_noop("unknown aspect code")
IMPLAUSIBLE_YEAR = gettext_noop("year outside 1990–2100")
DUPLICATE = gettext_noop("the same programme, year and aspect twice")


@transaction.atomic
def survey_scores_import(
    *,
    data: bytes,
    file_name: str,
    user=None,
    progress: base.Progress | None = None,
    source: DataSource | None = None,
    source_kind: str = DataSource.Kind.OFFICIAL,
) -> base.ImportResult:
    """Create or update programme scores; rows naming no single programme are rejected.

    Each survey round cites the source of the last file imported into it, and only
    the rounds of accepted rows change: a round is created or re-pointed once a row
    of its year is accepted.
    """
    table, result = base.import_start(
        file_name=file_name, data=data, required=SURVEY_COLUMNS
    )
    parsed = {row.line: _score_values(row) for row in table}
    upload_source = UploadSource(
        file_name=file_name, dataset="survey", kind=source_kind, source=source
    )
    years = {row.whole("year") for row in table}
    plausible = {year for year in years if FIRST_YEAR <= year <= LAST_YEAR}
    rounds = {r.year: r for r in SurveyRound.objects.filter(year__in=plausible)}
    aspects = aspects_by_code()
    programmes = ProgrammeLookup(row["croho_code"] for row in table.rows)
    found = {
        row.line: programmes.find(
            brin=row["brin"],
            croho=row["croho_code"],
            form=row["form"],
            level=row.get("level"),
            location=row.get("location_code"),
        )
        for row in table.rows
    }
    result.programme_ids = {pk for pk, _reason in found.values() if pk}
    year_of = {r.pk: r.year for r in rounds.values()}
    scores = {
        (year_of[s.survey_round_id], s.programme_id, s.aspect_id): s
        for s in ProgrammeScore.objects.filter(
            survey_round__in=rounds.values(), programme_id__in=result.programme_ids
        )
    }
    new, updated, seen, accepted_years = [], [], set(), set()
    for row in base.tracked(table.rows, progress):
        values = parsed[row.line]
        programme_id, reason = found[row.line]
        aspect = aspects.get(row["aspect"].strip().lower())
        year = row.whole("year")
        if not reason and aspect is None:
            reason = UNKNOWN_ASPECT
        if not reason and not FIRST_YEAR <= year <= LAST_YEAR:
            reason = IMPLAUSIBLE_YEAR
        if reason:
            result.reject(reason, row=row)
            continue
        key = (year, programme_id, aspect.pk)
        if key in seen:
            result.reject(DUPLICATE, row=row)
            continue
        seen.add(key)
        score = scores.get(key) or ProgrammeScore(
            survey_round=rounds.get(year), programme_id=programme_id, aspect=aspect
        )
        is_new = score.pk is None
        changed = base.assign_changed(score, values)
        if error := _invalid(score):
            result.reject(error, row=row)
            continue
        accepted_years.add(year)
        if is_new:
            new.append((year, score))
            result.created += 1
        elif changed:
            updated.append(score)
            result.changed += 1
        else:
            result.unchanged += 1
    if accepted_years:
        _rounds_cite(accepted_years, rounds, upload_source.get(), result)
    result.source = upload_source.used
    # Logged before the scores, so that each score it adds or changes cites it
    # (the programme's change log reads them).
    run = base.import_run_start(
        result, data=data, source=result.source, kind="surveys", user=user
    )
    for year, score in new:
        score.survey_round = rounds[year]
    for score in (*(s for _year, s in new), *updated):
        score.import_run = run
    ProgrammeScore.objects.bulk_create([s for _year, s in new], batch_size=500)
    ProgrammeScore.objects.bulk_update(
        updated, (*SCORE_FIELDS, "import_run"), batch_size=500
    )
    base.import_run_finish(run, result)
    return result


def _score_values(row: Row) -> dict:
    """The numbers of one row; a value that is no number makes the file unusable."""
    return {
        "mean": row.decimal("mean"),
        "respondents": row.whole("respondents"),
        "std_dev": row.decimal("std_dev"),
        "population": row.whole("population", optional=True),
    }


def _invalid(score: ProgrammeScore) -> str:
    """Why a score cannot be stored (range, precision), or ""; no database query."""
    try:
        score.clean_fields(exclude=("survey_round", "programme", "aspect"))
        score.clean()
    except ValidationError as error:
        return "; ".join(
            f"{name}: {' '.join(str(m) for m in messages)}"
            for name, messages in error.message_dict.items()
        )
    return ""


def _rounds_cite(years, rounds, source, result) -> None:
    """Point the rounds of these years at the source, creating those not yet there
    (named "NSE <year>"); each one that changes is listed in result.recited."""
    for year in sorted(years - rounds.keys()):
        rounds[year] = SurveyRound.objects.create(
            year=year, name_nl=f"NSE {year}", name_en=f"NSE {year}", source=source
        )
        result.recited.append(str(rounds[year]))
    stale = [
        rounds[year] for year in sorted(years) if rounds[year].source_id != source.pk
    ]
    for survey_round in stale:
        survey_round.source = source
        result.recited.append(str(survey_round))
    SurveyRound.objects.bulk_update(stale, ["source"])


def aspects_by_code() -> dict[str, Aspect]:
    """Aspects by code; the known codes that have no record yet get one (the
    survey import and the synthetic data set both rely on every code existing)."""
    aspects = {a.code: a for a in Aspect.objects.all()}
    missing = [code for code in Aspect.Code if code.value not in aspects]
    for position, code in enumerate(missing, start=len(aspects)):
        names = {}
        for language in ("nl", "en"):
            with translation.override(language):
                names[f"name_{language}"] = str(code.label)
        aspects[code.value] = Aspect.objects.create(
            code=code.value, position=position, **names
        )
    return aspects


# The upload page's entry for this format (registered in apps.py).
IMPORT_KIND = ImportKind(
    "surveys",
    gettext_lazy("Survey scores (NSE, our CSV format)"),
    survey_scores_import,
    asks_source_kind=True,
)

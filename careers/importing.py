"""Importing graduate outcomes per study: figures, occupations and judgements.

The format is a long one, one figure per row (docs/IMPORT.md, "Career
outcomes"): a `record` column says whether a row gives an outcome's respondents,
a labour-market figure, an occupation share or a graduates' judgement. It behaves
like the DUO importers: the whole file is read first, lookups stay in memory,
writes are bulk and atomic, and the run is logged as an ImportRun.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext_lazy, gettext_noop

from careers.models import (
    PERCENT_METRICS,
    SCORE_METRICS,
    CareerFigure,
    CareerMetric,
    CareerOutcome,
    GraduateJudgement,
    Occupation,
    OccupationShare,
)
from programmes.importing import base
from programmes.importing.csvfile import Row
from programmes.importing.kinds import ImportKind
from programmes.importing.lengths import too_long
from programmes.importing.lookups import studies_by_code
from programmes.importing.sources import UploadSource
from programmes.models import DataSource, Programme

CAREER_COLUMNS = (
    "croho_code",
    "level",
    "year",
    "record",
    "code",
    "value",
    "respondents",
)
OUTCOME, FIGURE, OCCUPATION, JUDGEMENT = "outcome", "figure", "occupation", "judgement"
RECORDS = (OUTCOME, FIGURE, OCCUPATION, JUDGEMENT)
JUDGEMENT_CODES = ("good_basis", "would_choose_again")
FIRST_YEAR, LAST_YEAR = 1990, 2100

UNKNOWN_STUDY = gettext_noop("no study with this CROHO code and level")
UNKNOWN_RECORD = gettext_noop("unknown record (outcome, figure, occupation, judgement)")
IMPLAUSIBLE_YEAR = gettext_noop("year outside 1990–2100")
NO_OUTCOME = gettext_noop("no outcome row (respondents) for this study and year")
UNKNOWN_METRIC = gettext_noop("unknown figure code")
OUT_OF_RANGE = gettext_noop("value out of range for this figure")
NEEDS_VALUE = gettext_noop("value and respondents are required")
UNKNOWN_JUDGEMENT = gettext_noop("unknown judgement code")
JUDGEMENT_RESPONDENTS = gettext_noop(
    "the two judgement rows of a study and year give different respondents"
)
NEEDS_OCCUPATION = gettext_noop("an occupation needs an ISCO code and a share 0–100")
NEEDS_NAME = gettext_noop("a new occupation needs a name_nl")
SHARES_ABOVE_100 = gettext_noop(
    "the occupation shares of this study and year add up to more than 100%"
)
DUPLICATE = gettext_noop("the same study, year, record and code twice")


class _Batch:
    """Records to create and to update, each row counted as new, changed or not."""

    def __init__(self, result: base.ImportResult):
        self.result = result
        self.new, self.updated = [], []

    def add(self, record, *, values: dict, rows: int = 1) -> None:
        if record.pk is None:
            base.assign_changed(record, values)
            self.new.append(record)
            self.result.created += rows
        elif base.assign_changed(record, values):
            self.updated.append(record)
            self.result.changed += rows
        else:
            self.result.unchanged += rows


@transaction.atomic
def career_outcomes_import(
    *,
    data: bytes,
    file_name: str,
    user=None,
    progress: base.Progress | None = None,
    source: DataSource | None = None,
    source_kind: str = DataSource.Kind.OFFICIAL,
) -> base.ImportResult:
    """Create or update career outcomes and judgements of the studies a file names.

    The occupations listed for a study and year replace that outcome's list: the
    shares are parts of one whole, so a share no longer listed is removed.
    """
    table, result = base.import_start(
        file_name=file_name, data=data, required=CAREER_COLUMNS
    )
    parsed = {row.line: _numbers(row) for row in table}
    upload_source = UploadSource(
        file_name=file_name, dataset="careers", kind=source_kind, source=source
    )
    studies = studies_by_code()
    grouped: dict[str, list[tuple[Row, tuple[int, int], dict]]] = defaultdict(list)
    seen = set()
    for row in base.tracked(table.rows, progress):
        numbers = parsed[row.line]
        record = row["record"].strip().lower()
        code = row["code"].strip()
        study_id = studies.get(
            (row["croho_code"].strip(), row["level"].strip().upper())
        )
        reason = ""
        if study_id is None:
            reason = UNKNOWN_STUDY
        elif record not in RECORDS:
            reason = UNKNOWN_RECORD
        elif not FIRST_YEAR <= numbers["year"] <= LAST_YEAR:
            reason = IMPLAUSIBLE_YEAR
        elif (study_id, numbers["year"], record, code) in seen:
            reason = DUPLICATE
        if reason:
            result.reject(reason, row=row)
            continue
        seen.add((study_id, numbers["year"], record, code))
        grouped[record].append((row, (study_id, numbers["year"]), numbers))
    # Logged before the records, so that each outcome and judgement it adds or
    # changes cites it (the programmes' change log reads them).
    run = base.import_run_start(
        result, data=data, source=None, kind="careers", user=user
    )
    outcomes = _outcomes(grouped[OUTCOME], upload_source, result, run)
    touched = _figures(grouped[FIGURE], outcomes, result)
    touched |= _occupations(grouped[OCCUPATION], outcomes, result)
    cited = {o.pk for o in outcomes.values() if o.import_run_id == run.pk}
    _outcomes_cite(run, touched - cited)
    _judgements(grouped[JUDGEMENT], upload_source, result, run)
    # Figures and occupations cite their outcome's source: only accepted outcome and
    # judgement rows point records at this file's source.
    result.source = upload_source.used
    study_ids = {key[0] for records in grouped.values() for _row, key, _n in records}
    result.programme_ids = set(
        Programme.objects.filter(study_id__in=study_ids).values_list("pk", flat=True)
    )
    run.dataset = result.source
    base.import_run_finish(run, result)
    return result


def _numbers(row: Row) -> dict:
    """The numbers of one row; a value that is no number makes the file unusable."""
    return {
        "year": row.whole("year"),
        "value": row.decimal("value", optional=True),
        "respondents": row.whole("respondents", optional=True),
    }


def _cite(run, batch: _Batch) -> None:
    """The run that added or changed the batch's records, kept on each."""
    for record in (*batch.new, *batch.updated):
        record.import_run = run


def _outcomes_cite(run, outcome_ids: set[int]) -> None:
    """The run cited by the outcomes whose figures or occupations it changed."""
    ids = sorted(outcome_ids)
    for start in range(0, len(ids), 500):
        CareerOutcome.objects.filter(pk__in=ids[start : start + 500]).update(
            import_run=run
        )


def _outcomes(
    rows, source: UploadSource, result, run
) -> dict[tuple[int, int], CareerOutcome]:
    """Outcomes by (study id, year): those in the database and those in the file."""
    outcomes = {(o.study_id, o.year): o for o in CareerOutcome.objects.all()}
    batch = _Batch(result)
    for row, key, numbers in rows:
        if numbers["respondents"] is None:
            result.reject(NEEDS_VALUE, row=row)
            continue
        outcome = outcomes.get(key) or CareerOutcome(study_id=key[0], year=key[1])
        values = {"respondents": numbers["respondents"], "source_id": source.get().pk}
        batch.add(outcome, values=values)
        outcomes[key] = outcome
    _cite(run, batch)
    CareerOutcome.objects.bulk_create(batch.new)
    CareerOutcome.objects.bulk_update(
        batch.updated, ["respondents", "source", "import_run"]
    )
    return outcomes


def _figure_in_range(metric: str, value: Decimal) -> bool:
    """The CareerFigure constraints, checked before writing (without a query)."""
    if value < 0 or value.as_tuple().exponent < -2:
        return False
    if metric in PERCENT_METRICS or metric == CareerMetric.WEEKLY_HOURS:
        return value <= 100
    if metric in SCORE_METRICS:
        return 1 <= value <= 5
    return value < 10**6


def _figures(rows, outcomes, result) -> set[int]:
    """Write the figures; the ids of the outcomes whose figures changed."""
    named = [outcomes[key] for _row, key, _numbers in rows if key in outcomes]
    figures = {
        (f.outcome_id, f.metric): f
        for f in CareerFigure.objects.filter(outcome__in=named)
    }
    batch = _Batch(result)
    for row, key, numbers in rows:
        metric = row["code"].strip().lower()
        value, respondents = numbers["value"], numbers["respondents"]
        reason = ""
        if key not in outcomes:
            reason = NO_OUTCOME
        elif metric not in CareerMetric.values:
            reason = UNKNOWN_METRIC
        elif value is None or respondents is None:
            reason = NEEDS_VALUE
        elif not _figure_in_range(metric, value):
            reason = OUT_OF_RANGE
        if reason:
            result.reject(reason, row=row)
            continue
        outcome = outcomes[key]
        figure = figures.get((outcome.pk, metric)) or CareerFigure(
            outcome=outcome, metric=metric
        )
        batch.add(figure, values={"value": value, "respondents": respondents})
    CareerFigure.objects.bulk_create(batch.new)
    CareerFigure.objects.bulk_update(batch.updated, ["value", "respondents"])
    return {figure.outcome_id for figure in (*batch.new, *batch.updated)}


def _occupations(rows, outcomes, result) -> set[int]:
    """Write the occupation shares; the ids of the outcomes whose list changed."""
    by_outcome = defaultdict(list)
    for row, key, numbers in rows:
        share = numbers["value"]
        if key not in outcomes:
            result.reject(NO_OUTCOME, row=row)
        elif not row["code"].strip() or share is None or not 0 <= share <= 100:
            result.reject(NEEDS_OCCUPATION, row=row)
        else:
            by_outcome[key].append((row, share))
    for key, items in list(by_outcome.items()):
        if sum(share for _row, share in items) > 100:
            for row, _share in items:
                result.reject(SHARES_ABOVE_100, row=row)
            del by_outcome[key]
    occupations = _occupation_records(by_outcome, result)
    listed = [outcomes[key] for key in by_outcome]
    existing = {
        (s.outcome_id, s.occupation_id): s
        for s in OccupationShare.objects.filter(outcome__in=listed)
    }
    batch, kept = _Batch(result), set()
    for key, items in by_outcome.items():
        outcome = outcomes[key]
        for position, (row, share) in enumerate(items):
            occupation = occupations.get(row["code"].strip())
            if occupation is None:
                continue  # rejected in _occupation_records
            item = existing.get((outcome.pk, occupation.pk)) or OccupationShare(
                outcome=outcome, occupation=occupation
            )
            batch.add(item, values={"share": share, "position": position})
            kept.add((outcome.pk, occupation.pk))
    removed = {key: item.pk for key, item in existing.items() if key not in kept}
    OccupationShare.objects.filter(pk__in=removed.values()).delete()
    OccupationShare.objects.bulk_create(batch.new)
    OccupationShare.objects.bulk_update(batch.updated, ["share", "position"])
    changed = {item.outcome_id for item in (*batch.new, *batch.updated)}
    return changed | {outcome_id for outcome_id, _occupation in removed}


def _occupation_records(by_outcome, result) -> dict[str, Occupation]:
    """Occupations by ISCO code; codes not yet known are created from their names.

    Names of known occupations are left as the editors keep them.
    """
    occupations = {}
    for occupation in Occupation.objects.exclude(isco_code="").order_by("pk"):
        occupations.setdefault(occupation.isco_code, occupation)
    new = {}
    for items in by_outcome.values():
        for row, _share in items:
            code = row["code"].strip()
            if code in occupations or code in new:
                continue
            names = {
                "name_nl": row.get("name_nl").strip(),
                "name_en": row.get("name_en").strip() or None,
            }
            if not names["name_nl"] or len(code) > 4:
                result.reject(NEEDS_NAME, row=row)
                continue
            if reason := too_long(Occupation, names):
                result.reject(reason, row=row)
                continue
            new[code] = Occupation(isco_code=code, **names)
    Occupation.objects.bulk_create(new.values())
    return occupations | new


def _judgements(rows, source: UploadSource, result, run) -> None:
    by_key = defaultdict(dict)
    for row, key, numbers in rows:
        code = row["code"].strip().lower()
        value, respondents = numbers["value"], numbers["respondents"]
        if code not in JUDGEMENT_CODES:
            result.reject(UNKNOWN_JUDGEMENT, row=row)
        elif value is None or respondents is None or not 0 <= value <= 100:
            result.reject(NEEDS_VALUE, row=row)
        elif by_key[key].get("respondents", respondents) != respondents:
            result.reject(JUDGEMENT_RESPONDENTS, row=row)
        else:
            by_key[key].update({code: value, "respondents": respondents})
            by_key[key].setdefault("rows", 0)
            by_key[key]["rows"] += 1
    existing = {
        (j.study_id, j.year): j
        for j in GraduateJudgement.objects.filter(
            study_id__in={key[0] for key in by_key}
        )
    }
    batch = _Batch(result)
    for key, values in by_key.items():
        rows_given = values.pop("rows")
        judgement = existing.get(key) or GraduateJudgement(study_id=key[0], year=key[1])
        values["source_id"] = source.get().pk
        batch.add(judgement, values=values, rows=rows_given)
    _cite(run, batch)
    GraduateJudgement.objects.bulk_create(batch.new)
    GraduateJudgement.objects.bulk_update(
        batch.updated,
        ["good_basis", "would_choose_again", "respondents", "source", "import_run"],
    )


# The upload page's entry for this format (registered in apps.py).
IMPORT_KIND = ImportKind(
    "careers",
    gettext_lazy("Career outcomes (our CSV format)"),
    career_outcomes_import,
    asks_source_kind=True,
)

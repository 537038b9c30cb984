"""Importing CBS's labour-market tables of higher-education graduates.

Two StatLine tables, exported as CSV (data/cbs-arbeidsmarkt-ho-*/PROVENANCE.md):
85776NED counts graduates per labour-market position, 83815NED gives their
hourly wage. A file is recognised by its header, read whole, checked row by row
(every row is imported or rejected with its reason) and written in one
transaction, logged as an ImportRun like DUO's files. CBS's "." (suppressed) and
an empty cell are stored as no value, never as 0. Cells of other cohorts are kept:
each import adds or updates the cohorts its file covers.
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from programmes.importing import base
from programmes.importing.csvfile import ImportFileError, Row, read_header
from programmes.importing.kinds import ImportKind
from programmes.models import DataSource

from . import vocabulary
from .models import HourlyWage, PositionCount

GENDER = "Geslacht"
LEVEL = "Uitstromers ho met en zonder diploma"
SECTOR = "Studierichting"
MOMENT = "Peilmoment"
PERIOD = "Perioden"
POPULATION = "Persoonskenmerken"
POSITION = "Arbeidsmarktpositie"
INDUSTRY = "Bedrijfstakken (SBI 2008)"
GRADUATES = "Uitstromers ho (aantal)"
WAGE = "Uurloon werknemers na verlaten ho (euro)"
NO_VALUE = frozenset({".", ""})
MAX_WAGE = Decimal(1000)
CENT = Decimal("0.01")
CBS = "CBS (Centraal Bureau voor de Statistiek)"

DUPLICATE = gettext_noop("the same cell (period, level, sector, gender, moment) twice")
IMPLAUSIBLE_WAGE = gettext_noop("an hourly wage outside 0–1000 euros")


@dataclass(frozen=True)
class CbsTable:
    """One of CBS's tables: its columns, where its rows go and how a value reads."""

    code: str
    title: str
    label: Promise
    model: type[models.Model]
    value_column: str
    value_field: str
    read_value: Callable[[Row], object]
    columns: tuple[str, ...]
    # A column whose every row must say one word (the slice the portal shows).
    fixed: tuple[str, str, str]
    # The column besides the common ones that is part of a cell's key.
    key_column: tuple[str, str, Callable[[str], str | None], str] | None = None

    @property
    def url(self) -> str:
        return f"https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{self.code}/table"


def _no_value_or(row: Row, column: str, read) -> object:
    return None if row[column].strip() in NO_VALUE else read(column)


def _graduates(row: Row) -> int | None:
    return _no_value_or(row, GRADUATES, row.whole)


def _wage(row: Row) -> Decimal | None:
    """In cents, as it is stored (halves up, on every database): a value with
    more decimals would otherwise count as changed at every import."""
    wage = _no_value_or(row, WAGE, row.decimal)
    if wage is None or not 0 < wage < MAX_WAGE:
        return wage  # rejected as implausible (no rounding of a huge number)
    return wage.quantize(CENT, rounding=ROUND_HALF_UP)


COMMON = (GENDER, LEVEL, SECTOR, MOMENT, PERIOD)
POSITIONS = CbsTable(
    code="85776NED",
    title="Uitstromers ho; arbeidsmarktpositie na verlaten onderwijs",
    label=_("CBS 85776NED: labour-market position after leaving"),
    model=PositionCount,
    value_column=GRADUATES,
    value_field="graduates",
    read_value=_graduates,
    columns=(*COMMON, POPULATION, POSITION, GRADUATES),
    fixed=(POPULATION, vocabulary.NOT_INTERNATIONAL, vocabulary.OTHER_POPULATION),
    key_column=(
        POSITION,
        "position",
        vocabulary.position,
        vocabulary.UNKNOWN_POSITION,
    ),
)
WAGES = CbsTable(
    code="83815NED",
    title="Uitstromers ho werkzaam als werknemers; uurloon na verlaten onderwijs",
    label=_("CBS 83815NED: hourly wage after leaving"),
    model=HourlyWage,
    value_column=WAGE,
    value_field="wage",
    read_value=_wage,
    columns=(*COMMON, INDUSTRY, WAGE),
    fixed=(INDUSTRY, vocabulary.ALL_INDUSTRIES, vocabulary.OTHER_INDUSTRY),
)
TABLES = (POSITIONS, WAGES)
# The columns that tell a file is one of these tables (runner.file_service).
SIGNATURES = tuple((table.value_column, SECTOR, MOMENT) for table in TABLES)

READERS = (
    (LEVEL, "level", vocabulary.level, vocabulary.UNKNOWN_LEVEL),
    (SECTOR, "sector", vocabulary.sector, vocabulary.UNKNOWN_SECTOR),
    (GENDER, "gender", vocabulary.gender, vocabulary.UNKNOWN_GENDER),
    (MOMENT, "years_after", vocabulary.years_after, vocabulary.UNKNOWN_MOMENT),
    (PERIOD, "cohort", vocabulary.cohort, vocabulary.UNKNOWN_PERIOD),
)
KEY_FIELDS = ("cohort", "level", "sector", "gender", "years_after")


def cbs_table_for(header: list[str]) -> CbsTable:
    """The CBS table a header belongs to; ImportFileError when neither."""
    for table in TABLES:
        if table.value_column in header:
            return table
    raise ImportFileError(
        gettext(
            "The header has neither %(positions)r nor %(wages)r: this is not one of "
            "CBS's tables 85776NED or 83815NED."
        )
        % {"positions": GRADUATES, "wages": WAGE},
        line=1,
    )


def data_source_for_table(table: CbsTable) -> DataSource:
    """The DataSource every cell of this table cites (CC BY: the page names it)."""
    name = f"CBS, StatLine {table.code}"
    source, _created = DataSource.objects.get_or_create(
        key=f"cbs-{table.code.lower()}",
        defaults={
            "name_nl": name,
            "name_en": name,
            "kind": DataSource.Kind.OFFICIAL,
            "publisher": CBS,
            "url": table.url,
            "note_nl": f"{table.title}. Licentie CC BY 4.0.",
            "note_en": f"{table.title}. Licence CC BY 4.0.",
        },
    )
    return source


def _cell(row: Row, table: CbsTable) -> tuple[tuple, str, str]:
    """The row's cell key, or the reason it is rejected and the column at fault."""
    column, word, reason = table.fixed
    if vocabulary.fixed(word)(row[column]) is None:
        return (), reason, column
    key = {}
    readers = READERS if table.key_column is None else (*READERS, table.key_column)
    for column, name, read, reason in readers:
        code = read(row[column])
        if code is None:
            return (), reason, column
        key[name] = code
    return tuple(key[name] for name in _key_fields(table)), "", ""


def _key_fields(table: CbsTable) -> tuple[str, ...]:
    extra = () if table.key_column is None else (table.key_column[1],)
    return (*KEY_FIELDS, *extra)


@transaction.atomic
def cbs_import(
    *,
    data: bytes,
    file_name: str,
    user=None,
    progress: base.Progress | None = None,
) -> base.ImportResult:
    """Add or update the cells of the cohorts a CBS file covers."""
    table = cbs_table_for(read_header(data))
    rows, result = base.import_start(
        file_name=file_name,
        data=data,
        required=table.columns,
        final_line_break=True,
        totals_rows=False,
    )
    result.layout = str(table.label)
    values = {}
    for row in base.tracked(rows.rows, progress):
        key, reason, column = _cell(row, table)
        value = table.read_value(row) if not reason else None
        if not reason and key in values:
            reason, column = DUPLICATE, ""
        elif table is WAGES and value is not None and not 0 < value < MAX_WAGE:
            reason, column = IMPLAUSIBLE_WAGE, WAGE
        if reason:
            result.reject(reason, row=row, column=column)
            continue
        values[key] = value
    source = data_source_for_table(table) if values else None
    run = base.import_run_start(
        result, data=data, source=source, kind=f"cbs-{table.code.lower()}", user=user
    )
    if values:
        _write(table, values, source=source, run=run, result=result)
    result.source = source
    result.programme_ids = set()  # context, not a figure the listing shows
    base.import_run_finish(run, result)
    return result


def _write(table, values: dict, *, source, run, result) -> None:
    fields = _key_fields(table)
    cohorts = {key[0] for key in values}
    existing = {
        tuple(getattr(cell, name) for name in fields): cell
        for cell in table.model.objects.filter(cohort__in=cohorts)
    }
    new, changed = [], []
    for key, value in values.items():
        cell = existing.get(key)
        if cell is None:
            cell = table.model(**dict(zip(fields, key, strict=True)))
            new.append(cell)
        elif getattr(cell, table.value_field) == value and cell.source_id == source.pk:
            result.unchanged += 1
            continue
        else:
            changed.append(cell)
        setattr(cell, table.value_field, value)
        cell.source, cell.import_run = source, run
    result.created += len(new)
    result.changed += len(changed)
    table.model.objects.bulk_create(new, batch_size=500)
    table.model.objects.bulk_update(
        changed, [table.value_field, "source", "import_run"], batch_size=500
    )


IMPORT_KIND = ImportKind(
    "cbs_labour_market",
    _("CBS labour market of graduates (StatLine 85776NED or 83815NED)"),
    cbs_import,
)

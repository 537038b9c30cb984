"""Programme details from the RIO catalogue (opleidingsoverzicht): start dates,
languages and variants of programmes already imported."""

from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programmes.models import Programme

from ..changelog import catalogue_changes_record
from . import base
from .csvfile import ImportFileError, Row
from .lengths import too_long
from .normalise import FORMS, language_of_instruction, website_url
from .programmes import staff_edited_fields
from .sources import data_source_for_file

CATALOGUE_COLUMNS = (
    "SOORT",
    "OPLEIDINGSEENHEIDCODE",
    "VARIANT_VAN",
    "INTERNATIONALE_NAAM",
    "BEGINDATUM",
    "VORM",
    "VOERTAAL",
    "WEBSITE",
    "OMSCHRIJVING",
)


@transaction.atomic
def programmes_enrich(
    *, data: bytes, file_name: str, user=None, progress: base.Progress | None = None
) -> base.ImportResult:
    """Add English name, language, website, description and start date from RIO.

    OPLEIDING rows describe the programme unit (all its locations and forms) and
    join on the RIO code. VARIANT rows would describe one form of it, but in this
    snapshot their VARIANT_VAN holds CROHO-like codes, not RIO codes, so none can be
    linked reliably: they are counted as rejected (see docs/IMPORT.md).
    """
    table, result = base.import_start(
        file_name=file_name,
        data=data,
        required=CATALOGUE_COLUMNS,
        final_line_break=True,
    )
    source = data_source_for_file(file_name=file_name)
    by_rio = defaultdict(list)
    for programme in Programme.objects.exclude(rio_code=""):
        by_rio[programme.rio_code].append(programme)
    planned: dict[int, dict] = defaultdict(dict)
    languages: dict[int, set[str]] = defaultdict(set)
    programmes = {}
    rows = sorted(table, key=lambda r: r["SOORT"] != "OPLEIDING")
    for row in base.tracked(rows, progress):
        is_variant = row["SOORT"].strip() == "VARIANT"
        rio = row["VARIANT_VAN" if is_variant else "OPLEIDINGSEENHEIDCODE"].strip()
        targets = by_rio.get(rio, [])
        # Offering rows (OPLEIDING with a provider, and variants) name a form.
        if vorm := row["VORM"].strip():
            targets = [p for p in targets if p.form == FORMS.get(vorm)]
        if not targets:
            result.reject(
                gettext_noop("variant whose VARIANT_VAN names no programme's RIO code")
                if is_variant
                else gettext_noop("no programme with this RIO code (in this form)"),
                row=row,
            )
            continue
        values = _catalogue_values(row, is_variant=is_variant)
        if reason := too_long(Programme, values):
            result.reject(reason, row=row)
            continue
        codes = set(filter(None, row["VOERTAAL"].strip().split(",")))
        for programme in targets:
            programmes[programme.pk] = programme
            planned[programme.pk].update(values)
            languages[programme.pk] |= codes
    updated, changed = [], {}
    for pk, values in planned.items():
        programme = programmes[pk]
        if languages[pk]:
            values["language"] = language_of_instruction(languages[pk])
        if fields := base.assign_changed(
            programme, values, protected=staff_edited_fields(programme)
        ):
            updated.append(programme)
            changed[pk] = fields
            result.changed += 1
        else:
            result.unchanged += 1
    Programme.objects.bulk_update(
        updated,
        ["name_en", "language", "website", "description_nl", "started_on"],
        batch_size=500,
    )
    run = base.import_run_log(
        result, data=data, source=source, kind="programme details", user=user
    )
    catalogue_changes_record(run, created=[], changed=changed)
    return result


def _iso_date(row: Row, column: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ImportFileError(
            _("Line %(line)s, column %(column)s: %(value)r is not a date.")
            % {"line": row.line, "column": column, "value": value},
            row=row,
            column=column,
        ) from None


def _catalogue_values(row: Row, *, is_variant: bool) -> dict:
    values = {}
    # The provider's own English name fills in where RIO has no international name.
    if name_en := (
        row["INTERNATIONALE_NAAM"].strip() or row.get("EIGENNAAM_ENGELS").strip()
    ):
        values["name_en"] = name_en
    if not is_variant and (begin := row["BEGINDATUM"].strip()):
        values["started_on"] = _iso_date(row, "BEGINDATUM", begin)
    if website := row["WEBSITE"].strip():
        values["website"] = website_url(website)
    if description := row["OMSCHRIJVING"].strip():
        values["description_nl"] = description
    return values

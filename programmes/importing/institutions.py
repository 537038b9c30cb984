"""DUO's addresses of institutions, and the municipalities they name."""

from django.db import transaction
from django.utils.translation import gettext_noop

from programmes.models import Institution, InstitutionKind, Municipality

from . import base
from .csvfile import CsvTable, Row
from .institution_names import english_institution_names
from .lengths import rows_too_long_reject, too_long
from .normalise import (
    english_slug,
    municipality_key,
    municipality_name,
    taken_slugs,
    unique_slug,
    website_url,
)
from .sources import data_source_for_file

INSTITUTION_COLUMNS = (
    "SOORT HO",
    "INSTELLINGSCODE",
    "INSTELLINGSNAAM",
    "STRAATNAAM",
    "HUISNUMMER-TOEVOEGING",
    "POSTCODE",
    "GEMEENTENUMMER",
    "GEMEENTENAAM",
    "INTERNETADRES",
)


@transaction.atomic
def institutions_import(
    *, data: bytes, file_name: str, user=None, progress: base.Progress | None = None
) -> base.ImportResult:
    """Create or update institutions (and their municipalities) from DUO adressen."""
    table, result = base.import_start(
        file_name=file_name,
        data=data,
        required=INSTITUTION_COLUMNS,
        final_line_break=True,
    )
    source = data_source_for_file(file_name=file_name)
    rows_too_long_reject(table, result, _municipality_too_long)
    municipalities, _renamed = _municipalities_from_rows(table, code="GEMEENTENUMMER")
    institutions = {i.brin: i for i in Institution.objects.all()}
    slugs = taken_slugs(Institution)
    english_names = english_institution_names()
    new, updated = [], []
    for row in base.tracked(table.rows, progress):
        brin = row["INSTELLINGSCODE"].strip()
        kind = row["SOORT HO"].strip().lower()
        if not brin or kind not in InstitutionKind.values:
            result.reject(gettext_noop("no BRIN code or unknown kind"), row=row)
            continue
        street = f"{row['STRAATNAAM']} {row['HUISNUMMER-TOEVOEGING']}".strip()
        values = {
            "name_nl": row["INSTELLINGSNAAM"].strip(),
            "kind": kind,
            "address": street,
            "postcode": row["POSTCODE"].strip(),
            "municipality_id": municipalities[row["GEMEENTENUMMER"].strip()].pk,
            "website": website_url(row["INTERNETADRES"]),
        }
        if reason := too_long(Institution, {"brin": brin, **values}):
            result.reject(reason, row=row)
            continue
        institution = institutions.get(brin)
        english = english_names.get(brin)
        if institution is None:
            institution = Institution(brin=brin, name_en=english, **values)
            institution.slug = unique_slug(
                values["name_nl"], slugs["slug"], suffix=brin, max_length=100
            )
            # DUO's addresses have no English names: without one from the list,
            # the English address is the Dutch one until an editor gives one.
            institution.slug_en = english_slug(
                english, institution.slug, slugs["slug_en"], max_length=100
            )
            institutions[brin] = institution
            new.append(institution)
            result.created += 1
        elif any(
            [
                base.assign_changed(institution, values),
                _english_name_filled(institution, english, slugs["slug_en"]),
            ]
        ):
            updated.append(institution)
            result.changed += 1
        else:
            result.unchanged += 1
    Institution.objects.bulk_create(new)
    Institution.objects.bulk_update(
        updated,
        [
            "name_nl",
            "name_en",
            "slug_en",
            "kind",
            "address",
            "postcode",
            "municipality",
            "website",
        ],
    )
    base.import_run_log(
        result, data=data, source=source, kind="institutions", user=user
    )
    return result


def _english_name_filled(
    institution: Institution, english: str | None, taken_english_slugs: set[str]
) -> bool:
    """Give a known institution its English name from the list, unless it has one
    (an editor's stays), and with it an English address if it had none of its
    own: its Dutch slug under /en/ then redirects to the new one."""
    if not english or institution.name_en:
        return False
    institution.name_en = english
    if institution.slug_en == institution.slug:
        institution.slug_en = english_slug(
            english, institution.slug, taken_english_slugs, max_length=100
        )
    return True


@transaction.atomic
def municipalities_import(
    *, data: bytes, file_name: str, user=None, progress: base.Progress | None = None
) -> base.ImportResult:
    """Create the municipalities a statistics file names (CBS code and name).

    RIO's erkenningen name a programme's municipality but give no CBS code, so a
    full import reads the codes from the statistics files first.
    """
    table, result = base.import_start(
        file_name=file_name,
        data=data,
        required=("GEMEENTENUMMER", "GEMEENTENAAM"),
        final_line_break=True,
    )
    # Said in the summary: this pass reads a statistics file for its places only.
    result.layout = gettext_noop("municipalities (CBS codes)")
    source = data_source_for_file(file_name=file_name)
    rows_too_long_reject(table, result, _municipality_too_long)
    before = Municipality.objects.count()
    municipalities, renamed = _municipalities_from_rows(table, code="GEMEENTENUMMER")
    if progress is not None:
        progress(len(table), len(table))
    result.created = len(municipalities) - before
    result.changed = renamed
    result.unchanged = before - renamed
    base.import_run_log(
        result, data=data, source=source, kind="municipalities", user=user
    )
    return result


def _municipality_values(row: Row, *, code: str = "GEMEENTENUMMER") -> dict[str, str]:
    return {
        "code": row[code].strip(),
        "name_nl": municipality_name(row["GEMEENTENAAM"]),
        "province": row.get("PROVINCIE", "").strip()
        or row.get("PROVINCIENAAM", "").strip(),
    }


def _municipality_too_long(row: Row) -> str:
    return too_long(Municipality, _municipality_values(row))


def _municipalities_from_rows(
    table: CsvTable, *, code: str
) -> tuple[dict[str, Municipality], int]:
    """Municipalities by CBS code, creating those the file names that are missing,
    and how many known ones it gave their official name."""
    by_code = {m.code: m for m in Municipality.objects.all()}
    slugs = taken_slugs(Municipality)
    new, renamed = [], {}
    for row in table:
        cbs_code = row[code].strip()
        if not cbs_code:
            continue
        if cbs_code in by_code:
            if _respelled(by_code[cbs_code], row["GEMEENTENAAM"]):
                renamed[cbs_code] = by_code[cbs_code]
            continue
        values = _municipality_values(row, code=code)
        slug = unique_slug(
            values["name_nl"], slugs["slug"], suffix=cbs_code, max_length=100
        )
        municipality = Municipality(
            slug=slug,
            slug_en=english_slug(None, slug, slugs["slug_en"], max_length=100),
            **values,
        )
        by_code[cbs_code] = municipality
        new.append(municipality)
    Municipality.objects.bulk_create(new)
    Municipality.objects.bulk_update(renamed.values(), ["name_nl"])
    return by_code, len(renamed)


def _respelled(municipality: Municipality, written: str) -> bool:
    """Give a known municipality the file's spelling of its name when that is the
    better one (an earlier import stored "S Gravenhage" for ’s-Gravenhage).

    The name stays (slug included) unless the file spells the same name: the
    file's spelling wins when it is not in capitals (capitals lose accents:
    "SUDWEST-FRYSLAN") or when the stored one is not in official form.
    """
    name = municipality_name(written)
    stored = municipality.name_nl or ""
    if name == stored or municipality_key(name) != municipality_key(stored):
        return False
    if written.strip().isupper() and municipality_name(stored) == stored:
        return False
    municipality.name_nl = name
    return True

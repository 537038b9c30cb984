"""DUO/RIO recognised programmes (erkenningen): studies, programmes, places."""

from django.db import transaction
from django.utils.translation import gettext_noop

from programmes.models import (
    DataSource,
    Institution,
    InstitutionKind,
    Municipality,
    Programme,
    Study,
)

from ..changelog import catalogue_changes_record
from . import base
from .csvfile import CsvTable, Row
from .lengths import rows_too_long_reject, too_long
from .normalise import (
    FORMS,
    FUNDING,
    SECTORS,
    degree_title,
    english_slug,
    municipality_key,
    programme_slug,
    taken_slugs,
    unique_slug,
)
from .sources import data_source_for_file

PROGRAMME_COLUMNS = (
    "INSTELLINGSCODE",
    "INSTELLINGSNAAM",
    "VESTIGINGSCODE",
    "GEMEENTENAAM",
    "ERKENDEOPLEIDINGSCODE",
    "OPLEIDINGSEENHEIDCODE",
    "OPLEIDINGSEENHEID_NAAM",
    "OPLEIDINGSEENHEID_INTERNATIONALE_NAAM",
    "STUDIELAST",
    "NIVEAU",
    "GRAAD",
    "GRAADTOEVOEGING",
    "VORM",
    "ONDERDEEL",
    "BEKOSTIGINGSCODE",
)
PROGRAMME_IMPORTED_FIELDS = (
    "name_nl",
    "name_en",
    "degree_nl",
    "degree_en",
    "ects",
    "funding",
    "municipality_id",
    "rio_code",
    "source_id",
)


@transaction.atomic
def programmes_import(
    *, data: bytes, file_name: str, user=None, progress: base.Progress | None = None
) -> base.ImportResult:
    """One Programme per (BRIN, CROHO code, location, form) from RIO erkenningen."""
    table, result = base.import_start(
        file_name=file_name,
        data=data,
        required=PROGRAMME_COLUMNS,
        final_line_break=True,
    )
    source = data_source_for_file(file_name=file_name)
    rows_too_long_reject(table, result, _related_too_long)
    # RIO names a municipality without its CBS code: its name leads to the code
    # the addresses and statistics files gave (however they spell it).
    municipalities = {
        municipality_key(m.name_nl): m.pk for m in Municipality.objects.all()
    }
    institutions = _institutions_for(table, municipalities)
    studies = _studies_for(table)
    programmes = {
        (p.institution_id, p.study_id, p.location_code, p.form): p
        for p in Programme.objects.all()
    }
    slugs = taken_slugs(Programme)
    new, updated, seen, changed = [], [], set(), {}
    for row in base.tracked(table.rows, progress):
        form = FORMS.get(row["VORM"].strip())
        level = row["NIVEAU"].strip()
        croho = row["ERKENDEOPLEIDINGSCODE"].strip()
        if form is None or not croho or (croho, level) not in studies:
            result.reject(gettext_noop("unknown form, level or CROHO code"), row=row)
            continue
        institution = institutions[row["INSTELLINGSCODE"].strip()]
        study = studies[(croho, level)]
        location = row["VESTIGINGSCODE"].strip()
        key = (institution.pk, study.pk, location, form)
        if key in seen:
            result.reject(gettext_noop("duplicate programme in the file"), row=row)
            continue
        seen.add(key)
        values = _programme_values(row, municipalities, source)
        if reason := too_long(Programme, {"location_code": location, **values}):
            result.reject(reason, row=row)
            continue
        programme = programmes.get(key)
        if programme is None:
            programme = Programme(
                institution=institution,
                study=study,
                location_code=location,
                form=form,
                **values,
            )
            programme.slug, programme.slug_en = _programme_slugs(
                values,
                level=level,
                institution=institution,
                row=row,
                form=form,
                code=f"{croho} {location}",
                taken=slugs,
            )
            new.append(programme)
            result.created += 1
        elif fields := base.assign_changed(
            programme, values, protected=staff_edited_fields(programme)
        ):
            updated.append(programme)
            changed[programme.pk] = fields
            result.changed += 1
        else:
            result.unchanged += 1
    Programme.objects.bulk_create(new, batch_size=500)
    Programme.objects.bulk_update(
        updated,
        [f.removesuffix("_id") for f in PROGRAMME_IMPORTED_FIELDS],
        batch_size=500,
    )
    run = base.import_run_log(
        result, data=data, source=source, kind="programmes", user=user
    )
    catalogue_changes_record(run, created=new, changed=changed)
    return result


def _related_too_long(row: Row) -> str:
    """Why the institution or study a programme row would create does not fit."""
    institution = {
        "brin": row["INSTELLINGSCODE"].strip(),
        "name_nl": row["INSTELLINGSNAAM"].strip(),
    }
    study = {
        "croho_code": row["ERKENDEOPLEIDINGSCODE"].strip(),
        "level": row["NIVEAU"].strip(),
        "name_nl": row["OPLEIDINGSEENHEID_NAAM"].strip(),
        "name_en": row["OPLEIDINGSEENHEID_INTERNATIONALE_NAAM"].strip(),
    }
    return too_long(Institution, institution) or too_long(Study, study)


def _programme_slugs(
    values: dict, *, level: str, institution, row: Row, form: str, code: str, taken
) -> tuple[str, str]:
    """The new programme's Dutch and English slugs, each unique in its language;
    without an English name, the English address is the Dutch one."""
    place = row["PLAATSNAAM"].strip().lower()
    dutch = programme_slug(
        name=values["name_nl"],
        level=level,
        institution_name=institution.name_nl,
        place=place,
        form=form,
        code=code,
        taken=taken["slug"],
    )
    if not values.get("name_en"):
        english = english_slug(None, dutch, taken["slug_en"], max_length=160)
    else:
        english = programme_slug(
            name=values["name_en"],
            level=level,
            institution_name=institution.name_en or institution.name_nl,
            place=place,
            form=form,
            code=code,
            taken=taken["slug_en"],
            language="en",
        )
    return dutch, english


def staff_edited_fields(programme: Programme) -> set[str]:
    """Imported field names staff edited, in both spellings (with/without _id)."""
    edited = set(programme.edited_fields or ())
    return edited | {f"{name}_id" for name in edited}


def _programme_values(row: Row, municipalities: dict, source: DataSource) -> dict:
    name_nl = row["OPLEIDINGSEENHEID_NAAM"].strip()
    degree = degree_title(row["GRAAD"].strip(), row["GRAADTOEVOEGING"].strip())
    values = {
        "name_nl": name_nl,
        "degree_nl": degree,
        "degree_en": degree or None,
        # Four digits fit the field (a small integer); no study load comes near.
        "ects": row.whole("STUDIELAST", optional=True, max_digits=4),
        "funding": FUNDING.get(row["BEKOSTIGINGSCODE"].strip(), "government"),
        "municipality_id": municipalities.get(municipality_key(row["GEMEENTENAAM"])),
        "rio_code": row["OPLEIDINGSEENHEIDCODE"].strip(),
        "source_id": source.pk,
    }
    # An empty international name must not erase one the RIO catalogue supplied.
    if name_en := row["OPLEIDINGSEENHEID_INTERNATIONALE_NAAM"].strip():
        values["name_en"] = name_en
    return values


def _institutions_for(table: CsvTable, municipalities: dict) -> dict[str, Institution]:
    """Known institutions by BRIN; private ones missing from adressen are created."""
    institutions = {i.brin: i for i in Institution.objects.all()}
    slugs = taken_slugs(Institution)
    kinds = _institution_kinds(table)
    new = []
    for row in table:
        brin = row["INSTELLINGSCODE"].strip()
        if brin in institutions:
            continue
        name = row["INSTELLINGSNAAM"].strip()
        institution = Institution(
            brin=brin,
            name_nl=name,
            kind=kinds[brin],
            municipality_id=municipalities.get(municipality_key(row["GEMEENTENAAM"])),
            slug=unique_slug(name, slugs["slug"], suffix=brin, max_length=100),
        )
        # No English name in this file: the English address is the Dutch one.
        institution.slug_en = english_slug(
            None, institution.slug, slugs["slug_en"], max_length=100
        )
        institutions[brin] = institution
        new.append(institution)
    Institution.objects.bulk_create(new)
    return institutions


def _institution_kinds(table: CsvTable) -> dict[str, str]:
    """wo for an institution whose every programme is at a wo level, else hbo: a
    private institution with an hbo programme (Politieacademie, a physiotherapy
    school with one wo bachelor) is no university, whichever row comes first."""
    levels: dict[str, set[bool]] = {}
    for row in table:
        is_wo = row["NIVEAU"].strip().startswith("WO")
        levels.setdefault(row["INSTELLINGSCODE"].strip(), set()).add(is_wo)
    return {
        brin: InstitutionKind.WO if found == {True} else InstitutionKind.HBO
        for brin, found in levels.items()
    }


def _studies_for(table: CsvTable) -> dict[tuple[str, str], Study]:
    """Studies by (CROHO code, level); new ones are named after their first row."""
    studies = {(s.croho_code, s.level): s for s in Study.objects.all()}
    slugs = taken_slugs(Study)
    new = []
    for row in table:
        key = (row["ERKENDEOPLEIDINGSCODE"].strip(), row["NIVEAU"].strip())
        if key in studies or not key[0] or not key[1]:
            continue
        name = row["OPLEIDINGSEENHEID_NAAM"].strip()
        sector = row["ONDERDEEL"].strip()
        study = Study(
            croho_code=key[0],
            level=key[1],
            name_nl=name,
            name_en=row["OPLEIDINGSEENHEID_INTERNATIONALE_NAAM"].strip() or None,
            sector=sector if sector in SECTORS else "",
            slug=unique_slug(
                f"{name} {key[1]}", slugs["slug"], suffix=key[0], max_length=120
            ),
        )
        study.slug_en = english_slug(
            study.name_en and f"{study.name_en} {key[1]}",
            study.slug,
            slugs["slug_en"],
            max_length=120,
        )
        studies[key] = study
        new.append(study)
    Study.objects.bulk_create(new)
    return studies

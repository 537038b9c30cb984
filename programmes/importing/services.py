"""Writing DUO open data into the catalogue: institutions, programmes, statistics.

Every service reads the whole file first (so a bad file changes nothing), keeps
lookups in memory (no query per row), writes with bulk_create/bulk_update inside one
transaction, never overwrites fields staff edited (Programme.edited_fields), and logs
an ImportRun with its counts. Importing the same file twice changes nothing.
"""

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from programmes.models import (
    DataSource,
    Enrolment,
    Form,
    Institution,
    InstitutionKind,
    Language,
    Municipality,
    Programme,
    Sector,
    Study,
)

from .base import (
    ImportResult,
    Progress,
    assign_changed,
    import_run_log,
    import_start,
    tracked,
)
from .csvfile import CsvTable, ImportFileError, Row, read_csv
from .lengths import rows_too_long_reject, too_long
from .sources import data_source_for_file


def _unique_slug(base: str, taken: set[str], *, suffix: str, max_length: int) -> str:
    slug = slugify(base)[:max_length] or slugify(suffix)
    if slug in taken:
        slug = f"{slug[: max_length - len(suffix) - 1]}-{slugify(suffix)}"
    taken.add(slug)
    return slug


def municipality_name_from_upper(name: str) -> str:
    """'LEEUWARDEN' → 'Leeuwarden', "'S-HERTOGENBOSCH" → "'s-Hertogenbosch"."""
    titled = name.strip().title()
    return re.sub(r"^'S-", "'s-", titled)


def website_url(address: str) -> str:
    address = address.strip()
    if not address:
        return ""
    if not re.match(r"^https?://", address, re.IGNORECASE):
        address = f"https://{address}"
    return address


def degree_title(graad: str, toevoeging: str) -> str:
    """GRAAD + GRAADTOEVOEGING → the title on the diploma, e.g. 'Master of Science'."""
    if not graad:
        return ""
    base = graad.replace("_", " ").capitalize()
    titles = []
    for part in filter(None, (p.strip() for p in toevoeging.split(","))):
        words = " ".join(
            w.lower() if w in {"OF", "AND"} else w.capitalize() for w in part.split("_")
        )
        titles.append(f"{base} {words}" if part.startswith("OF_") else words)
    return " / ".join(titles) or base


LEVEL_WORDS = {
    "HBO-AD": "associate-degree",
    "HBO-BA": "bachelor",
    "HBO-MA": "master",
    "HBO-PM": "postmaster",
    "WO-BA": "bachelor",
    "WO-MA": "master",
    "WO-PM": "postmaster",
}

FORMS = {
    "VOLTIJD": Form.FULL_TIME,
    "DEELTIJD": Form.PART_TIME,
    "DUAAL": Form.DUAL,
    # RIO leaves the form empty on some joint degrees; DUO counts those as full-time.
    "": Form.FULL_TIME,
    "voltijd onderwijs": Form.FULL_TIME,
    "deeltijd onderwijs": Form.PART_TIME,
    "duaal onderwijs": Form.DUAL,
}
FUNDING = {
    "BEKOSTIGD": "government",
    "AANGEWEZEN": "designated",
    "NIET_BEKOSTIGD": "private",
}
LANGUAGES = {
    frozenset({"NLD"}): Language.DUTCH,
    frozenset({"ENG"}): Language.ENGLISH,
    frozenset({"DEU"}): Language.GERMAN,
    frozenset({"ENG", "NLD"}): Language.DUTCH_AND_ENGLISH,
}


def language_of_instruction(codes: Iterable[str]) -> str:
    """RIO's VOERTAAL codes (ISO 639-2), over all offerings, → our Language."""
    return LANGUAGES.get(frozenset(codes), Language.OTHER)


SECTORS = set(Sector.values)


# --- Institutions -----------------------------------------------------------------

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
    *, data: bytes, file_name: str, user=None, progress: Progress | None = None
) -> ImportResult:
    """Create or update institutions (and their municipalities) from DUO adressen."""
    started_at = timezone.now()
    table, result = import_start(
        file_name=file_name, data=data, required=INSTITUTION_COLUMNS
    )
    source = data_source_for_file(file_name=file_name)
    rows_too_long_reject(table, result, _municipality_too_long)
    municipalities = _municipalities_from_rows(table, code="GEMEENTENUMMER")
    institutions = {i.brin: i for i in Institution.objects.all()}
    slugs = set(Institution.objects.values_list("slug", flat=True))
    new, updated = [], []
    for row in tracked(table.rows, progress):
        brin = row["INSTELLINGSCODE"].strip()
        kind = row["SOORT HO"].strip().lower()
        if not brin or kind not in InstitutionKind.values:
            result.reject(gettext_noop("no BRIN code or unknown kind"), line=row.line)
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
            result.reject(reason, line=row.line)
            continue
        institution = institutions.get(brin)
        if institution is None:
            institution = Institution(brin=brin, **values)
            institution.slug = _unique_slug(
                values["name_nl"], slugs, suffix=brin, max_length=100
            )
            institutions[brin] = institution
            new.append(institution)
            result.created += 1
        elif assign_changed(institution, values):
            updated.append(institution)
            result.changed += 1
        else:
            result.unchanged += 1
    Institution.objects.bulk_create(new)
    Institution.objects.bulk_update(
        updated,
        ["name_nl", "kind", "address", "postcode", "municipality", "website"],
    )
    import_run_log(
        result=result,
        data=data,
        source=source,
        kind="institutions",
        user=user,
        started_at=started_at,
    )
    return result


@transaction.atomic
def municipalities_import(
    *, data: bytes, file_name: str, user=None, progress: Progress | None = None
) -> ImportResult:
    """Create the municipalities a statistics file names (CBS code and name).

    RIO's erkenningen name a programme's municipality but give no CBS code, so a
    full import reads the codes from the statistics files first.
    """
    started_at = timezone.now()
    table, result = import_start(
        file_name=file_name, data=data, required=("GEMEENTENUMMER", "GEMEENTENAAM")
    )
    source = data_source_for_file(file_name=file_name)
    rows_too_long_reject(table, result, _municipality_too_long)
    before = Municipality.objects.count()
    municipalities = _municipalities_from_rows(table, code="GEMEENTENUMMER")
    if progress is not None:
        progress(len(table), len(table))
    result.created = len(municipalities) - before
    result.unchanged = before
    import_run_log(
        result=result,
        data=data,
        source=source,
        kind="municipalities",
        user=user,
        started_at=started_at,
    )
    return result


def _municipality_values(row: Row, *, code: str = "GEMEENTENUMMER") -> dict[str, str]:
    name = row["GEMEENTENAAM"].strip()
    if name.isupper():
        name = municipality_name_from_upper(name)
    return {
        "code": row[code].strip(),
        "name_nl": name,
        "province": row.get("PROVINCIE", "").strip()
        or row.get("PROVINCIENAAM", "").strip(),
    }


def _municipality_too_long(row: Row) -> str:
    return too_long(Municipality, _municipality_values(row))


def _municipalities_from_rows(table: CsvTable, *, code: str) -> dict[str, Municipality]:
    """Municipalities by CBS code, creating those the file names that are missing."""
    by_code = {m.code: m for m in Municipality.objects.all()}
    slugs = {m.slug for m in by_code.values()}
    new = []
    for row in table:
        cbs_code = row[code].strip()
        if not cbs_code or cbs_code in by_code:
            continue
        values = _municipality_values(row, code=code)
        municipality = Municipality(
            slug=_unique_slug(
                values["name_nl"], slugs, suffix=cbs_code, max_length=100
            ),
            **values,
        )
        by_code[cbs_code] = municipality
        new.append(municipality)
    Municipality.objects.bulk_create(new)
    return by_code


# --- Programmes -------------------------------------------------------------------

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
    *, data: bytes, file_name: str, user=None, progress: Progress | None = None
) -> ImportResult:
    """One Programme per (BRIN, CROHO code, location, form) from RIO erkenningen."""
    started_at = timezone.now()
    table, result = import_start(
        file_name=file_name, data=data, required=PROGRAMME_COLUMNS
    )
    source = data_source_for_file(file_name=file_name)
    rows_too_long_reject(table, result, _related_too_long)
    municipalities = {m.name_nl.lower(): m.pk for m in Municipality.objects.all()}
    institutions = _institutions_for(table, municipalities)
    studies = _studies_for(table)
    programmes = {
        (p.institution_id, p.study_id, p.location_code, p.form): p
        for p in Programme.objects.all()
    }
    slugs = set(Programme.objects.values_list("slug", flat=True))
    new, updated, seen = [], [], set()
    for row in tracked(table.rows, progress):
        form = FORMS.get(row["VORM"].strip())
        level = row["NIVEAU"].strip()
        croho = row["ERKENDEOPLEIDINGSCODE"].strip()
        if form is None or not croho or (croho, level) not in studies:
            result.reject(
                gettext_noop("unknown form, level or CROHO code"), line=row.line
            )
            continue
        institution = institutions[row["INSTELLINGSCODE"].strip()]
        study = studies[(croho, level)]
        location = row["VESTIGINGSCODE"].strip()
        key = (institution.pk, study.pk, location, form)
        if key in seen:
            result.reject(
                gettext_noop("duplicate programme in the file"), line=row.line
            )
            continue
        seen.add(key)
        values = _programme_values(row, municipalities, source)
        if reason := too_long(Programme, {"location_code": location, **values}):
            result.reject(reason, line=row.line)
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
            programme.slug = _programme_slug(
                name=values["name_nl"],
                level=level,
                institution=institution,
                place=row["PLAATSNAAM"].strip().lower(),
                form=form,
                code=f"{croho} {location}",
                taken=slugs,
            )
            new.append(programme)
            result.created += 1
        elif assign_changed(programme, values, protected=_protected(programme)):
            updated.append(programme)
            result.changed += 1
        else:
            result.unchanged += 1
    Programme.objects.bulk_create(new, batch_size=500)
    Programme.objects.bulk_update(
        updated,
        [f.removesuffix("_id") for f in PROGRAMME_IMPORTED_FIELDS],
        batch_size=500,
    )
    import_run_log(
        result=result,
        data=data,
        source=source,
        kind="programmes",
        user=user,
        started_at=started_at,
    )
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


def _programme_slug(
    *,
    name: str,
    level: str,
    institution,
    place: str,
    form: str,
    code: str,
    taken: set[str],
) -> str:
    """A readable address that does not depend on import order.

    biomedical-sciences-master-universiteit-leiden; a part-time or dual offer says
    so (…-deeltijd), and another location adds its place before any codes.
    """
    form_word = {"part_time": "deeltijd", "dual": "duaal"}.get(form, "")
    level_word = LEVEL_WORDS.get(level, "")
    stem = f"{name} {level_word} {institution.name_nl}"
    candidates = (
        f"{stem} {form_word}",
        f"{stem} {place} {form_word}",
        f"{stem} {place} {form_word} {code}",
    )
    for candidate in candidates:
        slug = slugify(candidate)[:160].strip("-")
        if slug and slug not in taken:
            taken.add(slug)
            return slug
    return _unique_slug(candidates[-1], taken, suffix=str(len(taken)), max_length=160)


def _protected(programme: Programme) -> set[str]:
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
        "municipality_id": municipalities.get(row["GEMEENTENAAM"].strip().lower()),
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
    slugs = {i.slug for i in institutions.values()}
    new = []
    for row in table:
        brin = row["INSTELLINGSCODE"].strip()
        if brin in institutions:
            continue
        name = row["INSTELLINGSNAAM"].strip()
        kind = InstitutionKind.WO if row["NIVEAU"].startswith("WO") else "hbo"
        institution = Institution(
            brin=brin,
            name_nl=name,
            kind=kind,
            municipality_id=municipalities.get(row["GEMEENTENAAM"].strip().lower()),
            slug=_unique_slug(name, slugs, suffix=brin, max_length=100),
        )
        institutions[brin] = institution
        new.append(institution)
    Institution.objects.bulk_create(new)
    return institutions


def _studies_for(table: CsvTable) -> dict[tuple[str, str], Study]:
    """Studies by (CROHO code, level); new ones are named after their first row."""
    studies = {(s.croho_code, s.level): s for s in Study.objects.all()}
    slugs = {s.slug for s in studies.values()}
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
            slug=_unique_slug(f"{name} {key[1]}", slugs, suffix=key[0], max_length=120),
        )
        studies[key] = study
        new.append(study)
    Study.objects.bulk_create(new)
    return studies


# --- Programme details from the RIO catalogue ---------------------------------------

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
    *, data: bytes, file_name: str, user=None, progress: Progress | None = None
) -> ImportResult:
    """Add English name, language, website, description and start date from RIO.

    OPLEIDING rows describe the programme unit (all its locations and forms) and
    join on the RIO code. VARIANT rows would describe one form of it, but in this
    snapshot their VARIANT_VAN holds CROHO-like codes, not RIO codes, so none can be
    linked reliably: they are counted as rejected (see docs/IMPORT.md).
    """
    started_at = timezone.now()
    table, result = import_start(
        file_name=file_name, data=data, required=CATALOGUE_COLUMNS
    )
    source = data_source_for_file(file_name=file_name)
    by_rio = defaultdict(list)
    for programme in Programme.objects.exclude(rio_code=""):
        by_rio[programme.rio_code].append(programme)
    planned: dict[int, dict] = defaultdict(dict)
    languages: dict[int, set[str]] = defaultdict(set)
    programmes = {}
    rows = sorted(table, key=lambda r: r["SOORT"] != "OPLEIDING")
    for row in tracked(rows, progress):
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
                line=row.line,
            )
            continue
        values = _catalogue_values(row, is_variant=is_variant)
        if reason := too_long(Programme, values):
            result.reject(reason, line=row.line)
            continue
        codes = set(filter(None, row["VOERTAAL"].strip().split(",")))
        for programme in targets:
            programmes[programme.pk] = programme
            planned[programme.pk].update(values)
            languages[programme.pk] |= codes
    updated = []
    for pk, values in planned.items():
        programme = programmes[pk]
        if languages[pk]:
            values["language"] = language_of_instruction(languages[pk])
        if assign_changed(programme, values, protected=_protected(programme)):
            updated.append(programme)
            result.changed += 1
        else:
            result.unchanged += 1
    Programme.objects.bulk_update(
        updated,
        ["name_en", "language", "website", "description_nl", "started_on"],
        batch_size=500,
    )
    import_run_log(
        result=result,
        data=data,
        source=source,
        kind="programme details",
        user=user,
        started_at=started_at,
    )
    return result


def _iso_date(row: Row, column: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ImportFileError(
            _("Line %(line)s, column %(column)s: %(value)r is not a date.")
            % {"line": row.line, "column": column, "value": value},
            line=row.line,
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


# --- Statistics ------------------------------------------------------------------

NEWER_FIRST_YEAR_SERIES = ("duo-eerstejaars-wo-2015-2019",)
# ASCII digits: \d would also take other scripts' digits, which int() reads.
WIDE_YEAR = re.compile(r"^([0-9]{4}) (MAN|VROUW)$")
YEAR = re.compile(r"^[0-9]{4}$")


@dataclass(frozen=True)
class StatisticsLayout:
    name: str
    brin: str
    croho: str
    form: str  # empty when the layout has no form column
    # The older wide series defines first-years differently: where a newer series
    # has been imported for a programme and year, the older one leaves it alone.
    fill_only: bool = False


def statistics_layout(header: list[str]) -> StatisticsLayout:
    """Recognise which of DUO's three statistics layouts a header belongs to."""
    if any(WIDE_YEAR.match(name) for name in header):
        return StatisticsLayout(
            "first-years (wide, by gender)",
            "BRIN NUMMER ACTUEEL",
            "OPLEIDINGSCODE ACTUEEL",
            "OPLEIDINGSVORM",
            fill_only=True,
        )
    if "GESLACHT" in header and any(YEAR.match(name) for name in header):
        kind = "graduates" if "SOORT DIPLOMA" in header else "first-years"
        return StatisticsLayout(
            f"{kind} (long, by gender)",
            "BRIN NUMMER ACTUEEL",
            "OPLEIDINGSCODE ACTUEEL",
            "OPLEIDINGSVORM",
        )
    if "STUDIEJAAR" in header and "AANTAL_INGESCHREVENEN" in header:
        return StatisticsLayout(
            "enrolled students (per year)",
            "INSTELLINGSCODE_ACTUEEL",
            "OPLEIDINGSCODE_ACTUEEL",
            "",
        )
    raise ImportFileError(
        _(
            "Line 1: the header matches none of the known statistics layouts "
            "(<year> MAN / <year> VROUW; GESLACHT with year columns; STUDIEJAAR "
            "with AANTAL_INGESCHREVENEN). Is the separator right?"
        ),
        line=1,
    )


def _statistics_counts(row: Row, layout: StatisticsLayout, header) -> dict:
    """{year: {field: count}} for one row of any layout."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    if layout.name.startswith("first-years (wide"):
        for name in header:
            if match := WIDE_YEAR.match(name):
                year, sex = int(match[1]), match[2]
                key = "first_years_men" if sex == "MAN" else "first_years_women"
                counts[year][key] = row.count(name)
    elif "GESLACHT" in header:
        sex = row["GESLACHT"].strip().lower()
        graduates = "SOORT DIPLOMA" in header
        for name in header:
            if YEAR.match(name):
                year, value = int(name), row.count(name)
                if graduates:
                    counts[year]["graduates"] = value
                else:
                    key = "first_years_men" if sex == "man" else "first_years_women"
                    counts[year][key] = value
    else:
        counts[int(row.count("STUDIEJAAR") or 0)]["students"] = row.count(
            "AANTAL_INGESCHREVENEN"
        )
    # Suppressed figures (None) add nothing; a year with only those stays unknown.
    return {
        year: {k: v for k, v in values.items() if v is not None}
        for year, values in counts.items()
    }


@transaction.atomic
def enrolments_import(
    *, data: bytes, file_name: str, user=None, progress: Progress | None = None
) -> ImportResult:
    """Import first-years, graduates or enrolled students, whatever the layout."""
    started_at = timezone.now()
    table = read_csv(data)
    layout = statistics_layout(table.header)
    required = [layout.brin, layout.croho, "GEMEENTENAAM"]
    if layout.form:
        required.append(layout.form)
    read_csv(data[:4096].split(b"\n", 1)[0] + b"\n", required=required)
    result = ImportResult(
        file_name=file_name, skipped_lines=table.skipped_lines, layout=layout.name
    )
    source = data_source_for_file(file_name=file_name)
    candidates = _programme_candidates()
    totals: dict[tuple[int, int], Counter] = defaultdict(Counter)
    for row in tracked(table.rows, progress):
        counts = _statistics_counts(row, layout, table.header)
        programme_id = _map_row(row, layout, candidates, result)
        if programme_id is None:
            continue
        for year, values in counts.items():
            if values:
                totals[(programme_id, year)].update(values)
    _write_enrolments(totals, layout, source, result)
    import_run_log(
        result=result,
        data=data,
        source=source,
        kind="statistics",
        user=user,
        started_at=started_at,
    )
    return result


def _programme_candidates() -> dict[tuple[str, str], list[tuple[int, str, str]]]:
    rows = Programme.objects.values_list(
        "pk", "institution__brin", "study__croho_code", "form", "municipality__name_nl"
    )
    candidates = defaultdict(list)
    for pk, brin, croho, form, municipality in rows:
        candidates[(brin, croho)].append((pk, form, (municipality or "").lower()))
    return candidates


def _map_row(row, layout, candidates, result) -> int | None:
    """The one programme a statistics row is about, or None (counted as rejected)."""
    options = candidates.get((row[layout.brin].strip(), row[layout.croho].strip()))
    if not options:
        result.reject(
            gettext_noop("no programme with this BRIN and CROHO code"), line=row.line
        )
        return None
    if layout.form:
        form = FORMS.get(row[layout.form].strip())
        options = [o for o in options if o[1] == form]
        if not options:
            result.reject(gettext_noop("no programme in this form"), line=row.line)
            return None
    if len(options) > 1:
        place = row["GEMEENTENAAM"].strip().lower()
        options = [o for o in options if o[2] == place] or options
    if len(options) > 1 and not layout.form:
        # The hbo file counts all forms together; it belongs to the full-time
        # programme when there is one (documented in docs/IMPORT.md).
        options = [o for o in options if o[1] == Form.FULL_TIME] or options
    if len({o[0] for o in options}) > 1:
        result.reject(
            gettext_noop("several programmes match (location unclear)"), line=row.line
        )
        return None
    return options[0][0]


def _write_enrolments(totals, layout, source, result) -> None:
    existing = {(e.programme_id, e.academic_year): e for e in Enrolment.objects.all()}
    linked = set(
        Enrolment.sources.through.objects.filter(datasource=source).values_list(
            "enrolment_id", flat=True
        )
    )
    superseded = set(
        Enrolment.sources.through.objects.filter(
            datasource__key__in=NEWER_FIRST_YEAR_SERIES
        ).values_list("enrolment_id", flat=True)
    )
    new, updated, fields = [], [], set()
    for (programme_id, year), counts in totals.items():
        values = dict(counts)
        if "first_years_men" in values or "first_years_women" in values:
            values["first_years"] = values.get("first_years_men", 0) + values.get(
                "first_years_women", 0
            )
        enrolment = existing.get((programme_id, year))
        if enrolment is None:
            enrolment = Enrolment(programme_id=programme_id, academic_year=year)
            assign_changed(enrolment, values)
            new.append(enrolment)
            result.created += 1
            continue
        if layout.fill_only and enrolment.pk in superseded:
            result.unchanged += 1
            continue
        protected = set()
        if changed := assign_changed(enrolment, values, protected=protected):
            updated.append(enrolment)
            fields.update(changed)
            result.changed += 1
        else:
            result.unchanged += 1
    Enrolment.objects.bulk_create(new, batch_size=500)
    if updated:
        Enrolment.objects.bulk_update(updated, sorted(fields), batch_size=500)
    through = Enrolment.sources.through
    through.objects.bulk_create(
        [
            through(enrolment_id=e.pk, datasource_id=source.pk)
            for e in [*new, *updated]
            if e.pk not in linked
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


# --- Staff edits --------------------------------------------------------------------


@transaction.atomic
def programme_mark_edited(
    *, programme: Programme, fields: Iterable[str], save: bool = True
) -> Programme:
    """Record that staff changed these fields, so imports leave them alone.

    The admin marks the changed form fields before it saves the programme
    (``save=False``), so that an edit is one version, not two.
    """
    edited = sorted(set(programme.edited_fields or ()) | set(fields))
    if edited != programme.edited_fields:
        programme.edited_fields = edited
        if save:
            programme.save(update_fields=["edited_fields"])
    return programme

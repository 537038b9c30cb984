"""Load the demo data set (demo.data) idempotently.

Records are keyed by their natural keys (BRIN, CROHO code + level, institution + study
+ form, survey year, aspect code …), so a second run changes nothing, and when the real
DUO catalogue has been imported the demo figures attach to those real records. The
survey and career figures are CSV files (surveys.csv, careers.csv) read by the same
importers as real files, citing the demo DataSource.
"""

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils.text import slugify

from careers.importing import career_outcomes_import
from programmes.importing.normalise import LEVEL_WORDS
from programmes.models import (
    DEMO_CHANGE_REASON,
    DataSource,
    Enrolment,
    FeeKind,
    Form,
    HonoursProgramme,
    Institution,
    InstitutionKind,
    Municipality,
    Programme,
    Specialisation,
    Study,
    StudyProgress,
    TuitionFee,
)
from public.enrolment_sums import enrolment_sums_refresh_programmes
from public.summaries import summaries_refresh
from surveys.importing import survey_scores_import
from surveys.models import Aspect

from . import data

DEMO_ADMIN_USERNAME = "admin"
# The demo survey and career figures, in the formats of docs/IMPORT.md.
DEMO_DIR = Path(__file__).resolve().parent


@dataclass
class DemoSummary:
    programmes: list[Programme] = field(default_factory=list)
    admin_password: str | None = None
    admin_created: bool = False

    @property
    def reference_programme(self) -> Programme:
        return self.programmes[0]


def _upsert(model: type[models.Model], lookup: dict, values: dict) -> models.Model:
    """Create or update one record, validated like an admin edit would be."""
    instance = model.objects.filter(**lookup).first() or model(**lookup)
    changed = instance.pk is None
    for name, value in values.items():
        if getattr(instance, name, None) != value:
            setattr(instance, name, value)
            changed = True
    if changed:
        instance.full_clean()
        # The version this save writes is demo data's, and the programme's
        # change log says so instead of crediting the editors.
        instance._change_reason = DEMO_CHANGE_REASON
        instance.save()
    return instance


def _unique_slug(model: type[models.Model], text: str, field: str = "slug") -> str:
    base = slugify(text)[:100] or "item"
    slug, number = base, 2
    while model.objects.filter(**{field: slug}).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _municipality(code: str, name: str, province: str) -> Municipality:
    existing = Municipality.objects.filter(code=code).first()
    if existing:
        return existing
    return _upsert(
        Municipality,
        {"code": code},
        {
            "name_nl": name,
            "name_en": name,
            "slug": _unique_slug(Municipality, name),
            "province": province,
        },
    )


def _institution(brin: str, name: str, short_name_en: str, municipality) -> Institution:
    existing = Institution.objects.filter(brin=brin).first()
    if existing:
        if not existing.short_name_en:
            existing.short_name_en = short_name_en
            existing.save(update_fields=["short_name_en"])
        return existing
    return _upsert(
        Institution,
        {"brin": brin},
        {
            "name_nl": name,
            "name_en": name,
            "short_name_en": short_name_en,
            "slug": _unique_slug(Institution, name),
            "kind": InstitutionKind.WO,
            "municipality": municipality,
        },
    )


def _study(
    croho_code: str, level: str, name_nl: str, name_en: str, sector: str = ""
) -> Study:
    """The imported study, or one made with the catalogue facts given (its CROHO
    sector, as DUO publishes it, joins it to CBS's labour-market context)."""
    existing = Study.objects.filter(croho_code=croho_code, level=level).first()
    if existing:
        return existing
    return _upsert(
        Study,
        {"croho_code": croho_code, "level": level},
        {
            "name_nl": name_nl,
            "name_en": name_en,
            "sector": sector,
            "slug": _unique_slug(Study, f"{name_nl}-{level}"),
            "slug_en": _unique_slug(Study, f"{name_en}-{level}", "slug_en"),
        },
    )


def _programme(*, study, institution, source, values: dict) -> Programme:
    """The full-time offer of a study at an institution: the real one if imported."""
    existing = (
        Programme.objects.filter(
            study=study, institution=institution, form=Form.FULL_TIME
        )
        .order_by("location_code")
        .first()
    )
    if existing is not None:
        return _upsert(Programme, {"pk": existing.pk}, values)
    return _upsert(
        Programme,
        {"study": study, "institution": institution, "form": Form.FULL_TIME},
        {
            "slug": _unique_slug(
                Programme,
                f"{study.name_nl} {LEVEL_WORDS.get(study.level, '')} "
                f"{institution.name_nl}",
            ),
            "slug_en": _unique_slug(
                Programme,
                f"{study.name_en} {LEVEL_WORDS.get(study.level, '')} "
                f"{institution.name_en or institution.name_nl}",
                "slug_en",
            ),
            "municipality": institution.municipality,
            "source": source,
            **values,
        },
    )


def _source() -> DataSource:
    values = {k: v for k, v in data.REFERENCE_SOURCE.items() if k != "key"}
    return _upsert(
        DataSource,
        {"key": data.REFERENCE_SOURCE["key"]},
        {**values, "kind": DataSource.Kind.DEMO},
    )


def _reference_programme(source: DataSource) -> Programme:
    city = data.LEIDEN_MUNICIPALITY
    leiden = _municipality(city["code"], city["name"], city["province"])
    _upsert(
        Municipality,
        {"pk": leiden.pk},
        {
            "students": city["students"],
            "students_year": city["students_year"],
            "students_source": source,
        },
    )
    institution = _institution(
        data.LEIDEN["brin"], data.LEIDEN["name"], data.LEIDEN["short_name_en"], leiden
    )
    study = _study(
        data.STUDY["croho_code"],
        data.STUDY["level"],
        data.STUDY["name"],
        data.STUDY["name"],
        data.STUDY["sector"],
    )
    programme = _programme(
        study=study,
        institution=institution,
        source=source,
        values={
            "name_nl": data.STUDY["name"],
            "name_en": data.STUDY["name"],
            **data.REFERENCE_PROGRAMME,
        },
    )
    for position, item in enumerate(data.SPECIALISATIONS):
        _upsert(
            Specialisation,
            {"programme": programme, "name_en": item["name_en"]},
            {**item, "position": position},
        )
    for position, item in enumerate(data.HONOURS):
        _upsert(
            HonoursProgramme,
            {"programme": programme, "name_nl": item["name_nl"]},
            {**item, "position": position},
        )
    for year, amount in data.FEES:
        _upsert(
            TuitionFee,
            {"programme": programme, "academic_year": year, "kind": FeeKind.STATUTORY},
            {"amount": amount, "source": source},
        )
    enrolment = _upsert(
        Enrolment,
        {"programme": programme, "academic_year": data.ENROLMENT["academic_year"]},
        data.ENROLMENT,
    )
    enrolment.sources.add(source)
    _upsert(
        StudyProgress,
        {"programme": programme, "cohort_year": data.PROGRESS["cohort_year"]},
        {**data.PROGRESS, "source": source},
    )
    return programme


def _aspects() -> dict[str, Aspect]:
    aspects = {}
    for position, (code, name_nl, name_en, _description) in enumerate(data.ASPECTS):
        values = {"name_nl": name_nl, "name_en": name_en, "position": position}
        if code == Aspect.Code.SUPPORT:
            values["description_nl"] = data.SUPPORT_DESCRIPTION_NL
            values["description_en"] = data.SUPPORT_DESCRIPTION_EN
        aspects[code] = _upsert(Aspect, {"code": code}, values)
    return aspects


def _figures(source: DataSource) -> None:
    """The demo survey and career figures, through the same importers as real files."""
    for file_name, service in (
        ("surveys.csv", survey_scores_import),
        ("careers.csv", career_outcomes_import),
    ):
        service(
            data=(DEMO_DIR / file_name).read_bytes(),
            file_name=f"demo-{file_name}",
            source=source,
        )


def _biomedical_programmes(reference: Programme, source) -> dict[str, Programme]:
    programmes = {reference.institution.brin: reference}
    for item in data.BIOMEDICAL_PROGRAMMES[1:]:
        code, city, province = item["municipality"]
        institution = _institution(
            item["brin"],
            item["institution"],
            item["short_name_en"],
            _municipality(code, city, province),
        )
        programmes[item["brin"]] = _programme(
            study=reference.study,
            institution=institution,
            source=source,
            values={
                "name_nl": data.STUDY["name"],
                "name_en": data.STUDY["name"],
                "degree_nl": "Master of Science",
                "degree_en": "Master of Science",
                "ects": 120,
                "language": "en",
                "funding": item.get("funding", "government"),
            },
        )
    return programmes


def _other_studies(institution: Institution, source: DataSource) -> list[Programme]:
    programmes = []
    for item in data.OTHER_STUDIES:
        study = _study(item["croho_code"], "WO-MA", item["name_nl"], item["name_en"])
        programmes.append(
            _programme(
                study=study,
                institution=institution,
                source=source,
                values={
                    "degree_nl": item["degree"],
                    "degree_en": item["degree"],
                    "name_nl": item["name_nl"],
                    "name_en": item["name_en"],
                    "ects": item["ects"],
                    "language": item["language"],
                },
            )
        )
    return programmes


def _demo_admin(summary: DemoSummary) -> None:
    """A superuser to try the admin with: only ever on a DEBUG (development) site."""
    if not settings.DEBUG:
        return
    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
        return
    summary.admin_password = f"demo-{secrets.token_urlsafe(9)}"
    user_model.objects.create_superuser(
        DEMO_ADMIN_USERNAME, "admin@example.org", summary.admin_password
    )
    summary.admin_created = True


@transaction.atomic
def demo_load(*, stdout: TextIO | None = None) -> DemoSummary:
    """Load (or refresh) the demo data set; safe to run any number of times."""
    summary = DemoSummary()
    source = _source()
    reference = _reference_programme(source)
    programmes = _biomedical_programmes(reference, source)
    summary.programmes = [
        *programmes.values(),
        *_other_studies(reference.institution, source),
    ]
    _aspects()
    _figures(source)
    _demo_admin(summary)
    summaries_refresh(programme.pk for programme in summary.programmes)
    enrolment_sums_refresh_programmes(
        [programme.pk for programme in summary.programmes]
    )
    return summary

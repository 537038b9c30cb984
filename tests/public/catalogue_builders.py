"""Builders the public pages' tests share: Leiden University and the programmes
an institution offers. The catalogues themselves (their figures, summed by hand)
stay with their tests: conftest.py's `catalogue`, place_pages.py."""

from programmes.models import Form, Language
from tests.programmes.factories import (
    InstitutionFactory,
    MunicipalityFactory,
    ProgrammeFactory,
)


def leiden_university():
    """Universiteit Leiden (Leiden University), in the municipality of Leiden."""
    leiden = MunicipalityFactory(
        name_nl="Leiden", name_en="Leiden", slug="leiden", province="Zuid-Holland"
    )
    return InstitutionFactory(
        name_nl="Universiteit Leiden",
        name_en="Leiden University",
        slug="universiteit-leiden",
        municipality=leiden,
    )


def programme_offered(institution, study, **fields):
    """A published programme of `study` at `institution`, in the institution's
    city, taught in Dutch, full-time, 180 ECTS, unless `fields` say otherwise."""
    defaults = {
        "language": Language.DUTCH,
        "ects": 180,
        "form": Form.FULL_TIME,
        "municipality": institution.municipality,
    }
    return ProgrammeFactory(study=study, institution=institution, **defaults | fields)

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from reports.models import InstitutionLiaison
from reports.roles import CONTENT_EDITORS
from surveys.models import Aspect
from tests.careers.factories import CareerFigureFactory
from tests.programmes.factories import (
    EnrolmentFactory,
    InstitutionFactory,
    ProgrammeFactory,
    SpecialisationFactory,
    StudyFactory,
)
from tests.surveys.factories import AspectFactory, ProgrammeScoreFactory

PASSWORD = "Pw-liaison-2026!"


@pytest.fixture
def two_institutions(db):
    """Institution A (Leiden) and B (Groningen), each with a programme and figures."""
    study = StudyFactory(name_nl="Biomedische wetenschappen", croho_code="66990")
    overall = AspectFactory(code=Aspect.Code.OVERALL, name_nl="Algemeen oordeel")
    data = {}
    for key, brin, name, students, mean in (
        ("A", "21PB", "Universiteit Leiden", 312, "3.90"),
        ("B", "21PC", "Rijksuniversiteit Groningen", 540, "4.10"),
    ):
        institution = InstitutionFactory(brin=brin, name_nl=name, slug=brin.lower())
        programme = ProgrammeFactory(
            study=study,
            institution=institution,
            name_nl=f"BMW {name}",
            slug=f"bmw-{brin.lower()}",
        )
        SpecialisationFactory(programme=programme, name_nl=f"Track van {name}")
        EnrolmentFactory(programme=programme, academic_year=2023, students=students)
        EnrolmentFactory(programme=programme, academic_year=2024, students=students + 1)
        ProgrammeScoreFactory(programme=programme, aspect=overall, mean=mean)
        data[key] = {"institution": institution, "programme": programme}
    CareerFigureFactory(outcome__study=study, value=2909, respondents=100)
    return data


def _user(username, **extra):
    return get_user_model().objects.create_user(username, password=PASSWORD, **extra)


@pytest.fixture
def users(two_institutions):
    liaison_a = _user("liaison-a", is_staff=True)
    InstitutionLiaison.objects.create(
        user=liaison_a, institution=two_institutions["A"]["institution"]
    )
    liaison_b = _user("liaison-b", is_staff=True)
    InstitutionLiaison.objects.create(
        user=liaison_b, institution=two_institutions["B"]["institution"]
    )
    editor = _user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    superuser = get_user_model().objects.create_superuser("root", password=PASSWORD)
    return {
        "anonymous": None,
        "liaison_a": liaison_a,
        "liaison_b": liaison_b,
        "editor": editor,
        "superuser": superuser,
        "no_role": _user("visitor"),
        "staff": _user("staff-without-permissions", is_staff=True),
    }

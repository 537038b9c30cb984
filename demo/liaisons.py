"""Demo liaisons to try the reports with: only ever on a DEBUG (development) site."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model

from programmes.models import Institution
from reports.models import InstitutionLiaison

# (username, BRIN): Universiteit Leiden (the reference programme) and one other.
DEMO_LIAISONS = [("liaison-leiden", "21PB"), ("liaison-groningen", "21PC")]


def demo_liaisons() -> list[tuple[str, str, str]]:
    """Create the demo liaisons that don't exist yet: (username, password, institution)."""
    if not settings.DEBUG:
        return []
    created = []
    user_model = get_user_model()
    for username, brin in DEMO_LIAISONS:
        institution = Institution.objects.filter(brin=brin).first()
        if institution is None or user_model.objects.filter(username=username).exists():
            continue
        password = f"demo-{secrets.token_urlsafe(9)}"
        user = user_model.objects.create_user(
            username, f"{username}@example.org", password, is_staff=True
        )
        InstitutionLiaison.objects.create(user=user, institution=institution)
        created.append((username, password, institution.name))
    return created

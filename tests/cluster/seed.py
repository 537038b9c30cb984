"""The journey's starting data, made on the cluster's primary by
`manage.py shell -c "from tests.cluster.seed import main; main()"` with the
cluster's environment: an editor, a liaison and one published programme, all
labelled as test data. Prints the addresses the journey needs, as JSON."""

import json

PASSWORD = "Cluster-journey-2026!"


def main():
    from django.contrib.auth import get_user_model
    from django.urls import reverse
    from django.utils import translation

    from programmes.models import Programme
    from reports.models import InstitutionLiaison
    from tests.programmes.factories import (
        EnrolmentFactory,
        InstitutionFactory,
        ProgrammeFactory,
        StudyFactory,
    )

    users = get_user_model().objects
    # Run again on the same cluster, it starts from the same state.
    editor, _created = users.get_or_create(username="cluster-editor")
    liaison, _created = users.get_or_create(username="cluster-liaison")
    for user, superuser in ((editor, True), (liaison, False)):
        user.is_staff, user.is_superuser = True, superuser
        user.set_password(PASSWORD)
        user.save()
    institution = InstitutionFactory(
        brin="21PB",
        name_nl="Testhogeschool (testgegevens)",
        name_en="Test University (test data)",
    )
    programme = Programme.objects.filter(
        study__croho_code="66990"
    ).first() or ProgrammeFactory(
        study=StudyFactory(croho_code="66990"), institution=institution
    )
    programme.name_nl = "Clusterkunde (testgegevens)"
    programme.name_en = "Cluster studies (test data)"
    programme.is_published = True
    programme.image = ""
    programme.save()
    InstitutionLiaison.objects.get_or_create(user=liaison, institution=institution)
    if not programme.enrolments.exists():
        EnrolmentFactory(programme=programme, academic_year=2024, students=312)
    with translation.override("nl"):
        urls = {
            "programme": programme.get_absolute_url(),
            "listing": reverse("programmes:programme_list"),
            "admin_login": reverse("admin:login"),
            "admin_index": reverse("admin:index"),
            "programme_change": reverse(
                "admin:programmes_programme_change", args=[programme.pk]
            ),
            "import_upload": reverse("admin:programmes_importrun_upload"),
            "import_runs": reverse("admin:programmes_importrun_changelist"),
            "reports_login": reverse("reports:login"),
            "reports": reverse("reports:reports"),
        }
    print(json.dumps({"urls": urls, "password": PASSWORD, "brin": institution.brin}))

from django.core.management.base import BaseCommand

from demo.liaisons import demo_liaisons
from demo.loader import DEMO_ADMIN_USERNAME, demo_load


class Command(BaseCommand):
    help = "Load the demo data (the reference programme and demo figures); idempotent."

    def handle(self, *args, **options):
        summary = demo_load()
        reference = summary.reference_programme
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {len(summary.programmes)} programmes "
                "(survey and career figures are demo data, not real)."
            )
        )
        self.stdout.write(f"Reference programme: {reference.get_absolute_url()}")
        if summary.admin_created:
            self.stdout.write(
                self.style.WARNING(
                    f"Demo admin (development only): http://127.0.0.1:8000/nl/admin/ "
                    f"user {DEMO_ADMIN_USERNAME!r}, password {summary.admin_password!r}"
                )
            )
        else:
            self.stdout.write(
                f"No admin user created (exists already, or DEBUG is off). "
                f"Reset it with: python manage.py changepassword {DEMO_ADMIN_USERNAME}"
            )
        for username, password, institution in demo_liaisons():
            self.stdout.write(
                self.style.WARNING(
                    f"Demo liaison of {institution} (development only): "
                    f"http://127.0.0.1:8000/nl/rapportages/ user {username!r}, "
                    f"password {password!r}"
                )
            )

"""Remove previewed import files that can no longer be confirmed (older than an
hour). Storing an upload does the same; this is for a quiet portal's cron."""

from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from programmes.importing.uploads import upload_remove_expired


class Command(BaseCommand):
    help = "Remove previewed import files older than an hour."

    def handle(self, *args, **options):
        removed = upload_remove_expired()
        self.stdout.write(
            ngettext(
                "%(count)s expired upload removed.",
                "%(count)s expired uploads removed.",
                removed,
            )
            % {"count": removed}
        )

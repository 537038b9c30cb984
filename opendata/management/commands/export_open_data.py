from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from opendata.services import open_data_export


class Command(BaseCommand):
    help = "Write the open data files (programmes.csv, the data dictionary, the zip)."

    def handle(self, *args, **options):
        written = open_data_export()
        for generated in written.values():
            self.stdout.write(
                gettext("%(name)s: %(size)s bytes")
                % {"name": generated.name, "size": generated.size}
            )

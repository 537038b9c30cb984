"""Make the srcset renditions of programme images that lack them: images stored
before renditions were made, or put there other than through the admin."""

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils.translation import ngettext

from programmes.models import Programme
from programmes.renditions import make_renditions, rendition_widths, stored_renditions


class Command(BaseCommand):
    help = "Make the narrower copies of programme images that the page's srcset offers."

    def handle(self, *args, **options):
        made = 0
        with_image = Programme.objects.exclude(image="").only("image", "image_width")
        for programme in with_image.iterator():
            image, width = programme.image, programme.image_width
            missing = len(rendition_widths(width)) > len(
                stored_renditions(image, width)
            )
            if missing and default_storage.exists(image.name):
                make_renditions(image)
                made += 1
        self.stdout.write(
            ngettext(
                "Renditions made for %(count)s image.",
                "Renditions made for %(count)s images.",
                made,
            )
            % {"count": made}
        )

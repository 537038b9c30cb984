"""Give pages that got English names later (an institution's, say) their English
slugs, and drop the cached pages that link to the old ones: pages whose English
slug is an editor's or the import's own are kept."""

from django.core.management.base import BaseCommand
from django.db import transaction

from programmes.importing.english_slugs import english_slugs_fill
from programmes.models import Institution, Municipality, Programme, Study
from public.caching import invalidate_public_pages


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = english_slugs_fill(
                municipality=Municipality,
                institution=Institution,
                study=Study,
                programme=Programme,
                keep_chosen=True,
            )
        # A bulk update sends no signal: the cached pages link to the old slugs.
        invalidate_public_pages()
        self.stdout.write(f"English slugs given: {changed}")

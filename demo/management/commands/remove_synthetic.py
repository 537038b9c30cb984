from django.core.management.base import BaseCommand

from demo.synthetic.removal import synthetic_remove


class Command(BaseCommand):
    help = (
        "Remove the synthetic data set of generate_synthetic; real and demo data stay."
    )

    def handle(self, *args, **options):
        result = synthetic_remove()
        details = ", ".join(
            f"{count} {name}" for name, count in result.deleted.items() if count
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {result.programmes} synthetic programmes in "
                f"{result.seconds:.1f} s ({details or 'nothing to remove'})."
            )
        )

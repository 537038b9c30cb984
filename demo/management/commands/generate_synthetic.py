import argparse

from django.core.management.base import BaseCommand, CommandError

from demo.synthetic.generator import SyntheticDataError, synthetic_generate
from figures.numbers import NotAnInteger, parse_int
from programmes.importing.progress import ProgressBar


def programme_count(text: str) -> int:
    """ASCII digits, at most seven: ten million programmes is past any test.

    A sign is read, so that "-5" gets the generator's own "at least 1".
    """
    try:
        return parse_int(text, signed=True, max_digits=7)
    except NotAnInteger:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number of at most 7 digits"
        ) from None


def random_seed(text: str) -> int:
    try:
        return parse_int(text, signed=True)
    except NotAnInteger:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


class Command(BaseCommand):
    help = (
        "Generate a synthetic data set (labelled as not real) of N programmes with "
        "their studies, institutions and figures, for tests at scale. Remove it "
        "with remove_synthetic."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--programmes",
            type=programme_count,
            required=True,
            help="How many (at least 1).",
        )
        parser.add_argument(
            "--seed", type=random_seed, default=0, help="Random seed (default 0)."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove an existing synthetic set first instead of stopping.",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Do not draw a progress bar on standard error.",
        )

    def handle(self, *args, programmes, seed, replace, no_progress, **options):
        progress = None if no_progress else ProgressBar(self.stderr)
        try:
            result = synthetic_generate(
                programmes=programmes, seed=seed, replace=replace, progress=progress
            )
        except SyntheticDataError as error:
            raise CommandError(str(error)) from None
        origin = (
            "the real catalogue"
            if result.from_real_catalogue
            else "built-in distributions (no real catalogue in the database)"
        )
        timings = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Synthetic data (not real): {result.programmes} programmes, "
                f"{result.studies} studies, {result.institutions} institutions, "
                f"drawn from {origin}. {timings}."
            )
        )

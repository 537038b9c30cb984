"""Command arguments that are numbers take ASCII digits only, with a clear error."""

import pytest
from django.core.management import CommandError, call_command

from programmes.models import Programme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--programmes", "١٢"], "'١٢' is not a whole number of at most 7 digits"),
        (["--programmes", "１２"], "'１２' is not a whole number of at most 7 digits"),
        (["--programmes", "²"], "'²' is not a whole number of at most 7 digits"),
        (["--programmes", "99999999"], "at most 7 digits"),
        (["--programmes", "2", "--seed", "٣"], "'٣' is not a whole number"),
    ],
)
def test_generate_synthetic_refuses_numbers_in_other_scripts(arguments, message):
    """int() would read '١٢' as 12 and generate twelve programmes nobody asked for."""
    with pytest.raises(CommandError, match=message):
        call_command("generate_synthetic", *arguments, "--no-progress")
    assert not Programme.objects.exists()

"""One rule for what a whole number looks like: ASCII digits, bounded."""

import pytest

from figures.numbers import NotAnInteger, TooManyDigits, parse_int


@pytest.mark.parametrize(
    ("text", "number"), [("0", 0), ("7", 7), ("007", 7), ("2024", 2024)]
)
def test_ascii_digits_are_read(text, number):
    assert parse_int(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "²",  # superscript: str.isdigit() passes it, int() refuses it
        "2²",
        "١٢",  # Arabic-Indic and full-width digits: int() reads them as 12
        "１２",
        "12\n",
        " 12",
        "1_000",
        "1.0",
        "",
        "-",
        "-3",  # no sign unless the caller allows one
        "+3",
    ],
)
def test_anything_else_is_not_an_integer(text):
    with pytest.raises(NotAnInteger):
        parse_int(text)


def test_a_sign_only_where_allowed():
    assert parse_int("-3", signed=True) == -3
    assert parse_int("+3", signed=True) == 3
    with pytest.raises(NotAnInteger):
        parse_int("--3", signed=True)


def test_the_number_of_digits_is_bounded():
    assert parse_int("999999", max_digits=6) == 999999
    assert parse_int("-999999", signed=True, max_digits=6) == -999999
    with pytest.raises(TooManyDigits):
        parse_int("1000000", max_digits=6)
    with pytest.raises(TooManyDigits):
        parse_int("9" * 19)  # never more than a 64-bit column holds

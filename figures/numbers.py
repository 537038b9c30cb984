"""Whole numbers typed by people or written in files: ASCII digits, nothing else.

Python's int() reads any Unicode decimal digit ("١٢" and "１２" are 12) and
str.isdigit() also passes superscripts ("²") that int() then refuses: checking with
one and converting with the other is how `?page=²` became a server error. Every
integer that comes from outside (query strings, form fields, CSV cells, command
arguments) is read with parse_int, so one rule decides what a number looks like.

This module sits at the bottom with figures.publication: it imports no app, and every
app may import it.
"""

import re

DIGITS = re.compile(r"[0-9]+")
SIGNED_DIGITS = re.compile(r"[+-]?[0-9]+")
# 18 digits always fit a 64-bit integer column; callers bound it further.
MAX_DIGITS = 18


class NotAnInteger(ValueError):
    """Not a whole number written with the digits 0-9 (and, if allowed, a sign)."""


class TooManyDigits(NotAnInteger):
    """A whole number with more digits than the caller accepts."""


def parse_int(text: str, *, signed: bool = False, max_digits: int = MAX_DIGITS) -> int:
    """The integer ``text`` spells, or NotAnInteger / TooManyDigits.

    No surrounding spaces, no digit-group separators, no other scripts' digits:
    callers strip what their format allows. Leading zeros are fine ("007" is 7).
    """
    pattern = SIGNED_DIGITS if signed else DIGITS
    if not isinstance(text, str) or not pattern.fullmatch(text):
        raise NotAnInteger(text)
    if len(text.lstrip("+-")) > max_digits:
        raise TooManyDigits(text)
    return int(text)

"""A progress bar for the import commands, with nothing but the standard library.

On a terminal it redraws one line (`[#####     ] 52% 1900/3660 rows`); in a log
file or a pipe, where carriage returns make a mess, it writes a line at every
tenth of the way instead.
"""

from typing import TextIO

from django.core.management.base import OutputWrapper

WIDTH = 30


def _plain(text: str) -> str:
    return text


class ProgressBar:
    """A Progress callback (programmes.importing.base) that draws on a stream."""

    def __init__(self, stream: TextIO | OutputWrapper, *, interactive=None):
        self.stream = stream
        self.interactive = stream.isatty() if interactive is None else interactive
        self._last_tenth = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        if self.interactive:
            filled = WIDTH * percent // 100
            bar = "#" * filled + " " * (WIDTH - filled)
            self._write(f"\r[{bar}] {percent:3d}% {done}/{total} rows")
            if done >= total:
                self._write("\n")
        elif (tenth := percent // 10) > self._last_tenth:
            self._last_tenth = tenth
            self._write(f"{percent:3d}% {done}/{total} rows\n")
        self.stream.flush()

    def _write(self, text: str) -> None:
        # Django's OutputWrapper would end every write with a newline and colour
        # standard error as an error.
        if isinstance(self.stream, OutputWrapper):
            self.stream.write(text, style_func=_plain, ending="")
        else:
            self.stream.write(text)

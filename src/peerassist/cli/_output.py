"""Terminal output for the command line: plain when piped, coloured on a TTY."""

from __future__ import annotations

import os
import sys
from typing import TextIO

_COLOURS = {"error": "31", "warning": "33", "info": "36", "ok": "32", "bold": "1"}


class Output:
    """Writes to stdout/stderr, colouring only a terminal that wants colour."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.colour = _wants_colour(self.out)

    def paint(self, text: str, style: str) -> str:
        """Wrap ``text`` in the colour of ``style`` when colour is on."""
        if not self.colour or style not in _COLOURS:
            return text
        return f"\x1b[{_COLOURS[style]}m{text}\x1b[0m"

    def print(self, text: str = "") -> None:
        """Write a line to stdout."""
        self.out.write(text + "\n")

    def error(self, text: str) -> None:
        """Write a paragraph to stderr."""
        self.err.write(text.rstrip("\n") + "\n")


def _wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"

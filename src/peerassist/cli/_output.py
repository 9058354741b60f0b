"""Terminal output for the command line: plain when piped, coloured on a TTY.

Everything written is made safe for a terminal first: control characters
(C0 but newline and tab, DEL, C1 such as U+009B, which a terminal reads as
the start of a control sequence), bidirectional overrides and isolates,
zero-width characters and lone surrogates are shown escaped (``\\u202e``),
so a file cannot move the cursor, recolour the screen or reorder what is
shown. Only the colours this module adds itself are sent as escape codes.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from typing import TextIO

_COLOURS = {"error": "31", "warning": "33", "info": "36", "ok": "32", "bold": "1"}

UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
"""Characters never written raw to a terminal."""


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """Return ``text`` with every character a terminal would act on shown escaped.

    Newlines and tabs are kept.

    Example:
        >>> terminal_safe("ana\\u202egro.elpmaxe@\\x9b2J")
        'ana\\\\u202egro.elpmaxe@\\\\x9b2J'
    """
    return UNSAFE.sub(_escape_one, text)


class Output:
    """Writes to stdout/stderr, colouring only a terminal that wants colour."""

    def __init__(self, out: TextIO | None = None, err: TextIO | None = None) -> None:
        self.out = out if out is not None else sys.stdout
        self.err = err if err is not None else sys.stderr
        self.colour = _wants_colour(self.out)
        # Colours are marked with a secret no input can guess, and turned into
        # escape codes only after everything else has been made safe.
        self._mark = f"\x1b{secrets.token_hex(8)}:"
        self._painted = re.compile(re.escape(self._mark) + r"(\d+)\x1b")

    def paint(self, text: str, style: str) -> str:
        """Wrap ``text`` in the colour of ``style`` when colour is on."""
        if not self.colour or style not in _COLOURS:
            return text
        return f"{self._mark}{_COLOURS[style]}\x1b{text}{self._mark}0\x1b"

    def _safe(self, text: str) -> str:
        if not self.colour:
            return terminal_safe(text)
        pieces = self._painted.split(text)
        # split() alternates text and the captured colour numbers.
        return "".join(
            terminal_safe(piece) if index % 2 == 0 else f"\x1b[{piece}m"
            for index, piece in enumerate(pieces)
        )

    def print(self, text: str = "") -> None:
        """Write a line to stdout."""
        self.out.write(self._safe(text) + "\n")

    def error(self, text: str) -> None:
        """Write a paragraph to stderr."""
        self.err.write(self._safe(text.rstrip("\n")) + "\n")

    def flush(self) -> None:
        """Flush stdout (so a closed pipe is noticed while the command still runs)."""
        self.out.flush()


def _wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"

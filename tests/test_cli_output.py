"""Terminal output: untrusted characters escaped, only our own colours sent raw."""

from __future__ import annotations

import io

import pytest

from peerassist.cli._output import Output, terminal_safe


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain text, tabs\tand\nnewlines", "plain text, tabs\tand\nnewlines"),
        ("csi \x9b2J", "csi \\x9b2J"),
        ("esc \x1b[2J and bell \x07", "esc \\x1b[2J and bell \\x07"),
        ("carriage\rreturn", "carriage\\x0dreturn"),
        ("del \x7f", "del \\x7f"),
        ("ana\u202egro.elpmaxe@", "ana\\u202egro.elpmaxe@"),
        ("isolate \u2066x\u2069", "isolate \\u2066x\\u2069"),
        ("zero\u200bwidth and \ufeffbom", "zero\\u200bwidth and \\ufeffbom"),
        ("lone \ud800", "lone \\ud800"),
        ("Zoë 李 🎉", "Zoë 李 🎉"),
    ],
)
def test_terminal_safe_escapes_what_a_terminal_would_act_on(text: str, shown: str) -> None:
    """Control, bidi, zero-width and surrogate characters are escaped; the rest is kept."""
    assert terminal_safe(text) == shown


def test_print_and_error_escape_without_colour() -> None:
    """Without colour, both streams get escaped text."""
    out, err = io.StringIO(), io.StringIO()
    output = Output(out, err)
    assert not output.colour
    output.print("title \x1b[31mred\u202e")
    output.error("problem \x9b")
    assert out.getvalue() == "title \\x1b[31mred\\u202e\n"
    assert err.getvalue() == "problem \\x9b\n"


def test_with_colour_only_our_own_colours_are_sent_raw(monkeypatch: pytest.MonkeyPatch) -> None:
    """A painted label keeps its escape codes; an escape code from the data does not."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = io.StringIO()
    output = Output(out, io.StringIO())
    assert output.colour
    output.print(output.paint("[error]", "error") + " from file: \x1b[32mfake\x1b[0m")
    assert out.getvalue() == "\x1b[31m[error]\x1b[0m from file: \\x1b[32mfake\\x1b[0m\n"

"""``peerassist report``: the documents the method asks for, and ``plan``'s briefing pack."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from peerassist._time import DateTime
from peerassist.cli._commands import CommandError, _load, _now, _write
from peerassist.cli._output import Output
from peerassist.exceptions import DocumentError
from peerassist.model import PeerAssist

__all__ = ["add_report_parser", "cmd_report", "write_briefing"]

_KINDS = ("briefing", "record", "actions", "aar", "lessons")

EXIT_NOT_READY = 1


def add_report_parser(sub: Any) -> None:
    """Add the ``report`` subcommand to the parser's subcommands."""
    report = sub.add_parser(
        "report",
        help="write a document: briefing pack, meeting record, action list, review or lessons",
    )
    report.add_argument("file", metavar="FILE", help="an assist as .toml or .json")
    report.add_argument(
        "--kind",
        required=True,
        choices=_KINDS,
        help="briefing (sent in advance), record (the meeting), actions (sent back"
        " to the visitors), aar (After Action Review) or lessons",
    )
    report.add_argument("--format", choices=("html", "markdown"), default="html")
    report.add_argument(
        "--out", metavar="PATH", help="the file to write (default: standard output)"
    )
    report.add_argument(
        "--templates", metavar="DIR", help="a folder of templates overriding the packaged ones"
    )
    report.add_argument(
        "--now",
        metavar="TIME",
        help="the current time, e.g. 2027-03-01T09:00:00Z (default: the clock)",
    )


def cmd_report(args: argparse.Namespace, out: Output) -> int:
    """Render one document; exit 1 when the assist is not ready for it."""
    from peerassist.documents import render

    assist = _load(args.file, args)
    now = _now(args)
    try:
        text = render(assist, args.kind, format=args.format, now=now, templates=args.templates)
    except DocumentError as error:
        if not error.problems:
            raise CommandError(str(error)) from None
        out.error(f"peerassist report: {args.file}: {error}")
        return EXIT_NOT_READY
    if args.out:
        path = Path(args.out)
        _write(path, text)
        out.print(f"Wrote {path}: the {args.kind} of {assist.id!r} as {args.format}.")
    else:
        out.print(text.rstrip("\n"))
    return 0


def write_briefing(assist: PeerAssist, folder: Path, now: DateTime) -> tuple[str, str]:
    """Write ``briefing.html`` and ``briefing.md`` into ``folder`` when the assist is ready.

    Returns:
        ``(names, what)`` for ``plan``'s summary: the files written and a
        line about them, or an empty name and why nothing was written.
    """
    from peerassist.documents import render

    try:
        html = render(assist, "briefing", format="html", now=now)
        markdown = render(assist, "briefing", format="markdown", now=now)
    except DocumentError as error:
        first = error.problems[0] if error.problems else None
        return "", f"briefing pack: {first if first is not None else error}"
    _write(folder / "briefing.html", html)
    _write(folder / "briefing.md", markdown)
    return "briefing.html, .md", f"the briefing pack for {len(assist.visitors)} visitor(s)"

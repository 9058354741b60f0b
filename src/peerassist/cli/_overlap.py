"""``peerassist overlap FILE``: the working hours everyone shares, or the least-bad times (X05)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from peerassist.cli._output import Output
from peerassist.exceptions import InputError

__all__ = ["add_overlap_parser", "cmd_overlap"]


def add_overlap_parser(sub: Any, add_file: Any) -> None:
    """Register the ``overlap`` subcommand on the parser's subcommands."""
    overlap = sub.add_parser(
        "overlap",
        help="find the working hours every participant shares, or the least-bad times (X05)",
    )
    add_file(overlap)
    overlap.add_argument(
        "--on",
        metavar="DATE",
        help="the first day to search, YYYY-MM-DD (default: the first meeting day)",
    )
    overlap.add_argument(
        "--days", type=int, default=1, metavar="N", help="how many days to search (default 1)"
    )
    overlap.add_argument(
        "--length",
        type=int,
        metavar="MINUTES",
        help="the meeting's length (default: the longest meeting window, else 60)",
    )
    overlap.add_argument("--format", choices=("text", "json"), default="text")


def cmd_overlap(args: argparse.Namespace, out: Output) -> int:
    """Print the shared window, or the three least-bad candidates with everyone's local time."""
    from peerassist._time import Date, DateTime, parse_date
    from peerassist.agenda import overlap_report
    from peerassist.cli._commands import _load

    assist = _load(args.file, args)
    people = [p for p, _ in assist.participants() if p.timezone is not None]
    windows = assist.logistics.windows
    zone = assist.logistics.zone or assist.host.caller.timezone or "UTC"
    if args.on is not None:
        day: Date = parse_date(args.on, "--on")
    elif windows:
        first = windows[0].start
        day = Date(first.year, first.month, first.day)
    else:
        raise InputError.single(
            "--on", "a date to search (the assist has no meeting windows yet)", "none"
        )
    if args.days < 1 or args.days > 31:
        raise InputError.single("--days", "a number of days from 1 to 31", str(args.days))
    if args.length is not None:
        if args.length < 1:
            raise InputError.single("--length", "a positive number of minutes", str(args.length))
        length = dt.timedelta(minutes=args.length)
    elif windows:
        length = max((w.end - w.start for w in windows), key=lambda d: d.total_seconds())
    else:
        length = dt.timedelta(minutes=60)
    last = day.add(days=args.days)
    start = DateTime.create(day.year, day.month, day.day, tz=zone)
    end = DateTime.create(last.year, last.month, last.day, tz=zone)
    report = overlap_report(people or [zone], length, between=(start, end))
    if args.format == "json":
        out.print(json.dumps(_data(report), indent=2, ensure_ascii=False))
    else:
        out.print(f"{args.file}: {assist.title} ({len(people)} participant(s) with a zone)")
        out.print(report.to_text().rstrip("\n"))
    return 0


def _data(report: Any) -> dict[str, Any]:
    def view(p: Any) -> dict[str, Any]:
        return {
            "who": p.who,
            "zone": p.zone,
            "start": p.start.isoformat(),
            "end": p.end.isoformat(),
            "outside_minutes": p.outside_minutes,
        }

    window = report.window
    return {
        "shared": None
        if window is None
        else {"start": window.start.isoformat(), "end": window.end.isoformat()},
        "people": [view(p) for p in report.people],
        "candidates": [
            {
                "start": c.start.isoformat(),
                "end": c.end.isoformat(),
                "outside_minutes": c.outside_minutes,
                "worst_minutes": c.worst_minutes,
                "people": [view(p) for p in c.people],
            }
            for c in report.candidates
        ],
    }

"""The agenda options of ``peerassist agenda`` and ``plan``: --preset, --tolerance, --for."""

from __future__ import annotations

import argparse
import re
from typing import Any

from peerassist.exceptions import InputError

__all__ = ["add_agenda_options", "agenda_options", "local_notes"]

_MINUTES = re.compile(r"\s*(\d{1,4})\s*(?:m|min|minutes?)?\s*")


def add_agenda_options(parser: argparse.ArgumentParser) -> None:
    """Add --preset and --tolerance to a subcommand's parser."""
    parser.add_argument(
        "--preset",
        metavar="NAME",
        help="agenda preset: half-day, one-day, one-and-a-half-days, two-days, virtual-clinic"
        " (default: the file's [agenda] table, else the one that fits the windows)",
    )
    parser.add_argument(
        "--tolerance",
        metavar="MINUTES",
        help="how many minutes the longest quarter may exceed the shortest",
    )


def agenda_options(args: argparse.Namespace) -> dict[str, Any]:
    """The planner options given on the command line (none when left out).

    Raises:
        InputError: naming ``--preset`` or ``--tolerance`` when bad.
    """
    from peerassist._time import duration
    from peerassist.agenda import PRESETS

    found: dict[str, Any] = {}
    preset = getattr(args, "preset", None)
    if preset is not None:
        if preset not in PRESETS:
            raise InputError.single("--preset", f"one of {', '.join(PRESETS)}", repr(preset))
        found["preset"] = preset
    tolerance = getattr(args, "tolerance", None)
    if tolerance is not None:
        match = _MINUTES.fullmatch(tolerance)
        if match is None:
            raise InputError.single(
                "--tolerance", "a whole number of minutes, like 10", repr(tolerance)
            )
        found["tolerance"] = duration(minutes=int(match.group(1)))
    return found


def local_notes(agenda: Any) -> list[str]:
    """Notes on the meeting days whose clocks changed overnight, in the agenda's shown zone.

    A day's note says the offset moved since the same time the day before,
    so a reader knows that day's times are on the changed clock.
    """
    import datetime as dt

    notes = []
    for day in agenda.days:
        if not any(s.in_window for s in day.slots):
            continue
        first = day.slots[0].start
        before = first - dt.timedelta(hours=24)
        if first.utcoffset() != before.utcoffset():
            notes.append(
                f"Note: on {day.date:%a %Y-%m-%d} the clocks in {agenda.zone} have changed"
                f" overnight (UTC{before:%z} -> UTC{first:%z}); the times shown are local."
            )
    return notes

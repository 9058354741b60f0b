"""The assist file's ``[agenda]`` table as the planner's options."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from peerassist._time import duration
from peerassist.agenda._presets import Pause
from peerassist.exceptions import InputError
from peerassist.model import AgendaOptions, PauseOption

__all__ = ["planner_options"]


def _clock(text: str | None) -> _dt.time | None:
    if text is None:
        return None
    hours, minutes = text.split(":")
    return _dt.time(int(hours), int(minutes))


def _pause(option: PauseOption, title: str, path: str) -> Pause | None:
    if option.length == 0:
        return None
    try:
        return Pause(
            length=duration(minutes=option.length),
            earliest=_clock(option.earliest),
            latest=_clock(option.latest),
            title=option.title or title,
        )
    except InputError as err:
        raise err.at(path) from None


def planner_options(options: AgendaOptions | None) -> dict[str, Any]:
    """Return the keyword options for the planners that ``options`` sets.

    Fields left out of the table are left out here, so the preset gives them.

    Raises:
        InputError: a pause whose window cannot hold it, named by its path
            under ``agenda``.
    """
    if options is None:
        return {}
    found: dict[str, Any] = {}
    if options.preset is not None:
        found["preset"] = options.preset
    for name in ("tolerance", "opening", "closing"):
        minutes = getattr(options, name)
        if minutes is not None:
            found[name] = duration(minutes=minutes)
    if options.min_piece is not None:
        found["min_piece"] = duration(minutes=options.min_piece)
    if options.breaks is not None:
        breaks = (_pause(b, "Break", f"agenda.breaks[{i}]") for i, b in enumerate(options.breaks))
        found["breaks"] = tuple(b for b in breaks if b is not None)
    if options.lunch is not None:
        found["lunch"] = _pause(options.lunch, "Lunch", "agenda.lunch")
    if options.quarters is not None:
        found["quarters"] = tuple(options.quarters)
    return found

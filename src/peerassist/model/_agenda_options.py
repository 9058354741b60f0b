"""How the facilitator wants the agenda laid out: the ``[agenda]`` table (M15-M17).

Plain values a TOML file holds well: a preset's name, lengths in whole
minutes and local times as ``"HH:MM"`` text. The agenda planner reads them
(:func:`peerassist.agenda.agenda_for`); options given to it in code or on
the command line win over these.
"""

from __future__ import annotations

import re

from peerassist._attrs import frozen
from peerassist.model._check import Checker, found

__all__ = ["AgendaOptions", "PauseOption"]

_CLOCK = re.compile(r"([01][0-9]|2[0-3]):([0-5][0-9])")


def _check_clock(c: Checker, name: str) -> None:
    value = getattr(c.obj, name)
    if value is None:
        return
    if not isinstance(value, str) or not _CLOCK.fullmatch(value):
        c.add(name, 'a local time as "HH:MM", like "10:15"', found(value))


def _check_minutes(c: Checker, name: str, *, minimum: int) -> None:
    value = getattr(c.obj, name)
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        c.add(name, f"a whole number of minutes, at least {minimum}", found(value))


@frozen(kw_only=True)
class PauseOption:
    """A break or lunch: its length and the window of local times it may lie in.

    Attributes:
        length: how long it lasts, in minutes; 0 for none (a lunch left out).
        earliest: the earliest local start, ``"HH:MM"``, or None for the
            day's free time.
        latest: the latest local end, ``"HH:MM"``, or None.
        title: what to call it; None for "Break" or "Lunch".
    """

    length: int
    earliest: str | None = None
    latest: str | None = None
    title: str | None = None

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        _check_minutes(c, "length", minimum=0)
        _check_clock(c, "earliest")
        _check_clock(c, "latest")
        c.optional_text("title")
        c.done()
        if self.earliest is not None and self.latest is not None and self.latest <= self.earliest:
            c.add("latest", f"a time after earliest ({self.earliest})", self.latest)
        c.done()


@frozen(kw_only=True)
class AgendaOptions:
    """The agenda's options, as the assist file's ``[agenda]`` table holds them.

    Every field is optional: what is left out comes from the preset.

    Attributes:
        preset: a built-in preset's name (``one-day``, ``half-day``...), or
            None for the one that fits the meeting's windows.
        tolerance: how many minutes the longest quarter may exceed the
            shortest (M17: "roughly" equal), or None for the policy's.
        min_piece: the shortest piece of a quarter, in minutes, beside a
            break, lunch or a day's end, or None for the policy's.
        opening: the opening's length in minutes.
        closing: the closing's length in minutes.
        breaks: the breaks, each a length and a window; None for the
            preset's, an empty list for none.
        lunch: lunch, a length and a window (length 0 for none); None for
            the preset's.
        quarters: the four quarters' intended lengths in minutes, for
            unequal quarters; each between 15% and 35% of their sum (M17).
    """

    preset: str | None = None
    tolerance: int | None = None
    min_piece: int | None = None
    opening: int | None = None
    closing: int | None = None
    breaks: tuple[PauseOption, ...] | None = None
    lunch: PauseOption | None = None
    quarters: tuple[int, ...] | None = None

    def __attrs_post_init__(self) -> None:
        from peerassist.agenda._presets import PRESETS, check_quarters

        c = Checker(self)
        if self.preset is not None and (
            not isinstance(self.preset, str) or self.preset not in PRESETS
        ):
            c.add("preset", f"one of {', '.join(PRESETS)}", found(self.preset))
        _check_minutes(c, "tolerance", minimum=0)
        _check_minutes(c, "min_piece", minimum=1)
        _check_minutes(c, "opening", minimum=0)
        _check_minutes(c, "closing", minimum=0)
        if self.breaks is not None:
            c.items("breaks", PauseOption)
        c.instance("lunch", PauseOption, optional=True)
        if self.quarters is not None:
            check_quarters(c, "quarters", self.quarters)
            quarters: object = self.quarters
            if isinstance(quarters, list):
                c.set("quarters", tuple(quarters))
        c.done()

"""Lay out the slots of a meeting inside its day windows.

The planners (:func:`~peerassist.agenda.plan_agenda` and
:func:`~peerassist.agenda.agenda_for`) decide the windows; this module fills
them: the fixed blocks at the start of the first day and the end of the last,
the pauses at their local times, and the four quarters in the free time
between, split by :func:`~peerassist.agenda._split.split_quarters`.

Instants are computed as whole seconds since the epoch (absolute time, cheap
to compare and add) and shown in the meeting's zone; local wall times become
instants only through :func:`local_instant`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from peerassist._attrs import frozen
from peerassist._time import UTC, Date, DateTime
from peerassist.agenda import _content as text
from peerassist.agenda._content import SlotKind
from peerassist.agenda._presets import Preset
from peerassist.agenda._slots import Agenda, Slot
from peerassist.agenda._split import split_quarters
from peerassist.exceptions import AgendaError
from peerassist.model import MeetingWindow

__all__ = ["Block", "DaySpan", "lay_out", "local_instant"]


def local_instant(day: Date, at: _dt.time, zone: str) -> DateTime:
    """The instant of a local wall time on a local date (a skipped time moves forward)."""
    return DateTime.create(day.year, day.month, day.day, at.hour, at.minute, tz=zone)


def utc(value: DateTime) -> DateTime:
    """The same instant in UTC (for comparing and adding absolute time)."""
    return value.in_tz(UTC)


def minutes_text(seconds: float) -> str:
    """Write a length as ``1 h 25 min``."""
    hours, minutes = divmod(int(seconds) // 60, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


@frozen
class DaySpan:
    """One day's meeting window, and the path to name in errors about it."""

    start: DateTime
    end: DateTime
    path: str


@frozen
class Block:
    """A fixed block to place: a pause, or social time inside a window."""

    start: DateTime
    end: DateTime
    kind: SlotKind
    title: str
    description: str = ""
    refs: tuple[str, ...] = ()
    path: str | None = None  # set when it must fit (the assist's own), else skipped


def _head(
    preset: Preset, first: bool, social_at_start: bool, rules: tuple[str, ...]
) -> list[tuple[SlotKind, _dt.timedelta, str, str, tuple[str, ...]]]:
    blocks: list[tuple[SlotKind, _dt.timedelta, str, str, tuple[str, ...]]] = []
    if first:
        social = preset.social
        if social_at_start and social is not None:
            blocks.append(
                (
                    SlotKind.SOCIAL,
                    social.length,
                    social.title,
                    text.SOCIAL_DESCRIPTION,
                    text.SOCIAL_REFS,
                )
            )
        blocks.append(
            (
                SlotKind.OPENING,
                preset.opening,
                text.OPENING_TITLE,
                text.OPENING_DESCRIPTION,
                text.OPENING_REFS,
            )
        )
        blocks.append(
            (
                SlotKind.GROUND_RULES,
                preset.ground_rules,
                text.GROUND_RULES_TITLE,
                text.ground_rules_description(rules),
                text.GROUND_RULES_REFS,
            )
        )
    else:
        blocks.append((SlotKind.RECAP, preset.recap, text.RECAP_TITLE, text.RECAP_DESCRIPTION, ()))
    return [b for b in blocks if b[1].total_seconds() > 0]


def _preset_pauses(preset: Preset, day: Date, zone: str) -> list[_Timed]:
    pauses = [(p, SlotKind.BREAK) for p in preset.breaks]
    if preset.lunch is not None:
        pauses.append((preset.lunch, SlotKind.LUNCH))
    blocks = []
    for pause, kind in pauses:
        start = ts(local_instant(day, pause.at, zone))
        end = start + int(pause.length.total_seconds())
        blocks.append(_Timed(start, end, Block(_NO_TIME, _NO_TIME, kind, pause.title)))
    return blocks


def ts(value: DateTime) -> int:
    """The instant as whole seconds since the epoch (cheap to compare and add)."""
    return int(value.timestamp())


_NO_TIME = DateTime(1970, 1, 1, tzinfo=UTC)


class _Timed:
    """A block with its instants as epoch seconds."""

    __slots__ = ("block", "end", "start")

    def __init__(self, start: int, end: int, block: Block) -> None:
        self.start = start
        self.end = end
        self.block = block


class _Clock:
    """Turns epoch seconds into times in the meeting's zone, each once."""

    __slots__ = ("cache", "tz")

    def __init__(self, sample: DateTime) -> None:
        self.tz = sample.tzinfo
        self.cache: dict[int, DateTime] = {}

    def __call__(self, seconds: int) -> DateTime:
        found = self.cache.get(seconds)
        if found is None:
            found = DateTime.fromtimestamp(seconds, self.tz)
            self.cache[seconds] = found
        return found


def lay_out(
    spans: Sequence[DaySpan],
    preset: Preset,
    zone: str,
    *,
    social_at_start: bool,
    rules: tuple[str, ...],
    inside: Sequence[Block] = (),
    outside: Sequence[Slot] = (),
) -> Agenda:
    """Fill the day windows and return the agenda.

    Args:
        spans: the day windows, in order, each on the step grid.
        preset: the layout (fixed blocks, pauses, step, tolerance).
        zone: the meeting's IANA zone.
        social_at_start: put the preset's social time before the opening.
        rules: the ground rules, for the ground-rules slot's description.
        inside: blocks that must fit inside a window (the assist's social time).
        outside: slots outside the windows (dinner, pre-brief), already built.

    Raises:
        AgendaError: when a window cannot hold its fixed blocks, a required
            block does not fit, or too little time is left for four quarters.
    """
    clock = _Clock(spans[0].start)
    slots: list[Slot] = list(outside)
    free: list[tuple[int, int, int]] = []  # (start, end, day number) in epoch seconds
    required = [_Timed(ts(b.start), ts(b.end), b) for b in inside]
    last = len(spans) - 1
    for index, span in enumerate(spans):
        number = index + 1
        start, end = ts(span.start), ts(span.end)
        cursor = start
        fixed_titles = []
        for kind, length, title, description, refs in _head(
            preset, index == 0, social_at_start, rules
        ):
            fixed_titles.append(title.split(":")[0].lower())
            block_end = cursor + int(length.total_seconds())
            slots.append(_slot(clock, cursor, block_end, kind, title, number, description, refs))
            cursor = block_end
        head_end = cursor
        tail_start = end
        if index == last and preset.closing.total_seconds() > 0:
            tail_start = end - int(preset.closing.total_seconds())
            fixed_titles.append("closing")
            slots.append(
                _slot(
                    clock,
                    tail_start,
                    end,
                    SlotKind.CLOSING,
                    text.CLOSING_TITLE,
                    number,
                    text.CLOSING_DESCRIPTION,
                    text.CLOSING_REFS,
                )
            )
        if tail_start < head_end:
            raise AgendaError(
                f"{span.path}: expected a window of at least"
                f" {minutes_text(head_end - start + end - tail_start)}"
                f" for the fixed blocks ({', '.join(fixed_titles)}), found"
                f" {minutes_text(end - start)}"
                f" ({span.start.isoformat()} to {span.end.isoformat()})"
            )
        day_date = Date(span.start.year, span.start.month, span.start.day)
        taken = _place_pauses(
            [b for b in required if b.start < end and b.end > start],
            _preset_pauses(preset, day_date, zone),
            head_end,
            tail_start,
            clock,
        )
        cursor = head_end
        for timed in taken:
            block = timed.block
            if timed.start > cursor:
                free.append((cursor, timed.start, number))
            slots.append(
                _slot(
                    clock,
                    timed.start,
                    timed.end,
                    block.kind,
                    block.title,
                    number,
                    block.description,
                    block.refs,
                )
            )
            cursor = timed.end
        if tail_start > cursor:
            free.append((cursor, tail_start, number))
    slots.extend(_quarters(free, preset, clock, spans))
    slots.sort(key=lambda s: (s.start.timestamp(), s.end.timestamp()))
    windows = tuple(MeetingWindow(start=s.start, end=s.end) for s in spans)
    return Agenda(
        slots=tuple(slots),
        windows=windows,
        meeting_zone=zone,
        zone=zone,
        step=preset.step,
        title=preset.title,
    )


def _place_pauses(
    required: Sequence[_Timed],
    optional: Sequence[_Timed],
    head_end: int,
    tail_start: int,
    clock: _Clock,
) -> list[_Timed]:
    taken: list[_Timed] = []
    for timed in required:
        if not (head_end <= timed.start and timed.end <= tail_start):
            raise AgendaError(
                f"{timed.block.path}: expected a time inside the meeting window between"
                f" {clock(head_end).isoformat()} and {clock(tail_start).isoformat()} (after"
                f" the opening blocks, before the closing), found"
                f" {timed.block.start.isoformat()} to {timed.block.end.isoformat()}"
            )
        if any(_overlaps(timed, other) for other in taken):
            raise AgendaError(f"{timed.block.path}: expected a time that overlaps no other block")
        taken.append(timed)
    for timed in optional:
        # A pause that does not fall strictly inside the free time is left out
        # of that day (e.g. lunch on a morning-only day).
        fits = head_end < timed.start and timed.end < tail_start
        if fits and not any(_overlaps(timed, other) for other in taken):
            taken.append(timed)
    taken.sort(key=lambda t: t.start)
    return taken


def _overlaps(a: _Timed, b: _Timed) -> bool:
    return a.start < b.end and b.start < a.end


def _slot(
    clock: _Clock,
    start: int,
    end: int,
    kind: SlotKind,
    title: str,
    day: int,
    description: str = "",
    refs: tuple[str, ...] = (),
    quarter: int | None = None,
) -> Slot:
    return Slot(
        start=clock(start),
        end=clock(end),
        kind=kind,
        title=title,
        quarter=quarter,
        day=day,
        description=description,
        refs=refs,
    )


def _quarters(
    free: list[tuple[int, int, int]], preset: Preset, clock: _Clock, spans: Sequence[DaySpan]
) -> list[Slot]:
    step = int(preset.step.total_seconds())
    lengths = [e - s for s, e, _ in free]
    total = sum(lengths)
    if total < 4 * step:
        where = spans[0].path if len(spans) == 1 else f"{spans[0].path}..{spans[-1].path}"
        raise AgendaError(
            f"{where}: expected at least {minutes_text(4 * step)} left for the four quarters"
            " after the fixed blocks and pauses, found"
            f" {minutes_text(total)}"
        )
    cuts = split_quarters(
        lengths, step=step, tolerance=int(preset.quarter_tolerance.total_seconds())
    )
    bounds = (0, *cuts, total)
    slots: list[Slot] = []
    for quarter in (1, 2, 3, 4):
        low, high = bounds[quarter - 1], bounds[quarter]
        offset = 0
        pieces = 0
        for (seg_start, _seg_end, number), length in zip(free, lengths, strict=True):
            a, b = max(low, offset), min(high, offset + length)
            if b > a:
                title = text.QUARTER_TITLES[quarter] + (" (continued)" if pieces else "")
                slots.append(
                    _slot(
                        clock,
                        seg_start + a - offset,
                        seg_start + b - offset,
                        SlotKind.QUARTER,
                        title,
                        number,
                        text.QUARTER_DESCRIPTIONS[quarter],
                        text.QUARTER_REFS[quarter],
                        quarter,
                    )
                )
                pieces += 1
            offset += length
    return slots

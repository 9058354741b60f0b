"""Lay out the slots of a meeting inside its day windows.

The planners (:func:`~peerassist.agenda.plan_agenda` and
:func:`~peerassist.agenda.agenda_for`) decide the windows; this module fills
them: the fixed blocks at the start of the first day and the end of the last,
the pauses at their local times, and the four quarters in the free time
between, split by :func:`~peerassist.agenda._split.split_quarters`.

Instants are whole seconds since the epoch (absolute time, cheap to compare
and add), worked out by :mod:`~peerassist.agenda._instants`; pendulum values
are made only for the finished slots, once per distinct instant.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence

from peerassist._attrs import frozen
from peerassist._time import UTC, Date, DateTime
from peerassist.agenda import _content as text
from peerassist.agenda import _instants, _slots, _split
from peerassist.agenda._agenda import Agenda
from peerassist.agenda._content import SlotKind
from peerassist.agenda._instants import Clock, local_instant, local_seconds
from peerassist.agenda._instants import seconds as ts
from peerassist.agenda._presets import Preset
from peerassist.agenda._slots import Slot, planned_slot, planned_window
from peerassist.agenda._split import split_quarters
from peerassist.exceptions import AgendaError

__all__ = ["Block", "DaySpan", "Placed", "clear_caches", "lay_out", "local_instant", "ts"]


def utc(value: DateTime) -> DateTime:
    """The same instant in UTC (for comparing and adding absolute time)."""
    return value.in_tz(UTC)


def clear_caches() -> None:
    """Forget the planner's cached wall times, quarter splits and checked texts.

    Results never depend on the caches; this is for measuring cold planning.
    """
    _instants.clear_caches()
    _split.clear_cache()
    _slots.clear_text_caches()


def minutes_text(seconds: float) -> str:
    """Write a length as ``1 h 25 min``."""
    hours, minutes = divmod(int(seconds) // 60, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


class DaySpan:
    """One day's meeting window, also as epoch seconds, and the path to name in errors."""

    __slots__ = ("end", "end_s", "path", "start", "start_s")

    def __init__(
        self,
        start: DateTime,
        end: DateTime,
        path: str,
        start_s: int | None = None,
        end_s: int | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.path = path
        self.start_s = ts(start) if start_s is None else start_s
        self.end_s = ts(end) if end_s is None else end_s


Placed = tuple[int, int, Slot]
"""A slot with its start and end as epoch seconds (for sorting and comparing)."""


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


def _preset_pauses(preset: Preset) -> list[tuple[_dt.time, int, Block]]:
    pauses = [(p, SlotKind.BREAK) for p in preset.breaks]
    if preset.lunch is not None:
        pauses.append((preset.lunch, SlotKind.LUNCH))
    return [
        (pause.at, int(pause.length.total_seconds()), Block(_NO_TIME, _NO_TIME, kind, pause.title))
        for pause, kind in pauses
    ]


def _pauses_on(pauses: list[tuple[_dt.time, int, Block]], day: Date, zone: str) -> list[_Timed]:
    timed = []
    for at, length, block in pauses:
        start = local_seconds(day, at, zone)
        timed.append(_Timed(start, start + length, block))
    return timed


_NO_TIME = DateTime(1970, 1, 1, tzinfo=UTC)


class _Timed:
    """A block with its instants as epoch seconds."""

    __slots__ = ("block", "end", "start")

    def __init__(self, start: int, end: int, block: Block) -> None:
        self.start = start
        self.end = end
        self.block = block


class _Slots:
    """The slots laid out so far, each with its instants as epoch seconds (to sort)."""

    __slots__ = ("clock", "items")

    def __init__(self, clock: Clock, outside: Sequence[Placed]) -> None:
        self.clock = clock
        self.items: list[Placed] = list(outside)

    def add(
        self,
        start: int,
        end: int,
        kind: SlotKind,
        title: str,
        day: int,
        description: str = "",
        refs: tuple[str, ...] = (),
        quarter: int | None = None,
    ) -> None:
        clock = self.clock
        slot = planned_slot(clock(start), clock(end), kind, title, day, description, refs, quarter)
        self.items.append((start, end, slot))

    def in_order(self) -> tuple[Slot, ...]:
        # Stable, so equal times keep the order they were laid out in.
        self.items.sort(key=lambda item: (item[0], item[1]))
        return tuple(item[2] for item in self.items)


def lay_out(
    spans: Sequence[DaySpan],
    preset: Preset,
    zone: str,
    *,
    social_at_start: bool,
    rules: tuple[str, ...],
    inside: Sequence[Block] = (),
    outside: Sequence[Placed] = (),
    title: str | None = None,
) -> Agenda:
    """Fill the day windows and return the agenda.

    Args:
        spans: the day windows, in order, each on the step grid.
        preset: the layout (fixed blocks, pauses, step, tolerance).
        zone: the meeting's IANA zone.
        social_at_start: put the preset's social time before the opening.
        rules: the ground rules, for the ground-rules slot's description.
        inside: blocks that must fit inside a window (the assist's social time).
        outside: slots outside the windows (dinner, pre-brief), already built,
            each with its start and end in epoch seconds.
        title: the agenda's title; the preset's when None.

    Raises:
        AgendaError: when a window cannot hold its fixed blocks, a required
            block does not fit, or too little time is left for four quarters.
    """
    clock = Clock(spans[0].start.tzinfo)
    slots = _Slots(clock, outside)
    free: list[tuple[int, int, int]] = []  # (start, end, day number) in epoch seconds
    required = [_Timed(ts(b.start), ts(b.end), b) for b in inside]
    last = len(spans) - 1
    closing = int(preset.closing.total_seconds())
    pauses = _preset_pauses(preset)
    for index, span in enumerate(spans):
        number = index + 1
        start, end = span.start_s, span.end_s
        cursor = start
        fixed_titles = []
        for kind, length, title_, description, refs in _head(
            preset, index == 0, social_at_start, rules
        ):
            fixed_titles.append(title_.split(":")[0].lower())
            block_end = cursor + int(length.total_seconds())
            slots.add(cursor, block_end, kind, title_, number, description, refs)
            cursor = block_end
        head_end = cursor
        tail_start = end
        if index == last and closing > 0:
            tail_start = end - closing
            fixed_titles.append("closing")
            slots.add(
                tail_start,
                end,
                SlotKind.CLOSING,
                text.CLOSING_TITLE,
                number,
                text.CLOSING_DESCRIPTION,
                text.CLOSING_REFS,
            )
        if tail_start < head_end:
            raise AgendaError(
                f"{span.path}: expected a window of at least"
                f" {minutes_text(head_end - start + end - tail_start)}"
                f" for the fixed blocks ({', '.join(fixed_titles)}), found"
                f" {minutes_text(end - start)}"
                f" ({span.start.isoformat()} to {span.end.isoformat()})"
            )
        local = span.start
        taken = _place_pauses(
            [b for b in required if b.start < end and b.end > start],
            _pauses_on(pauses, Date(local.year, local.month, local.day), zone),
            head_end,
            tail_start,
            clock,
        )
        cursor = head_end
        for timed in taken:
            block = timed.block
            if timed.start > cursor:
                free.append((cursor, timed.start, number))
            slots.add(
                timed.start,
                timed.end,
                block.kind,
                block.title,
                number,
                block.description,
                block.refs,
            )
            cursor = timed.end
        if tail_start > cursor:
            free.append((cursor, tail_start, number))
    _quarters(free, preset, slots, spans)
    return Agenda._planned(
        slots.in_order(),
        tuple(planned_window(s.start, s.end) for s in spans),
        zone,
        preset.step,
        preset.title if title is None else title,
    )


def _place_pauses(
    required: Sequence[_Timed],
    optional: Sequence[_Timed],
    head_end: int,
    tail_start: int,
    clock: Clock,
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


def _quarters(
    free: list[tuple[int, int, int]], preset: Preset, slots: _Slots, spans: Sequence[DaySpan]
) -> None:
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
    # One pass over the free segments: each quarter runs from bounds[q - 1]
    # to bounds[q] of free time, and may continue over several segments.
    quarter = 1
    pieces = 0
    offset = 0
    for (seg_start, _seg_end, number), length in zip(free, lengths, strict=True):
        seg_end = offset + length
        while quarter <= 4 and bounds[quarter - 1] < seg_end:
            low, high = max(bounds[quarter - 1], offset), min(bounds[quarter], seg_end)
            if high > low:
                title = text.QUARTER_TITLES[quarter] + (" (continued)" if pieces else "")
                slots.add(
                    seg_start + low - offset,
                    seg_start + high - offset,
                    SlotKind.QUARTER,
                    title,
                    number,
                    text.QUARTER_DESCRIPTIONS[quarter],
                    text.QUARTER_REFS[quarter],
                    quarter,
                )
                pieces += 1
            if bounds[quarter] > seg_end:
                break  # the quarter goes on in the next segment
            quarter += 1
            pieces = 0
        offset = seg_end

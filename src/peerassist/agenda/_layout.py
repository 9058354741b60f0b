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
from peerassist.agenda import _instants, _slots, _solve
from peerassist.agenda._agenda import Agenda
from peerassist.agenda._content import SlotKind
from peerassist.agenda._instants import Clock, local_instant, local_seconds
from peerassist.agenda._instants import seconds as ts
from peerassist.agenda._presets import Preset
from peerassist.agenda._slots import Slot, planned_slot, planned_window
from peerassist.agenda._solve import DayPlan, MovablePause, solve
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
    _solve.clear_cache()
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
        preset: the layout (fixed blocks, pauses, step, tolerance, min_piece).
        zone: the meeting's IANA zone.
        social_at_start: put the preset's social time before the opening.
        rules: the ground rules, for the ground-rules slot's description.
        inside: blocks that must fit inside a window (the assist's social time).
        outside: slots outside the windows (dinner, pre-brief), already built,
            each with its start and end in epoch seconds.
        title: the agenda's title; the preset's when None.

    Raises:
        AgendaError: when a window cannot hold its fixed blocks, a required
            block does not fit, too little time is left for four quarters, or
            no layout keeps the quarters within the tolerance without a
            piece shorter than ``min_piece``.
    """
    clock = Clock(spans[0].start.tzinfo)
    slots = _Slots(clock, outside)
    required = [_Timed(ts(b.start), ts(b.end), b) for b in inside]
    last = len(spans) - 1
    closing = int(preset.closing.total_seconds())
    margin = int(preset.piece_minimum.total_seconds())
    days: list[tuple[int, int, int, list[_Timed], list[_Movable]]] = []
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
        fixed = _fixed_blocks(
            [b for b in required if b.start < end and b.end > start], head_end, tail_start, clock
        )
        local = span.start
        movable = _pauses_on(
            preset, Date(local.year, local.month, local.day), zone, head_end, tail_start, margin
        )
        days.append((number, head_end, tail_start, fixed, movable))
    _quarters(days, preset, slots, spans)
    return Agenda._planned(
        slots.in_order(),
        tuple(planned_window(s.start, s.end) for s in spans),
        zone,
        preset.step,
        preset.title if title is None else title,
    )


class _Movable:
    """A preset's pause on one day: its length and allowed starts, in epoch seconds."""

    __slots__ = ("earliest", "kind", "latest", "length", "preferred", "title")

    def __init__(
        self,
        length: int,
        earliest: int,
        latest: int,
        preferred: int | None,
        kind: SlotKind,
        title: str,
    ) -> None:
        self.length = length
        self.earliest = earliest
        self.latest = latest
        self.preferred = preferred
        self.kind = kind
        self.title = title


def _pauses_on(
    preset: Preset, day: Date, zone: str, head_end: int, tail_start: int, margin: int
) -> list[_Movable]:
    """The preset's pauses whose window meets this day's free time with room to spare.

    The room is ``margin`` (the min_piece) of quarter time on either side: a
    pause squeezed closer to the day's edges would leave a sliver.
    """
    pauses = [(p, SlotKind.BREAK) for p in preset.breaks]
    if preset.lunch is not None:
        pauses.append((preset.lunch, SlotKind.LUNCH))
    found = []
    for pause, kind in pauses:
        length = int(pause.length.total_seconds())
        low_min, high_min = pause.window_minutes()
        low = head_end if low_min is None else _at_minutes(day, low_min, zone)
        high = tail_start if high_min is None else _at_minutes(day, high_min, zone)
        earliest = max(low, head_end + margin)
        latest = min(high, tail_start - margin) - length
        if earliest > latest:
            continue
        preferred = None
        if pause.at is not None:
            at = local_seconds(day, pause.at, zone)
            preferred = min(max(at, earliest), latest)
        found.append(_Movable(length, earliest, latest, preferred, kind, pause.title))
    return found  # put in time order with the fixed blocks by _quarters


def _at_minutes(day: Date, minutes: int, zone: str) -> int:
    if minutes >= 24 * 60:
        return local_seconds(day + _dt.timedelta(days=1), _dt.time(0), zone)
    return local_seconds(day, _dt.time(minutes // 60, minutes % 60), zone)


def _fixed_blocks(
    required: Sequence[_Timed], head_end: int, tail_start: int, clock: Clock
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
    taken.sort(key=lambda t: t.start)
    return taken


def _overlaps(a: _Timed, b: _Timed) -> bool:
    return a.start < b.end and b.start < a.end


_Day = tuple[int, int, int, list[_Timed], list[_Movable]]


def _quarters(days: list[_Day], preset: Preset, slots: _Slots, spans: Sequence[DaySpan]) -> None:
    step = int(preset.step.total_seconds())
    min_piece = int(preset.piece_minimum.total_seconds())
    plans: list[DayPlan] = []
    ordered: list[list[_Timed | _Movable]] = []
    for _number, head_end, tail_start, fixed, movable in days:
        items: list[_Timed | _Movable] = [*fixed, *movable]
        # In time order: by window, then by the middle of the window.
        items.sort(key=_item_start)
        ordered.append(items)
        pauses: list[MovablePause] = []
        for item in items:
            if isinstance(item, _Timed):
                offset = item.start - head_end
                pauses.append((item.end - item.start, offset, offset, offset, True))
            else:
                pauses.append(
                    (
                        item.length,
                        item.earliest - head_end,
                        item.latest - head_end,
                        None if item.preferred is None else item.preferred - head_end,
                        False,
                    )
                )
        plans.append((tail_start - head_end, tuple(pauses)))
    total = sum(free - sum(p[0] for p in pauses) for free, pauses in plans)
    where = spans[0].path if len(spans) == 1 else f"{spans[0].path}..{spans[-1].path}"
    if total < 4 * step:
        raise AgendaError(
            f"{where}: expected at least {minutes_text(4 * step)} left for the four quarters"
            " after the fixed blocks and pauses, found"
            f" {minutes_text(max(total, 0))}"
        )
    tolerance = preset.tolerance_for(total)
    weights = preset.quarters or (1, 1, 1, 1)
    found = solve(plans, step=step, tolerance=tolerance, min_piece=min_piece, weights=weights)
    if found is None:
        raise AgendaError(
            f"{where}: expected a layout of the four quarters within"
            f" {minutes_text(tolerance)} of each other, with no piece of a quarter"
            f" shorter than {minutes_text(min_piece)} (min_piece) beside a break, lunch or"
            f" a day's end, and every pause inside its window; found none for"
            f" {minutes_text(total)} of quarter time. "
            + _what_would_fix(plans, step, tolerance, min_piece, weights, total)
        )
    cuts, positions = found
    bounds = (0, *cuts, total)
    pieces = dict.fromkeys((1, 2, 3, 4), 0)
    offset = 0  # work seconds before this day
    for (number, head_end, _tail, _fixed, _movable), items, points, (free, day_pauses) in zip(
        days, ordered, positions, plans, strict=True
    ):
        work = free - sum(p[0] for p in day_pauses)
        at = head_end  # the clock, in epoch seconds
        done = 0  # work seconds of this day placed so far
        stops: list[_Timed | _Movable | None] = [*items, None]
        for stop, point in zip(stops, [*points, work], strict=True):
            while done < point:
                quarter = _quarter_at(bounds, offset + done)
                upto = min(point, bounds[quarter] - offset)
                title = text.QUARTER_TITLES[quarter]
                description = text.QUARTER_DESCRIPTIONS[quarter]
                if pieces[quarter]:
                    title += " (continued)"
                    description = ""
                slots.add(
                    at,
                    at + upto - done,
                    SlotKind.QUARTER,
                    title,
                    number,
                    description,
                    text.QUARTER_REFS[quarter],
                    quarter,
                )
                pieces[quarter] += 1
                at += upto - done
                done = upto
            if stop is None:
                break
            if isinstance(stop, _Timed):
                block = stop.block
                slots.add(
                    stop.start,
                    stop.end,
                    block.kind,
                    block.title,
                    number,
                    block.description,
                    block.refs,
                )
                at = stop.end
            else:
                slots.add(at, at + stop.length, stop.kind, stop.title, number)
                at += stop.length
        offset += work


def _what_would_fix(
    plans: list[DayPlan],
    step: int,
    tolerance: int,
    min_piece: int,
    weights: tuple[int, int, int, int],
    total: int,
) -> str:
    """Say which relaxation of one constraint would give a layout (tried one at a time).

    Tried: twice the tolerance, a smaller min_piece (down to one step), and
    the pauses free to go anywhere in their day.
    """
    fixes = []
    # Twice the tolerance at most: a wider search costs the cube of its width.
    wider = max(2 * tolerance, tolerance + step)
    loose = solve(plans, step=step, tolerance=wider, min_piece=min_piece, weights=weights)
    if loose is not None:
        cuts = loose[0]
        quarters = (cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], total - cuts[2])
        whole = sum(weights)
        spread = max(q * whole - total * w for q, w in zip(quarters, weights, strict=True))
        spread -= min(q * whole - total * w for q, w in zip(quarters, weights, strict=True))
        needed = -(-spread // whole // step) * step
        fixes.append(f"raise the tolerance to {minutes_text(max(needed, tolerance + step))}")
    piece = min_piece - step
    while piece >= step and len(fixes) < 2:
        if solve(plans, step=step, tolerance=tolerance, min_piece=piece, weights=weights):
            fixes.append(f"lower min_piece to {minutes_text(piece)}")
            break
        piece -= step
    anywhere: list[DayPlan] = []
    for free, pauses in plans:
        opened = [p if p[4] else (p[0], step, free - p[0] - step, None, False) for p in pauses]
        anywhere.append((free, tuple(opened)))
    if solve(anywhere, step=step, tolerance=tolerance, min_piece=min_piece, weights=weights):
        fixes.append("widen the breaks' and lunch's windows (earliest, latest)")
    if not fixes:
        return (
            "No single change of the tolerance, min_piece or the pauses' windows is enough:"
            " change the meeting's length, its fixed blocks or its pauses."
        )
    return "To fix it, " + "; or ".join(fixes) + "; or change the meeting's length."


def _item_start(item: _Timed | _Movable) -> tuple[int, int]:
    if isinstance(item, _Timed):
        return item.start, 2 * item.start
    return item.earliest, item.earliest + item.latest


def _quarter_at(bounds: tuple[int, ...], point: int) -> int:
    quarter = 1
    while quarter < 4 and bounds[quarter] <= point:
        quarter += 1
    return quarter

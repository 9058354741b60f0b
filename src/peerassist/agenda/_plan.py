"""The planners: :func:`plan_agenda` from a start time, :func:`agenda_for` from an assist."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from enum import Enum
from typing import Any, Final

from peerassist._attrs import evolve
from peerassist._time import UTC, Date, DateTime, as_instant, timezone, zone_name
from peerassist.agenda import _content as text
from peerassist.agenda._agenda import Agenda
from peerassist.agenda._content import SlotKind
from peerassist.agenda._instants import Clock, local_instant, local_seconds, shown_in
from peerassist.agenda._instants import seconds as ts
from peerassist.agenda._layout import DaySpan, Placed, lay_out, minutes_text, utc
from peerassist.agenda._presets import (
    Pause,
    PreBrief,
    Preset,
    Social,
    get_preset,
    preset_for_shape,
)
from peerassist.agenda._slots import Slot
from peerassist.exceptions import AgendaError, InputError
from peerassist.model import DEFAULT_GROUND_RULES
from peerassist.model._check import found

__all__ = ["plan_agenda"]

MAX_DAYS = 31
"""The most days a planned meeting may spread over (a guard against runaway input)."""


class Unset(Enum):
    UNSET = "unset"


UNSET: Final = Unset.UNSET


def with_options(preset: Preset, **given: Any) -> Preset:
    chosen = {k: v for k, v in given.items() if v is not UNSET}
    if not chosen:
        return preset
    for name in ("breaks", "quarters"):
        if isinstance(chosen.get(name), list):
            chosen[name] = tuple(chosen[name])
    return evolve(preset, **chosen)


def on_grid(value: DateTime, step_minutes: int) -> bool:
    minutes = value.hour * 60 + value.minute
    return not value.second and not value.microsecond and minutes % step_minutes == 0


def _check_start(value: object, path: str, step_minutes: int) -> DateTime:
    start = as_instant(value, path)
    assert isinstance(value, _dt.datetime)  # as_instant refused anything else
    zone = zone_name(start)
    # The wall time as given: a time skipped by a clock change does not come
    # back unchanged from a round trip through UTC (done on the standard
    # library, as pendulum's in_tz does it, without its overhead).
    wall = value.replace(tzinfo=None, fold=0)
    plain = _dt.datetime(
        start.year,
        start.month,
        start.day,
        start.hour,
        start.minute,
        start.second,
        start.microsecond,
        tzinfo=start.tzinfo,
        fold=start.fold,
    )
    back = plain.astimezone(_dt.UTC).astimezone(timezone(zone))
    if back.replace(tzinfo=None, fold=0) != wall:
        raise InputError.single(
            path,
            f"a local time that exists in {zone}",
            f"{wall.isoformat()}, skipped by a clock change",
        )
    if not on_grid(start, step_minutes):
        raise InputError.single(
            path, f"a time on the {step_minutes}-minute grid", start.isoformat()
        )
    return start


def _day_window(value: object) -> dict[str, Any]:
    if value is UNSET:
        return {}
    if (
        not isinstance(value, tuple | list)
        or len(value) != 2
        or not all(isinstance(t, _dt.time) for t in value)
    ):
        raise InputError.single(
            "day_window", "two local times like (time(9, 0), time(17, 0))", found(value)
        )
    return {"day_start": value[0], "day_end": value[1]}


def plan_agenda(
    start: DateTime,
    *,
    end: DateTime | None = None,
    preset: Preset | str | None = None,
    day_window: tuple[_dt.time, _dt.time] | Unset = UNSET,
    breaks: Sequence[Pause] | Unset = UNSET,
    lunch: Pause | Unset | None = UNSET,
    social: Social | Unset | None = UNSET,
    opening: _dt.timedelta | Unset = UNSET,
    ground_rules: _dt.timedelta | Unset = UNSET,
    recap: _dt.timedelta | Unset = UNSET,
    closing: _dt.timedelta | Unset = UNSET,
    pre_brief: PreBrief | bool | Unset | None = UNSET,
    step: _dt.timedelta | Unset = UNSET,
    tolerance: _dt.timedelta | Unset | None = UNSET,
    min_piece: _dt.timedelta | Unset | None = UNSET,
    quarters: tuple[int, int, int, int] | Unset | None = UNSET,
    rules: Sequence[str] = DEFAULT_GROUND_RULES,
) -> Agenda:
    """Plan a meeting's agenda: fixed blocks, pauses and four quarters (M15-M21).

    Breaks and lunch move inside their windows to where a quarter ends;
    elsewhere they leave no piece of a quarter shorter than ``min_piece``.
    Quarters differ by at most ``tolerance``, the tightest spread first.

    Without ``end``, the preset's ``length`` of meeting time is laid into the
    day windows from ``start`` on: the first day from ``start`` to the
    window's end, later days from the window's start (09:00 local by
    default), until the time is used. With ``end``, every day from the
    start's date to the end's date is used, the last one up to ``end``.

    Days are counted in wall time (a two-day meeting over a clock change
    starts at 09:00 local both days); lengths are absolute time.

    Args:
        start: when the meeting starts; aware, with an IANA zone, which is
            the meeting's zone; on the step grid.
        end: when the meeting ends, in the same zone; None to use the
            preset's length.
        preset: a :class:`Preset`, a preset's name, or None for the one that
            fits the meeting's shape (see :func:`preset_for_shape`): one
            day's without ``end``; with it, by its number of days and length.
        day_window: (start, end) local times each day may use.
        breaks: short breaks, each a length and a window of local times.
        lunch: lunch, or None for none.
        social: social time (M15), or None.
        opening: the opening's length.
        ground_rules: the ground rules' length.
        recap: the recap's length at the start of later days.
        closing: the closing's length.
        pre_brief: a :class:`PreBrief` (or True for the default one) the day
            before (X04), or None/False for none.
        step: the grid of slot boundaries (whole minutes dividing an hour).
        tolerance: how much the longest quarter may exceed the shortest;
            None for the policy's share (10% of a quarter, at least a step).
        min_piece: the shortest piece of a quarter beside a pause or a
            day's end; None for the policy's (20 minutes).
        quarters: the four quarters' intended lengths in minutes, used as
            shares of the time (see :attr:`Preset.quarters`); None for equal.
        rules: the ground rules, for the ground-rules slot's description.

    Returns:
        The :class:`Agenda`, shown in the meeting's zone.

    Raises:
        InputError: a naive start, a start at a local time skipped by a
            clock change, an end before the start, a time off the grid, or
            a bad option (each named by its path).
        AgendaError: a window too small for the fixed blocks, or a meeting
            that cannot be laid out as asked.
    """
    base = get_preset(preset) if preset is not None else _shape_preset(start, end)
    if pre_brief is True:
        pre_brief = PreBrief()
    elif pre_brief is False:
        pre_brief = None
    layout = with_options(
        base,
        **_day_window(day_window),
        breaks=breaks,
        lunch=lunch,
        social=social,
        opening=opening,
        ground_rules=ground_rules,
        recap=recap,
        closing=closing,
        pre_brief=pre_brief,
        step=step,
        tolerance=tolerance,
        min_piece=min_piece,
        quarters=quarters,
    )
    first = _check_start(start, "start", layout.step_minutes)
    zone = zone_name(first)
    if day_window is UNSET and end is not None:
        layout = _widened(layout, first, end)
    if not _within_day(first.time(), layout, closed_end=False):
        raise InputError.single("start", _window_text(layout), first.isoformat())
    spans = (
        _spans_to_end(first, end, layout, zone)
        if end is not None
        else _spans_for_length(first, layout, zone)
    )
    outside = _outside_slots(layout, Date(first.year, first.month, first.day), zone, spans[0])
    social_at_start = layout.social is not None and layout.social.when == "start"
    return lay_out(
        spans,
        layout,
        zone,
        social_at_start=social_at_start,
        rules=tuple(rules),
        outside=outside,
    )


def _widened(layout: Preset, first: DateTime, end: object) -> Preset:
    """A one-day meeting given by its start and end sets its own day: the
    preset's day window grows to hold it (08:30-12:30 is a morning, not an
    error). Other cases are left to the checks that follow."""
    try:
        last = as_instant(end, "end").in_tz(zone_name(first))
    except (InputError, ValueError):
        return layout
    if last.date() != first.date() or last <= first:
        return layout
    begin = min(layout.day_start, first.time().replace(tzinfo=None))
    finish = max(layout.day_end, last.time().replace(tzinfo=None))
    if (begin, finish) == (layout.day_start, layout.day_end):
        return layout
    return evolve(layout, day_start=begin, day_end=finish)


def _shape_preset(start: object, end: object) -> Preset:
    """The preset that fits a meeting from ``start`` to ``end`` (one day without an end)."""
    if end is None or not isinstance(start, _dt.datetime) or not isinstance(end, _dt.datetime):
        return get_preset(None)
    try:
        first, last = as_instant(start, "start"), as_instant(end, "end")
    except InputError:
        return get_preset(None)  # the checks below name the problem
    days = (last.date() - first.date()).days + 1
    seconds = int((utc(last) - utc(first)).total_seconds())
    if days > 1:  # in one day's windows, 09:00-17:00 local
        minutes = (
            max(0, 17 * 60 - first.hour * 60 - first.minute)
            + 8 * 60 * (days - 2)
            + max(0, last.hour * 60 + last.minute - 9 * 60)
        )
        seconds = minutes * 60
    return preset_for_shape(days, seconds)


def _window_text(layout: Preset) -> str:
    return (
        f"a time within the day window {layout.day_start.isoformat('minutes')}"
        f"-{layout.day_end.isoformat('minutes')}"
    )


def _within_day(at: _dt.time, layout: Preset, *, closed_end: bool) -> bool:
    if closed_end:
        return layout.day_start < at <= layout.day_end
    return layout.day_start <= at < layout.day_end


def _day_path(index: int, day: _dt.date) -> str:
    return f"day_window (day {index + 1}, {day.isoformat()})"


_ONE_DAY = _dt.timedelta(days=1)


def _spans_for_length(first: DateTime, layout: Preset, zone: str) -> list[DaySpan]:
    # In epoch seconds: lengths are absolute time, days are wall-clock days.
    clock = Clock(timezone(zone))
    remaining = int(layout.length.total_seconds())
    spans: list[DaySpan] = []
    day = _dt.date(first.year, first.month, first.day)
    begin = first
    while remaining > 0:
        if len(spans) == MAX_DAYS:
            raise AgendaError(
                f"length: expected a meeting that fits in {MAX_DAYS} day windows,"
                f" found {minutes_text(layout.length.total_seconds())}"
            )
        start = ts(begin)
        window_end = local_seconds(day, layout.day_end, zone)
        if window_end > start:
            if window_end <= start + remaining:
                end = window_end
                # The day's end through UTC and back: in UTC itself, that is
                # the local time unchanged (pendulum keeps its fold).
                end_at = local_instant(day, layout.day_end, zone) if clock.tz is UTC else None
            else:
                end, end_at = start + remaining, None
            spans.append(
                DaySpan(
                    shown_in(begin, clock),
                    end_at or clock(end),
                    _day_path(len(spans), day),
                    start,
                    end,
                )
            )
            remaining -= end - start
        day += _ONE_DAY  # wall-clock days: the next day starts at its local time
        begin = local_instant(day, layout.day_start, zone)
    return spans


def _spans_to_end(first: DateTime, end: object, layout: Preset, zone: str) -> list[DaySpan]:
    last = as_instant(end, "end")
    if zone_name(last) != zone:
        raise InputError.single("end", f"a time in the zone of start ({zone})", zone_name(last))
    if utc(last) <= utc(first):
        raise InputError.single(
            "end", f"a time after start ({first.isoformat()})", last.isoformat()
        )
    if not on_grid(last, layout.step_minutes):
        raise InputError.single(
            "end", f"a time on the {layout.step_minutes}-minute grid", last.isoformat()
        )
    first_day = Date(first.year, first.month, first.day)
    last_day = Date(last.year, last.month, last.day)
    if (last_day - first_day).in_days() >= MAX_DAYS:
        raise InputError.single(
            "end", f"a time less than {MAX_DAYS} days after start", last.isoformat()
        )
    if last_day != first_day and not _within_day(last.time(), layout, closed_end=True):
        raise InputError.single("end", _window_text(layout), last.isoformat())
    if last_day == first_day and last.time() > layout.day_end:
        raise InputError.single("end", _window_text(layout), last.isoformat())
    spans: list[DaySpan] = []
    day: _dt.date = first_day
    while day <= last_day:
        s = first if day == first_day else local_instant(day, layout.day_start, zone)
        e = last if day == last_day else local_instant(day, layout.day_end, zone)
        if ts(e) > ts(s):  # both on the grid: whole seconds
            spans.append(DaySpan(s, e, _day_path(len(spans), day)))
        day += _ONE_DAY
    return spans


def _outside_slots(layout: Preset, first_day: Date, zone: str, first: DaySpan) -> list[Placed]:
    before = _dt.date.fromordinal(first_day.toordinal() - 1)
    clock = Clock(timezone(zone))
    slots: list[Placed] = []
    if layout.pre_brief is not None:
        s = local_instant(before, layout.pre_brief.at, zone)
        a = ts(s)
        b = a + int(layout.pre_brief.length.total_seconds())
        slots.append((a, b, pre_brief_slot(s, clock(b), zone)))
    if layout.social is not None and layout.social.when == "evening_before":
        s = local_instant(before, layout.social.at, zone)
        a = ts(s)
        b = a + int(layout.social.length.total_seconds())
        slots.append((a, b, social_slot(s, clock(b), zone, layout.social.title, day=0)))
    _check_apart(slots, "pre_brief", "social", first)
    return slots


def _check_apart(slots: list[Placed], path_a: str, path_b: str, first: DaySpan) -> None:
    for _start, end, slot in slots:
        if end > first.start_s:
            path = path_a if slot.kind == SlotKind.PRE_BRIEF else path_b
            raise AgendaError(
                f"{path}: expected a time ending before the meeting starts"
                f" ({first.start.isoformat()}), found {slot.end.isoformat()}"
            )
    if len(slots) == 2 and slots[0][0] < slots[1][1] and slots[1][0] < slots[0][1]:
        slot_a, slot_b = slots[0][2], slots[1][2]
        raise AgendaError(
            f"{path_a}: expected a time apart from the {path_b} time,"
            f" found {slot_a.start.isoformat()} and {slot_b.start.isoformat()}"
        )


def _shown_in(zone: str, *values: DateTime) -> list[DateTime]:
    # What ``value.in_tz(zone)`` gives (values off whole seconds are rare: convert them).
    clock = Clock(timezone(zone))
    return [shown_in(v, clock) if not v.microsecond else v.in_tz(zone) for v in values]


def pre_brief_slot(start: DateTime, end: DateTime, zone: str, day: int = 0) -> Slot:
    start, end = _shown_in(zone, start, end)
    return Slot(
        start=start,
        end=end,
        kind=SlotKind.PRE_BRIEF,
        title=text.PRE_BRIEF_TITLE,
        day=day,
        description=text.PRE_BRIEF_DESCRIPTION,
        refs=text.PRE_BRIEF_REFS,
        in_window=False,
    )


def social_slot(start: DateTime, end: DateTime, zone: str, title: str, *, day: int) -> Slot:
    start, end = _shown_in(zone, start, end)
    return Slot(
        start=start,
        end=end,
        kind=SlotKind.SOCIAL,
        title=title,
        day=day,
        description=text.SOCIAL_DESCRIPTION,
        refs=text.SOCIAL_REFS,
        in_window=False,
    )

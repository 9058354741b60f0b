"""One planned slot of an agenda: :class:`Slot`, and how the planner builds them."""

from __future__ import annotations

from typing import Any

from peerassist._attrs import frozen
from peerassist._time import (
    Date,
    DateTime,
    Duration,
    Timezone,
    duration,
    is_known_zone,
    timezone,
    zone_name,
)
from peerassist.agenda._content import SlotKind
from peerassist.agenda._instants import Clock, seconds, shown_in
from peerassist.model import MeetingWindow
from peerassist.model._check import _CONTROL, _LINE_BREAK, Checker, found

__all__ = [
    "Slot",
    "SlotKind",
    "clear_text_caches",
    "planned_slot",
    "planned_window",
]


def _seconds(value: DateTime) -> float:
    # The instant as a number: exact, and much cheaper than converting zones.
    # (``timestamp()`` itself is slow on pendulum values; whole seconds, the
    # usual case, are worked out on the standard library to the same float.)
    if value.microsecond or type(value.tzinfo) is not Timezone:
        return value.timestamp()
    return float(seconds(value))


# Texts already found valid, so the same titles, descriptions and refs (the
# method's own, over and over) are checked once. Bounded: cleared when full.
_CACHE_LIMIT = 1024
_GOOD_TITLES: set[str] = set()
_GOOD_DESCRIPTIONS: set[str] = set()
_GOOD_REFS: set[tuple[str, ...]] = set()


def _remember(cache: set[Any], value: Any) -> bool:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache.add(value)
    return True


def clear_text_caches() -> None:
    """Forget the texts found valid (checks never depend on them)."""
    for cache in (_GOOD_TITLES, _GOOD_DESCRIPTIONS, _GOOD_REFS):
        cache.clear()


def _good_title(value: object) -> bool:
    # What Checker.text(required=True) accepts.
    if type(value) is not str:
        return False
    if value in _GOOD_TITLES:
        return True
    if not value.strip() or _CONTROL.search(value) or _LINE_BREAK.search(value):
        return False
    return _remember(_GOOD_TITLES, value)


def _good_description(value: object) -> bool:
    # What Checker.text(single_line=False) accepts.
    if type(value) is not str:
        return False
    if value in _GOOD_DESCRIPTIONS:
        return True
    if _CONTROL.search(value):
        return False
    return _remember(_GOOD_DESCRIPTIONS, value)


def _good_refs(value: object) -> bool:
    # What Checker.texts() accepts without converting (a tuple, not a list).
    if type(value) is not tuple:
        return False
    try:
        if value in _GOOD_REFS:
            return True
    except TypeError:  # an unhashable item: the full check names it
        return False
    for item in value:
        if type(item) is not str or not item.strip():
            return False
        if _CONTROL.search(item) or _LINE_BREAK.search(item):
            return False
    return _remember(_GOOD_REFS, value)


def _plainly_valid(slot: Slot, *, times: bool = True) -> bool:
    """Tell, cheaply, that the full check would find nothing to refuse or convert.

    False means "not sure": the full check then runs and decides, so errors
    and conversions are exactly those of the full check.
    """
    if times:
        # Typed as DateTime, but the constructor may have been given anything.
        start: object = slot.start
        end: object = slot.end
        if not (isinstance(start, DateTime) and isinstance(end, DateTime)):
            return False
        tz = start.tzinfo
        if end.tzinfo is not tz or not isinstance(tz, Timezone):
            return False
        if _seconds(end) <= _seconds(start):
            return False
    kind, quarter, day = slot.kind, slot.quarter, slot.day
    if type(kind) is not SlotKind:
        return False
    if kind is SlotKind.QUARTER:
        if type(quarter) is not int or not 1 <= quarter <= 4:
            return False
    elif quarter is not None:
        return False
    return (
        type(day) is int
        and day >= 0
        and type(slot.in_window) is bool
        and _good_title(slot.title)
        and _good_description(slot.description)
        and _good_refs(slot.refs)
    )


@frozen(kw_only=True)
class Slot:
    """One block of the agenda, from ``start`` to ``end``.

    Attributes:
        start: when it starts (aware, in the agenda's zone).
        end: when it ends; after ``start``, in the same zone.
        kind: what it is (social, opening, ground rules, quarter, break...).
        title: a short title, e.g. ``"Quarter 2: questions"``.
        quarter: 1-4 for a part of the four quarters (M17), else None. A
            quarter that spans a break or a night has several slots.
        day: the meeting day it belongs to, from 1; 0 for what comes before
            the first day (dinner the evening before, the pre-brief).
        description: what happens, in the method's words.
        refs: the method items it encodes (``METHOD.md`` IDs).
        in_window: True when it is part of the meeting time (inside a day's
            window); False for the pre-brief and a dinner outside it.
    """

    start: DateTime
    end: DateTime
    kind: SlotKind
    title: str
    quarter: int | None = None
    day: int = 1
    description: str = ""
    refs: tuple[str, ...] = ()
    in_window: bool = True

    def __attrs_post_init__(self) -> None:
        if not _plainly_valid(self):
            self._check()

    def _check(self) -> None:
        c = Checker(self)
        start = c.instant("start")
        end = c.instant("end")
        if start is not None and end is not None:
            if zone_name(start) != zone_name(end):
                c.add("end", f"a time in the zone of start ({zone_name(start)})", zone_name(end))
            elif _seconds(end) <= _seconds(start):
                c.add("end", f"a time after start ({start.isoformat()})", end.isoformat())
        c.enum("kind", SlotKind)
        c.text("title", required=True)
        quarter = self.quarter
        if self.kind == SlotKind.QUARTER:
            if quarter not in (1, 2, 3, 4) or isinstance(quarter, bool):
                c.add("quarter", "1, 2, 3 or 4 for a quarter slot", found(quarter))
        elif quarter is not None:
            c.add("quarter", "None for a slot that is not a quarter", found(quarter))
        c.integer("day", minimum=0)
        c.text("description", single_line=False)
        c.texts("refs")
        c.boolean("in_window")
        c.done()

    @property
    def length(self) -> Duration:
        """How long it lasts, in absolute time (clock changes count)."""
        return duration(seconds=int(_seconds(self.end) - _seconds(self.start)))

    @property
    def date(self) -> Date:
        """The local date it starts on, in its zone."""
        return Date(self.start.year, self.start.month, self.start.day)

    @property
    def zone(self) -> str:
        """The IANA zone it is shown in."""
        return zone_name(self.start)

    def in_tz(self, zone: str) -> Slot:
        """Return the same slot shown in another IANA zone."""
        if not is_known_zone(zone):  # let pendulum accept or refuse it, as it always has
            return _evolve_times(self, self.start.in_tz(zone), self.end.in_tz(zone))
        return _slot_in(self, _Shown(zone))


class _Shown:
    """``value.in_tz(zone)`` for many values: through a clock for whole seconds.

    Adjacent slots share their boundary values, so each value is converted
    once (remembered by identity while the caller holds the values).
    """

    __slots__ = ("clock", "done", "zone")

    def __init__(self, zone: str) -> None:
        self.zone = zone
        self.clock = Clock(timezone(zone))
        self.done: dict[int, DateTime] = {}

    def __call__(self, value: DateTime) -> DateTime:
        found = self.done.get(id(value))
        if found is None:
            exact = not value.microsecond
            found = shown_in(value, self.clock) if exact else value.in_tz(self.zone)
            self.done[id(value)] = found
        return found


def _slot_in(slot: Slot, shown: _Shown) -> Slot:
    return _evolve_times(slot, shown(slot.start), shown(slot.end))


def _evolve_times(slot: Slot, start: DateTime, end: DateTime) -> Slot:
    # Build directly: the values are already checked, only the zone changes.
    new = object.__new__(Slot)
    s_start, s_end, s_kind, s_title, s_quarter, s_day, s_description, s_refs, s_in = _SET_FIELDS
    s_start(new, start)
    s_end(new, end)
    s_kind(new, slot.kind)
    s_title(new, slot.title)
    s_quarter(new, slot.quarter)
    s_day(new, slot.day)
    s_description(new, slot.description)
    s_refs(new, slot.refs)
    s_in(new, slot.in_window)
    return new


# The slot's field setters: the planner fills a new slot through them,
# skipping the frozen class's __setattr__ and the checks of its times.
_SET_FIELDS = tuple(
    Slot.__dict__[name].__set__
    for name in (
        "start",
        "end",
        "kind",
        "title",
        "quarter",
        "day",
        "description",
        "refs",
        "in_window",
    )
)


def planned_slot(
    start: DateTime,
    end: DateTime,
    kind: SlotKind,
    title: str,
    day: int,
    description: str = "",
    refs: tuple[str, ...] = (),
    quarter: int | None = None,
    in_window: bool = True,
) -> Slot:
    """Build a slot the planner laid out, without re-checking its times.

    The planner makes ``start`` and ``end`` itself (aware, in one zone, in
    order); the rest is checked as the public constructor checks it, and a
    problem raises the same error.
    """
    new = object.__new__(Slot)
    s_start, s_end, s_kind, s_title, s_quarter, s_day, s_description, s_refs, s_in = _SET_FIELDS
    s_start(new, start)
    s_end(new, end)
    s_kind(new, kind)
    s_title(new, title)
    s_quarter(new, quarter)
    s_day(new, day)
    s_description(new, description)
    s_refs(new, refs)
    s_in(new, in_window)
    if not _plainly_valid(new, times=False):
        new._check()
    return new


# Planned windows are built without MeetingWindow's checks (the planner makes
# their times), as long as a window is still just its start and end.
_PLAIN_WINDOW = tuple(a.name for a in MeetingWindow.__attrs_attrs__) == ("start", "end")


def planned_window(start: DateTime, end: DateTime) -> MeetingWindow:
    """Build a meeting window the planner laid out (aware, one zone, in order)."""
    if not _PLAIN_WINDOW:  # pragma: no cover - only if the model grows a field
        return MeetingWindow(start=start, end=end)
    new = object.__new__(MeetingWindow)
    object.__setattr__(new, "start", start)
    object.__setattr__(new, "end", end)
    return new

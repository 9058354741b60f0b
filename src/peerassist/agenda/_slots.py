"""The planned agenda: :class:`Slot`, :class:`AgendaDay` and :class:`Agenda`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from peerassist._attrs import field, frozen
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
from peerassist.agenda import _render
from peerassist.agenda._content import SlotKind
from peerassist.agenda._instants import Clock, seconds, shown_in
from peerassist.exceptions import InputError
from peerassist.model import MeetingWindow
from peerassist.model._check import _CONTROL, _LINE_BREAK, Checker, found

__all__ = [
    "Agenda",
    "AgendaDay",
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


@frozen(kw_only=True)
class AgendaDay:
    """The slots of one local calendar day, in time order.

    Attributes:
        date: the local date, in the agenda's zone.
        slots: its slots, in time order.
    """

    date: Date
    slots: tuple[Slot, ...]

    def __iter__(self) -> Iterator[Slot]:
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)

    @property
    def start(self) -> DateTime:
        """When its first slot starts."""
        return self.slots[0].start

    @property
    def end(self) -> DateTime:
        """When its last slot ends."""
        return self.slots[-1].end

    @property
    def meeting_slots(self) -> tuple[Slot, ...]:
        """Its slots that are part of the meeting time (``in_window``)."""
        return tuple(s for s in self.slots if s.in_window)


@frozen(kw_only=True)
class Agenda:
    """A planned meeting: its slots in time order, and the day windows they fill.

    Iterating over an agenda yields its :class:`Slot` objects in time order.
    Slots never overlap; the slots inside the windows fill them exactly, so
    :attr:`total` equals the windows' summed length.

    Attributes:
        slots: every slot, in time order (sorted in UTC).
        windows: the meeting time, one window per day, in the meeting's zone
            (ready for :class:`~peerassist.model.Logistics`).
        meeting_zone: the meeting's IANA zone.
        zone: the IANA zone the agenda is shown in (see :meth:`in_tz`).
        step: the grid every boundary sits on, in the meeting's local time.
        title: the preset's title, e.g. ``"One day"``.
    """

    slots: tuple[Slot, ...]
    windows: tuple[MeetingWindow, ...]
    meeting_zone: str
    zone: str
    step: Duration = duration(minutes=5)
    title: str = "Peer assist"
    _days: Any = field(default=None, init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        c = Checker(self)
        slots = c.items("slots", Slot)
        c.items("windows", MeetingWindow)
        for name in ("meeting_zone", "zone"):
            if not is_known_zone(getattr(self, name)):
                c.add(name, "an IANA zone name like Europe/London", found(getattr(self, name)))
        c.text("title", required=True)
        c.done()
        for index in range(1, len(slots)):
            if _seconds(slots[index].start) < _seconds(slots[index - 1].end):
                c.add(
                    f"slots[{index}].start",
                    f"a time at or after the previous slot's end ({slots[index - 1].end})",
                    slots[index].start.isoformat(),
                )
        c.done()

    def __iter__(self) -> Iterator[Slot]:
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)

    @classmethod
    def _planned(
        cls,
        slots: tuple[Slot, ...],
        windows: tuple[MeetingWindow, ...],
        zone: str,
        step: Duration,
        title: str,
        *,
        meeting_zone: str | None = None,
    ) -> Agenda:
        # The planner's own result: slots in order, never overlapping, inside
        # their windows. Only what came from outside the planner is checked.
        meeting = zone if meeting_zone is None else meeting_zone
        if not (is_known_zone(zone) and is_known_zone(meeting) and _good_title(title)):
            return cls(
                slots=slots,
                windows=windows,
                meeting_zone=meeting,
                zone=zone,
                step=step,
                title=title,
            )
        new = object.__new__(cls)
        set_ = object.__setattr__
        set_(new, "slots", slots)
        set_(new, "windows", windows)
        set_(new, "meeting_zone", meeting)
        set_(new, "zone", zone)
        set_(new, "step", step)
        set_(new, "title", title)
        set_(new, "_days", None)
        return new

    @property
    def days(self) -> tuple[AgendaDay, ...]:
        """The slots grouped by local calendar day (in :attr:`zone`), in order.

        The evening before the first meeting day, when it holds a dinner or a
        pre-brief, is a day of its own.
        """
        if self._days is None:
            groups: dict[Date, list[Slot]] = {}
            for slot in self.slots:
                groups.setdefault(slot.date, []).append(slot)
            days = tuple(AgendaDay(date=d, slots=tuple(s)) for d, s in groups.items())
            object.__setattr__(self, "_days", days)
        result: tuple[AgendaDay, ...] = self._days
        return result

    @property
    def start(self) -> DateTime:
        """When the meeting time starts (the first window's start)."""
        return self.windows[0].start

    @property
    def end(self) -> DateTime:
        """When the meeting time ends (the last window's end)."""
        return self.windows[-1].end

    @property
    def total(self) -> Duration:
        """The meeting time: the summed length of the slots inside the windows."""
        seconds = sum(int(s.length.total_seconds()) for s in self.slots if s.in_window)
        return duration(seconds=seconds)

    def quarter_totals(self) -> dict[int, Duration]:
        """Return the time of each quarter (1-4), summed over its slots."""
        totals = dict.fromkeys((1, 2, 3, 4), 0)
        for slot in self.slots:
            if slot.quarter is not None:
                totals[slot.quarter] += int(slot.length.total_seconds())
        return {q: duration(seconds=s) for q, s in totals.items()}

    def quarter(self, number: int) -> tuple[Slot, ...]:
        """Return the slots of one quarter (1-4), in time order.

        Raises:
            InputError: when ``number`` is not 1, 2, 3 or 4.
        """
        if number not in (1, 2, 3, 4) or isinstance(number, bool):
            raise InputError.single("number", "1, 2, 3 or 4", found(number))
        return tuple(s for s in self.slots if s.quarter == number)

    def in_tz(self, zone: str) -> Agenda:
        """Return the same agenda shown in another IANA zone (X05).

        The instants do not change; the local times, the zone abbreviations
        and the grouping into :attr:`days` follow ``zone``.

        Raises:
            InputError: when ``zone`` is not a known IANA zone name.
        """
        if not is_known_zone(zone):
            raise InputError.single("zone", "an IANA zone name like Europe/London", found(zone))
        # The instants do not move, so everything checked when this agenda was
        # built still holds: no need to check it again.
        shown = _Shown(zone)
        return Agenda._planned(
            tuple(_slot_in(s, shown) for s in self.slots),
            tuple(planned_window(shown(w.start), shown(w.end)) for w in self.windows),
            zone,
            self.step,
            self.title,
            meeting_zone=self.meeting_zone,
        )

    # -- renderings ----------------------------------------------------------

    def to_text(self) -> str:
        """Render as plain text: one line per slot, grouped by day, with zone abbreviations."""
        return _render.to_text(self)

    def to_markdown(self) -> str:
        """Render as Markdown: a heading and a table per day."""
        return _render.to_markdown(self)

    def to_html(self) -> str:
        """Render as an HTML fragment (a table per day), text escaped."""
        return _render.to_html(self)

    def _repr_html_(self) -> str:
        return self.to_html()

    def to_dict(self) -> dict[str, Any]:
        """Return plain, JSON-ready data, through :func:`peerassist.serialize.unstructure`.

        Times are RFC 9557 text (wall time, offset and zone), durations ISO
        8601; fields that are None are left out. :meth:`from_dict` reads it back.
        """
        return _render.to_dict(self)

    def to_json(self, *, indent: int | None = 2) -> str:
        """Return :meth:`to_dict`'s data as JSON text."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Any) -> Agenda:
        """Build an agenda from :meth:`to_dict`'s data.

        Raises:
            InputError: every problem found, each with its field path.
        """
        return _render.from_dict(data)

"""The planned agenda: :class:`Slot`, :class:`AgendaDay` and :class:`Agenda`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from peerassist._attrs import field, frozen
from peerassist._time import Date, DateTime, Duration, duration, is_known_zone, zone_name
from peerassist.agenda import _render
from peerassist.agenda._content import SlotKind
from peerassist.exceptions import InputError
from peerassist.model import MeetingWindow
from peerassist.model._check import Checker, found

__all__ = ["Agenda", "AgendaDay", "Slot", "SlotKind"]


def _seconds(value: DateTime) -> float:
    # The instant as a number: exact, and much cheaper than converting zones.
    return value.timestamp()


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
        return _evolve_times(self, self.start.in_tz(zone), self.end.in_tz(zone))


def _evolve_times(slot: Slot, start: DateTime, end: DateTime) -> Slot:
    # Build directly: the values are already checked, only the zone changes.
    new = object.__new__(Slot)
    for name in Slot.__attrs_attrs__:
        object.__setattr__(new, name.name, getattr(slot, name.name))
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
        return Agenda(
            slots=tuple(s.in_tz(zone) for s in self.slots),
            windows=tuple(
                MeetingWindow(start=w.start.in_tz(zone), end=w.end.in_tz(zone))
                for w in self.windows
            ),
            meeting_zone=self.meeting_zone,
            zone=zone,
            step=self.step,
            title=self.title,
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
